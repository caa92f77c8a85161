/**
 * Issue 17 item 4: JSON request logs an operator can follow across the proxy, with nothing in them
 * a reader of the log may not see. Record keys (ID numbers) travel in paths and names in query
 * strings, so a request is logged by its route pattern, never by its URL.
 */
import type { FastifyInstance } from 'fastify'
import { AppError } from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import { sendError } from './errors.js'

/** An id the proxy or client sent is kept when it cannot break a log line or flood it. */
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,128}$/

export function requestId(sent: string | string[] | undefined): string {
  return typeof sent === 'string' && WELL_FORMED_ID.test(sent) ? sent : newId()
}

/** The part of a URL that is safe to log: the matched route's pattern, or no path at all. */
export function loggedRoute(request: { routeOptions?: { url?: string } }): string {
  return request.routeOptions?.url ?? '(no route)'
}

/**
 * pino serializers for Fastify's request and reply lines. No headers (tokens, cookies), no URL
 * (keys, names), no body: the route, the method, who connected and the status are enough to
 * find the request's audit entries, which hold the rest under access control.
 */
export const requestLogSerializers = {
  req: (request: { method: string; ip: string; routeOptions?: { url?: string } }) => ({
    method: request.method,
    route: loggedRoute(request),
    remoteAddress: request.ip,
  }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
}

/**
 * Graceful stop: once close() has begun, requests still arriving on kept-alive connections get a
 * clean 503 SERVICE_UNAVAILABLE in the contract's shape (Fastify's own 503 skips the logs and the
 * shape), those already accepted run to their reply, and every reply from then on closes its
 * connection: Node closes only the connections idle when close() began, and a busy one would
 * otherwise hold the stop for the keep-alive timeout.
 */
export function registerClosing(app: FastifyInstance): void {
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  // Hooks on every request take a callback, not a promise: one microtask less each (issue 17).
  app.addHook('onRequest', (request, reply, done) => {
    if (!closing) {
      return done()
    }
    request.log.info('refused: the server is stopping')
    // Answered here: done is not called, so the request goes no further.
    sendError(request, reply, new AppError('SERVICE_UNAVAILABLE'))
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) {
      reply.header('connection', 'close')
    }
    done(null, payload)
  })
}
