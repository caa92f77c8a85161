/**
 * Rate limits around sign-in (issue 13), shared by every instance through the database: failed
 * sign-ins per address and per username, failed token requests per address, bad bearer tokens per
 * address. A unit is taken before the attempt and given back when it did not fail (success, a
 * locked account answered 423, the code still to come, refused by another limit), so parallel guesses cannot slip under a
 * limit. Also: an API client's token request from outside its allowlist, and the password policy
 * (with the username) for new users, before the route's own checks.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import type { AuthService, RateLimit, RateLimiter, Taken } from '../modules/org/index.js'
import { isAppError } from '../shared/errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Units taken under the sign-in limits, to give back unless the attempt failed. */
    rateTaken: Taken[] | undefined
    /** The error code the route answered with, if any (decides whether units come back). */
    failureCode: string | undefined
  }
}

export type SignInLimitSettings = Pick<
  Config,
  'rateWindowMinutes' | 'signInFailuresPerAddress' | 'signInFailuresPerAccountHour' | 'badTokensPerAddress'
>

/** Answers that are not a failed guess: their unit comes back. */
const NOT_A_FAILURE = new Set([
  'AUTH_LOCKED',
  'AUTH_SECOND_FACTOR_REQUIRED',
  'AUTH_ACCOUNT_DISABLED',
  'AUTH_RATE_LIMITED',
])

export function signInLimits(settings: SignInLimitSettings) {
  const windowSeconds = settings.rateWindowMinutes * 60
  return {
    signInPerAddress: { name: 'signin:addr', limit: settings.signInFailuresPerAddress, windowSeconds },
    signInPerAccount: {
      name: 'signin:user',
      limit: settings.signInFailuresPerAccountHour,
      windowSeconds: 3600,
    },
    tokenPerAddress: { name: 'token:addr', limit: settings.signInFailuresPerAddress, windowSeconds },
    badTokenPerAddress: { name: 'bearer:addr', limit: settings.badTokensPerAddress, windowSeconds },
  } satisfies Record<string, RateLimit>
}

export function registerSignInGuard(
  app: FastifyInstance,
  deps: { limiter: RateLimiter; auth: AuthService; limits: ReturnType<typeof signInLimits> },
): void {
  const { limiter, auth, limits } = deps
  app.decorateRequest('rateTaken', undefined)
  app.decorateRequest('failureCode', undefined)

  // Only three POST routes are guarded: every other request passes without a promise (issue 17).
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.method !== 'POST') {
      return done()
    }
    guard(request).then(() => done(), done)
  })
  app.addHook('onError', (request, _reply, error, done) => {
    request.failureCode = isAppError(error) ? error.code : 'ERROR'
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    const taken = request.rateTaken
    const failed = reply.statusCode >= 400 && !NOT_A_FAILURE.has(request.failureCode ?? '')
    if (!taken || taken.length === 0 || failed) {
      return done()
    }
    Promise.all(taken.map((unit) => limiter.giveBack(unit)))
      .catch((error: unknown) => request.log.error({ err: error }, 'could not give back a rate-limit unit'))
      .then(() => done())
  })

  async function guard(request: FastifyRequest): Promise<void> {
    const route = `${request.method} ${request.routeOptions.url ?? ''}`
    if (route === 'POST /api/v1/auth/login') {
      const username = bodyField(request, 'username')
      request.rateTaken = []
      request.rateTaken.push(await limiter.take(limits.signInPerAddress, request.ip))
      request.rateTaken.push(await limiter.take(limits.signInPerAccount, username.toLowerCase()))
    } else if (route === 'POST /api/v1/auth/token') {
      request.rateTaken = [await limiter.take(limits.tokenPerAddress, request.ip)]
      await auth.clients.checkTokenAddress(bodyField(request, 'clientId'), request.ip)
    } else if (route === 'POST /api/v1/users') {
      auth.checkNewPassword(bodyField(request, 'password'), bodyField(request, 'username'))
    }
  }
}

/** A string field of a body its route schema has already validated ('' when absent). */
function bodyField(request: FastifyRequest, name: string): string {
  const body = request.body
  if (typeof body !== 'object' || body === null) {
    return ''
  }
  const value = Object.entries(body).find(([key]) => key === name)?.[1]
  return typeof value === 'string' ? value : ''
}
