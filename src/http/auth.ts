/** Who is calling: resolves the bearer token into an Actor before any route runs. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AccessSnapshot } from '../db/access-cache.js'
import type { Actor } from '../shared/actor.js'
import { AppError } from '../shared/errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
    /** The access answers the actor was resolved from, for the request's other access questions. */
    access: AccessSnapshot | undefined
  }
  interface FastifyContextConfig {
    /** An API route anyone may call without a token (sign-in, the public calendar). */
    public?: boolean
  }
}

export function registerActorResolution(
  app: FastifyInstance,
  resolveRequest: (token: string) => Promise<{ actor: Actor; access?: AccessSnapshot } | null>,
): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('access', undefined)
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request)
    const resolved = token ? await resolveRequest(token) : null
    request.actor = resolved?.actor ?? null
    request.access = resolved?.access
  })
  // Before the body is validated: an anonymous caller learns nothing about a route's schema.
  app.addHook('preValidation', async (request) => {
    if (request.url.startsWith('/api/') && !request.routeOptions.config.public && !request.actor) {
      throw new AppError('AUTH_REQUIRED')
    }
  })
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
