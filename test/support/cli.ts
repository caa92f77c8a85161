/** Runs `govshare …` in this process, as an operator would run it, with its output collected. */
import { Writable } from 'node:stream'
import { runCli } from '../../src/cli/program.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

function collector() {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk))
      done()
    },
  })
  return { stream, text: () => chunks.join('') }
}

/** `env` is the whole environment the command sees (start from process.env to keep PATH and TZ). */
export async function govshare(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  const out = collector()
  const err = collector()
  const code = await runCli(args, { env, stdout: out.stream, stderr: err.stream, exitCode: 0 })
  return { code, stdout: out.text(), stderr: err.text() }
}
