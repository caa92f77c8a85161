#!/usr/bin/env node
/**
 * `npm start` (prestart): build the server and the portal only when their sources changed since
 * the last successful build, so a restart takes seconds instead of 25 s (issue 15 item 5).
 * `npm run build` passes --force and always builds both. A content hash rather than mtimes: a
 * checkout, copy or archive that keeps old timestamps must still trigger a build (decisions §43).
 *
 * Each target's stamp (the hash of its inputs at the last good build) sits in its own output
 * folder, so deleting dist/ or web/dist/ means "build again". The portal also reads server files
 * (the schemas it imports): its vite build records every repository file it bundled in
 * web/dist/.build-inputs.json (web/vite-plugins.ts), and those files count as its inputs.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const PORTAL_INPUTS_FILE = '.build-inputs.json'
const STAMP_FILE = '.build-stamp.json'
const SHARED_INPUTS = ['package.json', 'package-lock.json']

/** @type {Record<'server' | 'portal', import('./build-if-changed.d.mts').Target>} */
export const TARGETS = {
  server: {
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', ...SHARED_INPUTS],
    skip: ['src/**/*.test.ts'],
    outDir: 'dist',
    output: 'dist/main.js',
    command: ['npx', 'tsc', '-p', 'tsconfig.build.json'],
  },
  portal: {
    inputs: ['web', ...SHARED_INPUTS],
    skip: ['web/dist', 'web/src/**/*.test.ts'],
    outDir: 'web/dist',
    output: 'web/dist/index.html',
    command: ['npx', 'vite', 'build', 'web'],
  },
}

/** Every file under the given paths (relative to root, '/'-separated, sorted), minus `skip`. */
export function listInputs(root, paths, skip = []) {
  const skipped = (rel) => skip.some((pattern) => matches(rel, pattern))
  const found = new Set()
  const walk = (rel) => {
    if (skipped(rel)) {
      return
    }
    const abs = path.join(root, rel)
    let stat
    try {
      stat = fs.statSync(abs)
    } catch {
      found.add(rel) // counted as missing: its appearance later changes the hash
      return
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs)) {
        walk(`${rel}/${name}`)
      }
    } else {
      found.add(rel)
    }
  }
  for (const p of paths) {
    walk(p)
  }
  return [...found].sort()
}

/** Only the two shapes of pattern used above: a path prefix, or a folder, `**` and a file ending. */
function matches(rel, pattern) {
  const [dir, ext] = pattern.split('/**/*')
  if (ext === undefined) {
    return rel === pattern || rel.startsWith(`${pattern}/`)
  }
  return rel.startsWith(`${dir}/`) && rel.endsWith(ext)
}

/** One hash over the names and contents of the files; a missing file hashes as missing. */
export function hashInputs(root, files) {
  const hash = createHash('sha256')
  for (const rel of files) {
    hash.update(`${rel}\0`)
    try {
      hash.update(fs.readFileSync(path.join(root, rel)))
    } catch {
      hash.update('\0missing\0')
    }
    hash.update('\0')
  }
  return hash.digest('hex')
}

/**
 * Whether a target must be built: the pure decision, given what is on disk.
 * @param {{ force: boolean, outputExists: boolean, stampHash: string | undefined, inputsHash: string | undefined }} state
 * @returns {string | undefined} why it must be built, or undefined when the last build still holds
 */
export function buildReason({ force, outputExists, stampHash, inputsHash }) {
  if (force) {
    return 'asked to build'
  }
  if (!outputExists) {
    return 'never built'
  }
  if (stampHash === undefined || inputsHash === undefined) {
    return 'no record of the last build'
  }
  return stampHash === inputsHash ? undefined : 'sources changed'
}

/** The target's inputs now: its own files, plus (portal) the server files its last build bundled. */
export function currentInputs(root, target) {
  const files = listInputs(root, target.inputs, target.skip)
  if (target !== TARGETS.portal) {
    return files
  }
  const recorded = readJson(path.join(root, target.outDir, PORTAL_INPUTS_FILE))
  if (!Array.isArray(recorded)) {
    return undefined
  }
  return [...new Set([...files, ...recorded.filter((f) => typeof f === 'string')])].sort()
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

function buildIfChanged(root, name, target, force) {
  const stamp = path.join(root, target.outDir, STAMP_FILE)
  const before = currentInputs(root, target)
  const reason = buildReason({
    force,
    outputExists: fs.existsSync(path.join(root, target.output)),
    stampHash: readJson(stamp)?.hash,
    inputsHash: before && hashInputs(root, before),
  })
  if (reason === undefined) {
    process.stdout.write(`govshare: ${name} is up to date (no source changed since its last build)\n`)
    return 0
  }
  process.stdout.write(`govshare: building the ${name} (${reason})\n`)
  const [command = 'npx', ...args] = target.command
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    return result.status ?? 1
  }
  // The server's inputs are hashed as they were before the build, so an edit made during the
  // build is seen next time; the portal's list is only known once its build has recorded it.
  const after = target === TARGETS.portal ? currentInputs(root, target) : before
  if (after) {
    fs.writeFileSync(stamp, `${JSON.stringify({ hash: hashInputs(root, after) })}\n`)
  }
  return 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const force = process.argv.includes('--force')
  for (const [name, target] of Object.entries(TARGETS)) {
    const code = buildIfChanged(root, name, target, force)
    if (code !== 0) {
      process.exit(code)
    }
  }
}
