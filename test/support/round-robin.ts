/**
 * A round-robin load balancer in front of several instances, as a city would put nginx in front
 * of them: each request goes to the next instance in turn, whatever connection it came on.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RoundRobin {
  url: string
  /** Requests sent to each instance, in the order of `targets`. */
  hits: number[]
  close(): Promise<void>
}

export async function startRoundRobin(targets: readonly string[]): Promise<RoundRobin> {
  let turn = 0
  const hits = targets.map(() => 0)
  const agent = new http.Agent({ keepAlive: true })
  const server = http.createServer((request, response) => {
    const index = turn++ % targets.length
    hits[index] = (hits[index] ?? 0) + 1
    const upstream = http.request(
      new URL(request.url ?? '/', targets[index]),
      { method: request.method, headers: request.headers, agent },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.pipe(response)
      },
    )
    upstream.on('error', () => {
      response.writeHead(502).end()
    })
    request.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      agent.destroy()
    },
  }
}
