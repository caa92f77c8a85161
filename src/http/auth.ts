/**
 * Who is calling: resolves the bearer token into an Actor before any route runs, counts bad
 * tokens per address (issue 13), and holds a restricted session (first or expired password, second
 * factor to enrol, API client off its allowlist) to the few routes that lift the restriction.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AccessSnapshot } from '../db/access-cache.js'
import type { Actor } from '../shared/actor.js'
import { AppError, type ErrorCode } from '../shared/errors.js'

export type Restriction = 'password_change' | 'mfa_enrolment' | 'address_not_allowed'

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
    /** The access answers the actor was resolved from, for the request's other access questions. */
    access: AccessSnapshot | undefined
    /** What this session may not do yet (empty for most). */
    restrictions: readonly Restriction[] | undefined
  }
  interface FastifyContextConfig {
    /** An API route anyone may call without a token (sign-in, the public calendar). */
    public?: boolean
  }
}

interface Resolved {
  actor: Actor
  access?: AccessSnapshot
  restrictions?: readonly Restriction[]
}

export interface ActorResolutionOptions {
  /** Called for each token that resolves to nobody; throws AUTH_RATE_LIMITED past the limit. */
  onBadToken?: (address: string) => Promise<void>
}

/** Routes a restricted session may still call, by restriction (method and route pattern). */
const ALWAYS = ['POST /api/v1/auth/logout', 'GET /api/v1/auth/me', 'GET /api/v1/auth/security']
const LIFTED_BY: Record<Restriction, { code: ErrorCode; routes: string[] }> = {
  password_change: { code: 'AUTH_PASSWORD_CHANGE_REQUIRED', routes: ['POST /api/v1/auth/password'] },
  mfa_enrolment: {
    code: 'AUTH_SECOND_FACTOR_ENROLMENT_REQUIRED',
    routes: ['POST /api/v1/auth/password', 'POST /api/v1/auth/mfa/enrol', 'POST /api/v1/auth/mfa/confirm'],
  },
  address_not_allowed: { code: 'AUTH_ADDRESS_NOT_ALLOWED', routes: [] },
}

export function registerActorResolution(
  app: FastifyInstance,
  resolveRequest: (token: string, address?: string) => Promise<Resolved | null>,
  options: ActorResolutionOptions = {},
): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('access', undefined)
  app.decorateRequest('restrictions', undefined)
  async function resolve(request: FastifyRequest, token: string): Promise<void> {
    const resolved = await resolveRequest(token, request.ip)
    request.actor = resolved?.actor ?? null
    request.access = resolved?.access
    request.restrictions = resolved?.restrictions
    if (!resolved && options.onBadToken) {
      await options.onBadToken(request.ip)
    }
  }
  // Callback hooks: a request without a token, and the checks below, cost no promise (issue 17).
  app.addHook('onRequest', (request, _reply, done) => {
    const token = bearerToken(request)
    if (!token) {
      request.actor = null
      return done()
    }
    resolve(request, token).then(() => done(), done)
  })
  // Before the body is validated: an anonymous caller learns nothing about a route's schema.
  app.addHook('preValidation', (request, _reply, done) => {
    if (!request.url.startsWith('/api/')) {
      return done()
    }
    if (!request.routeOptions.config.public && !request.actor) {
      return done(new AppError('AUTH_REQUIRED'))
    }
    const refused = refusedRestriction(request)
    done(refused ? new AppError(LIFTED_BY[refused].code) : undefined)
  })
}

/** The first restriction that keeps this request out, if any: each must allow the route. */
function refusedRestriction(request: FastifyRequest): Restriction | undefined {
  const restrictions = request.restrictions ?? []
  if (restrictions.length === 0) {
    return undefined
  }
  const route = `${request.method} ${request.routeOptions.url ?? ''}`
  if (restrictions.includes('address_not_allowed')) {
    return 'address_not_allowed'
  }
  if (ALWAYS.includes(route)) {
    return undefined
  }
  return restrictions.find((r) => !LIFTED_BY[r].routes.includes(route))
}

/** The signed-in actor; AUTH_REQUIRED when the request carries no valid token. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new AppError('AUTH_REQUIRED')
  }
  return request.actor
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) {
    return null
  }
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{10,200})$/i.exec(header)
  return match?.[1] ?? null
}
