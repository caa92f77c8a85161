/** Builds the Fastify app from the modules, without listening: tests and main.ts both use it. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Services } from './container.js'
import { registerActorResolution } from './http/auth.js'
import {
  clientErrorHandler,
  frameworkErrorHandler,
  refusalActor,
  registerErrorHandling,
} from './http/errors.js'
import { registerJsonBody } from './http/json-body.js'
import { registerMetricsRoute, registerRequestMetrics } from './http/metrics-route.js'
import { registerOpenApi } from './http/openapi.js'
import { registerPortal } from './http/portal.js'
import { registerClosing, requestId, requestLogSerializers } from './http/request-log.js'
import { registerSerialization } from './http/serialization.js'
import { registerSignInGuard, signInLimits } from './http/sign-in-guard.js'
import { systemApiDocs } from './http/system-api-docs.js'
import { systemRoutes } from './http/system-routes.js'
import { registerValidation } from './http/validation.js'
import {
  auditApiDocs,
  auditKeyRoutes,
  auditRoutes,
  auditSearchRoutes,
  checkpointRoutes,
} from './modules/audit/index.js'
import { calendarApiDocs, calendarRoutes } from './modules/calendar/index.js'
import {
  catalogApiDocs,
  catalogClassRoutes,
  catalogElementRoutes,
  catalogExcelRoutes,
  catalogRoutes,
  catalogSearchRoutes,
  catalogSynonymRoutes,
  ckanRoutes,
  itProjectRoutes,
  openCatalogApiDocs,
  openCatalogRoutes,
} from './modules/catalog/index.js'
import { countyApiDocs, countyRoutes } from './modules/county/index.js'
import {
  exchangeApiDocs,
  exchangeFileRoutes,
  exchangeFreshnessRoutes,
  exchangeRoutes,
  exchangeUpstreamRoutes,
} from './modules/exchange/index.js'
import { federationApiDocs, federationRoutes } from './modules/federation/index.js'
import { notificationApiDocs, notificationRoutes } from './modules/notifications/index.js'
import { clientRoutes, mfaRoutes, orgApiDocs, orgRoutes } from './modules/org/index.js'
import { qualityApiDocs, qualityRoutes } from './modules/quality/index.js'
import { sharingApiDocs, sharingRoutes } from './modules/sharing/index.js'
import { rectificationRoutes, supervisionApiDocs, supervisionRoutes } from './modules/supervision/index.js'
import { type Clock, systemClock } from './shared/clock.js'
import { AppError } from './shared/errors.js'

export interface AppOptions {
  logLevel?: string
  /** Believe x-forwarded-* from these proxies (issue 13: HSTS behind a TLS-terminating proxy). */
  trustProxy?: boolean | string[]
  /** Serve /metrics to a scraper presenting this (issue 17); unset, /metrics is 404. */
  metricsToken?: string
  clock?: Clock
}

/** Every module's words for the API reference (decisions §48), applied to the generated document. */
export const API_DOCS = [
  systemApiDocs,
  orgApiDocs,
  auditApiDocs,
  calendarApiDocs,
  notificationApiDocs,
  catalogApiDocs,
  openCatalogApiDocs,
  sharingApiDocs,
  exchangeApiDocs,
  qualityApiDocs,
  supervisionApiDocs,
  federationApiDocs,
  countyApiDocs,
]

/** One year, subdomains included: what 等保 assessors and browsers' preload lists expect. */
const HSTS = 'max-age=31536000; includeSubDomains'

export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', serializers: requestLogSerializers },
    // Issue 17: a well-formed x-request-id from the proxy is kept, so one id follows a request.
    genReqId: (request) => requestId(request.headers['x-request-id']),
    requestIdHeader: false,
    // registerClosing answers late arrivals in the contract's shape instead.
    return503OnClosing: false,
    bodyLimit: 8 * 1024 * 1024,
    // Record keys travel in the path; several URL-encoded Chinese key parts exceed the default 100.
    routerOptions: { maxParamLength: 600 },
    frameworkErrors: frameworkErrorHandler,
    // Malformed or oversized headers never reach a route: answer them in the contract's shape too.
    clientErrorHandler,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>()
  registerClosing(app)
  registerValidation(app)
  registerSerialization(app)
  registerJsonBody(app)

  registerErrorHandling(app, {
    recordRefusal: (request, code) =>
      services.audit.record(refusalActor(request), {
        action: 'access.denied',
        objectType: 'route',
        objectId: `${request.method} ${request.routeOptions.url ?? request.url}`,
        details: { code, url: request.url.slice(0, 500) },
      }),
  })
  app.addHook('onRequest', (request, _reply, done) => {
    // PostgreSQL cannot store NUL in text: refuse it in paths and query strings as a client error.
    if (request.url.includes('%00')) {
      return done(
        new AppError('VALIDATION_FAILED', { field: 'url', reason: 'NUL characters are not allowed' }),
      )
    }
    done()
  })
  const limits = signInLimits(services.signInLimits)
  registerActorResolution(app, services.auth.resolveRequest, {
    onBadToken: (address) => services.rateLimiter.count(limits.badTokenPerAddress, address),
  })
  registerSignInGuard(app, { limiter: services.rateLimiter, auth: services.auth, limits })
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'no-referrer')
    // request.protocol is https on a TLS socket, or from x-forwarded-proto only when trustProxy allows it.
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', HSTS)
    }
    if (request.url.startsWith('/api/')) {
      reply.header('cache-control', 'no-store')
    }
    done(null, payload)
  })

  registerRequestMetrics(app, services.metrics)
  if (options.metricsToken) {
    await registerMetricsRoute(app, services, {
      token: options.metricsToken,
      clock: options.clock ?? systemClock,
    })
  }
  await registerOpenApi(app, API_DOCS)
  await app.register(systemRoutes, { db: services.db })
  await app.register(auditKeyRoutes, { audit: services.audit })
  await registerPortal(app)
  // Issue 16 item 4 (Art. 23): CKAN clients expect the action API at the server root.
  await app.register(ckanRoutes, { prefix: '/api/3/action', open: services.catalog.open })
  await app.register(
    async (api) => {
      await api.register(orgRoutes, { org: services.org, auth: services.auth })
      await api.register(mfaRoutes, { auth: services.auth })
      await api.register(clientRoutes, { auth: services.auth })
      await api.register(auditRoutes, { audit: services.audit })
      await api.register(checkpointRoutes, { audit: services.audit })
      await api.register(auditSearchRoutes, { search: services.auditSearch })
      await api.register(calendarRoutes, { calendar: services.calendar })
      await api.register(notificationRoutes, { notifications: services.notifications })
      await api.register(catalogRoutes, services.catalog)
      await api.register(catalogSearchRoutes, { search: services.catalog.search })
      await api.register(catalogSynonymRoutes, { synonyms: services.catalog.synonyms })
      await api.register(catalogClassRoutes, { tree: services.catalog.tree })
      await api.register(catalogElementRoutes, { elements: services.catalog.elements })
      await api.register(itProjectRoutes, { projects: services.catalog.projects })
      await api.register(openCatalogRoutes, { open: services.catalog.open })
      await api.register(catalogExcelRoutes, { catalog: services.catalog.catalog })
      await api.register(sharingRoutes, { sharing: services.sharing })
      await api.register(exchangeRoutes, { exchange: services.exchange })
      await api.register(exchangeUpstreamRoutes, { exchange: services.exchange })
      await api.register(exchangeFileRoutes, { exchange: services.exchange })
      await api.register(exchangeFreshnessRoutes, { exchange: services.exchange })
      await api.register(qualityRoutes, { quality: services.quality })
      await api.register(supervisionRoutes, { supervision: services.supervision })
      await api.register(rectificationRoutes, { rectification: services.rectification })
      await api.register(federationRoutes, { federation: services.federation })
      await api.register(countyRoutes, { imports: services.county.imports })
    },
    { prefix: '/api/v1' },
  )
  return app
}
