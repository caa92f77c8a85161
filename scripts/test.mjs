#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, unit and scenario tests, the portal in Chromium (issue 14).
 * The checks that do not depend on each other run side by side (each mostly uses one core);
 * a step's output is printed whole when it ends, so parallel logs stay readable. The first
 * failing stage stops the run with its exit code.
 */
import { spawn } from 'node:child_process'

const STAGES = [
  // Typecheck, lint and the portal build read the sources only.
  ['typecheck:server', 'typecheck:web', 'lint', 'build:web'],
  ['test:unit'],
  ['test:browser'],
]

function run(script) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    const output = []
    child.stdout.on('data', (chunk) => output.push(chunk))
    child.stderr.on('data', (chunk) => output.push(chunk))
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      process.stdout.write(
        `\n── ${script} (${seconds} s, exit ${code}) ──\n${Buffer.concat(output).toString()}`,
      )
      resolve(code ?? 1)
    })
  })
}

const started = Date.now()
for (const stage of STAGES) {
  const codes = await Promise.all(stage.map(run))
  const failed = codes.find((code) => code !== 0)
  if (failed !== undefined) {
    process.stdout.write(`\nnpm test failed in: ${stage.filter((_, i) => codes[i] !== 0).join(', ')}\n`)
    process.exit(failed)
  }
}
process.stdout.write(`\nnpm test passed in ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
