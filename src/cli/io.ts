/**
 * Where a command reads its settings and writes, and the exit code it chose: the process for
 * `govshare`, buffers when a test runs the same program in-process (issue 14: no process start,
 * no TypeScript compile per command).
 */
export interface CliIo {
  env: Record<string, string | undefined>
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  exitCode: number
}
