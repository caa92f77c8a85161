/** `npm start` builds a target only when its sources changed (scripts/build-if-changed.mjs). */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  buildReason,
  currentInputs,
  hashInputs,
  listInputs,
  PORTAL_INPUTS_FILE,
  TARGETS,
} from '../scripts/build-if-changed.mjs'

describe('build if changed', () => {
  let root: string
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    fs.writeFileSync(path.join(root, rel), text)
  }
  const serverHash = () => hashInputs(root, currentInputs(root, TARGETS.server) ?? [])

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-build-'))
    write('src/main.ts', 'start()\n')
    write('src/main.test.ts', 'test()\n')
    write('tsconfig.json', '{}\n')
    write('web/src/App.tsx', 'app\n')
    write('web/dist/index.html', '<html>\n')
  })
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

  it('decides: forced, never built, no stamp, changed → build; same hash → skip', () => {
    const state = { force: false, outputExists: true, stampHash: 'a', inputsHash: 'a' }
    expect(buildReason(state)).toBeUndefined()
    expect(buildReason({ ...state, force: true })).toBe('asked to build')
    expect(buildReason({ ...state, outputExists: false })).toBe('never built')
    expect(buildReason({ ...state, stampHash: undefined })).toBe('no record of the last build')
    expect(buildReason({ ...state, inputsHash: 'b' })).toBe('sources changed')
  })

  it('lists sources but not outputs or tests; a missing input still counts', () => {
    expect(listInputs(root, TARGETS.server.inputs, TARGETS.server.skip)).toEqual([
      'package-lock.json',
      'package.json',
      'src/main.ts',
      'tsconfig.build.json',
      'tsconfig.json',
    ])
    expect(listInputs(root, TARGETS.portal.inputs, TARGETS.portal.skip)).toContain('web/src/App.tsx')
    expect(listInputs(root, TARGETS.portal.inputs, TARGETS.portal.skip)).not.toContain('web/dist/index.html')
  })

  it('changes the hash with a content change, not with a touch or a test edit', () => {
    const before = serverHash()
    const later = new Date(Date.now() + 60_000)
    fs.utimesSync(path.join(root, 'src/main.ts'), later, later)
    write('src/main.test.ts', 'test(2)\n')
    expect(serverHash()).toBe(before)
    write('src/main.ts', 'start(2)\n')
    expect(serverHash()).not.toBe(before)
    write('src/main.ts', 'start()\n')
    write('package-lock.json', '{}\n')
    expect(serverHash()).not.toBe(before)
  })

  it("counts the server files the portal's last build bundled as portal inputs", () => {
    expect(currentInputs(root, TARGETS.portal)).toBeUndefined()
    write(`web/dist/${PORTAL_INPUTS_FILE}`, JSON.stringify(['src/shared/schema.ts', 'web/src/App.tsx']))
    write('src/shared/schema.ts', 'export const A = 1\n')
    const inputs = currentInputs(root, TARGETS.portal) ?? []
    expect(inputs).toContain('src/shared/schema.ts')
    expect(inputs).not.toContain('src/main.ts')
    const before = hashInputs(root, inputs)
    write('src/main.ts', 'start(3)\n')
    expect(hashInputs(root, inputs)).toBe(before)
    write('src/shared/schema.ts', 'export const A = 2\n')
    expect(hashInputs(root, inputs)).not.toBe(before)
  })
})
