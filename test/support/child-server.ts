/**
 * The real server (src/main.ts) in a child process, for the stories only a process can tell:
 * killed (durability-suite.ts), stopped by a signal under load (shutdown.test.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { TEST_PG_URL } from './dialects.js'
import { ApiClient } from './platform.js'

const REPO_ROOT = path.resolve(import.meta.dirname, '../..')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface Server {
  child: ChildProcess
  api: ApiClient
  output: () => string
  exited: Promise<number | null>
}

export async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort()
  const base = { ...process.env }
  delete base.DATABASE_URL
  // One process (no npx/tsx wrapper), so SIGKILL reaches the server itself and nothing lingers.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...base, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const api = new ApiClient(`http://127.0.0.1:${port}`)
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server exited ${child.exitCode}: ${output}`)
    }
    const ready = await api.get('/readyz').catch(() => undefined)
    if (ready?.status === 200) {
      return { child, api, output: () => output, exited }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server not ready within 60 s: ${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function kill(server: Server): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL')
  }
  await server.exited
}

export async function pgAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
