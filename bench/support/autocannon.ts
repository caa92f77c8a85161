/** HTTP load from a second process (autocannon), so the load does not share the server's event loop. */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')

export interface Load {
  rps: number
  p50: number
  p99: number
  ok: number
  other: number
  errors: number
  seconds: number
  /** The loader's own CPU time over the run, in cores (1 = a whole core: the load, not the server, may be the limit). */
  loaderCores: number
  /** This process's CPU time over the run, in cores: the server's when it runs here (all the benches). */
  serverCores: number
}

// Runs in the second process: autocannon against one URL, paths taken in turn from a list.
const LOADER = `
import fs from 'node:fs'
import autocannon from 'autocannon'
const job = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'))
let next = 0
const began = process.cpuUsage()
// autocannon's own duration is in whole seconds: too coarse for a run of a few seconds.
const startedAt = performance.now()
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  ...(job.amount ? { amount: job.amount } : { duration: job.seconds }),
  timeout: 30,
  headers: job.headers,
  requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: job.paths[next++ % job.paths.length] }) }],
})
process.stdout.write(JSON.stringify({
  ok: result['2xx'], other: result.non2xx, errors: result.errors + result.timeouts,
  seconds: (performance.now() - startedAt) / 1000, p50: result.latency.p50, p99: result.latency.p99,
  loaderCores: (() => { const used = process.cpuUsage(began); return (used.user + used.system) / 1e3 / (performance.now() - startedAt) })(),
}))
`

export async function load(
  baseUrl: string,
  paths: string[],
  headers: Record<string, string>,
  run: ({ seconds: number } | { amount: number }) & { connections: number },
): Promise<Load> {
  const jobFile = path.join(os.tmpdir(), `govshare-bench-${process.pid}.json`)
  fs.writeFileSync(jobFile, JSON.stringify({ url: baseUrl, headers, paths, ...run }))
  const began = { cpu: process.cpuUsage(), at: performance.now() }
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', LOADER, jobFile], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8')
      })
      child.on('error', reject)
      child.on('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`autocannon exited ${code}`)),
      )
    })
    const result = JSON.parse(out) as Omit<Load, 'rps' | 'serverCores'>
    const used = process.cpuUsage(began.cpu)
    const serverCores = (used.user + used.system) / 1000 / (performance.now() - began.at)
    return { ...result, rps: result.ok / result.seconds, serverCores }
  } finally {
    fs.rmSync(jobFile, { force: true })
  }
}

/** A warm-up for `seconds` sizes a run of a fixed number of requests lasting about as long. */
export async function measure(
  baseUrl: string,
  paths: string[],
  headers: Record<string, string>,
  { seconds, connections }: { seconds: number; connections: number },
) {
  const warm = await load(baseUrl, paths, headers, {
    seconds: Math.max(2, Math.round(seconds / 3)),
    connections,
  })
  const amount = Math.max(connections * 20, Math.round((warm.rps * seconds) / connections) * connections)
  return { amount, warm }
}
