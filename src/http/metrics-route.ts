/**
 * GET /metrics for Prometheus (issue 17 item 4, decisions §54). Served only when
 * GOVSHARE_METRICS_TOKEN is set, to a scraper presenting it as HTTP Basic credentials (user
 * `metrics`): Prometheus has no platform session, and a Bearer token would be taken for one (and
 * counted as a bad token). Outside the API document and the roles' route map: no role reads it.
 */
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Services } from '../container.js'
import type { Clock } from '../shared/clock.js'
import { sm3Hex } from '../shared/crypto.js'
import { shanghaiDate } from '../shared/dates.js'
import { AppError } from '../shared/errors.js'
import type { GaugeSample, PlatformMetrics } from '../shared/metrics.js'

/** The day's most-read grants reported by id; the rest are summed under grant="other". */
export const GRANTS_REPORTED = 200

/** Compares digests, so neither the length nor the content of the token leaks through timing. */
export function credentialsMatch(request: Pick<FastifyRequest, 'headers'>, token: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,400})$/i.exec(request.headers.authorization ?? '')
  if (!match?.[1]) {
    return false
  }
  const presented = Buffer.from(match[1], 'base64').toString('utf8')
  return timingSafeEqual(
    Buffer.from(sm3Hex(presented), 'hex'),
    Buffer.from(sm3Hex(`metrics:${token}`), 'hex'),
  )
}

/** Counts every answered request by its route pattern (never its URL: keys travel in paths). */
export function registerRequestMetrics(app: FastifyInstance, metrics: PlatformMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? '(no route)'
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) })
    metrics.httpSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000)
    done()
  })
}

export async function registerMetricsRoute(
  app: FastifyInstance,
  services: Pick<Services, 'metrics' | 'audit'>,
  options: { token: string; clock: Clock },
): Promise<void> {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!credentialsMatch(request, options.token)) {
      reply.header('www-authenticate', 'Basic realm="govshare metrics"')
      throw new AppError('AUTH_REQUIRED')
    }
    const figures = await services.audit.logFigures(shanghaiDate(options.clock.now()), GRANTS_REPORTED + 1)
    const shown = figures.grants.slice(0, GRANTS_REPORTED)
    const rest = figures.grants.slice(GRANTS_REPORTED)
    const perGrant = (pick: (grant: (typeof shown)[number]) => number): GaugeSample[] => [
      ...shown.map((grant) => ({ labels: { grant: grant.grantId }, value: pick(grant) })),
      ...(rest.length > 0
        ? [{ labels: { grant: 'other' }, value: rest.reduce((sum, g) => sum + pick(g), 0) }]
        : []),
    ]
    const text = await services.metrics.registry.render([
      {
        name: 'govshare_audit_head_seq',
        help: 'Entries in the audit chain',
        samples: [{ value: figures.headSeq }],
      },
      {
        name: 'govshare_audit_forward_lag_entries',
        help: 'Committed audit entries not yet sent to each forwarding target',
        labelNames: ['target'],
        samples: figures.forwarding.map((cursor) => ({
          labels: { target: cursor.target },
          value: figures.headSeq - cursor.seq,
        })),
      },
      {
        name: 'govshare_grant_records_read_today',
        help: 'Records served today (Asia/Shanghai) per grant, from the read meters',
        labelNames: ['grant'],
        samples: perGrant((grant) => grant.units),
      },
      {
        name: 'govshare_grant_misses_today',
        help: 'Keys asked today that matched no record, per grant',
        labelNames: ['grant'],
        samples: perGrant((grant) => grant.misses),
      },
      {
        name: 'govshare_process_resident_bytes',
        help: 'Resident memory of this instance',
        samples: [{ value: process.memoryUsage.rss() }],
      },
    ])
    return reply.type(services.metrics.registry.contentType).send(text)
  })
}
