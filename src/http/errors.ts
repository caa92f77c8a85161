/**
 * Turns every failure into the contract's error shape `{error:{code,message,details}}`, with the
 * message in the caller's language. No stack trace or SQL text ever leaves the server: anything
 * that is not a known client error is a 500 INTERNAL_ERROR whose details stay in the log.
 */
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { anonymousActor } from '../shared/actor.js'
import { AppError, ERROR_CATALOG, type ErrorCode, isAppError, languageOf } from '../shared/errors.js'
import { newId } from '../shared/ids.js'

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string }
}

/** Codes that mean "you may not": each such refusal goes into the audit log (Art. 29). */
const REFUSALS: ReadonlySet<ErrorCode> = new Set(['AUTH_REQUIRED', 'FORBIDDEN'])

export interface ErrorHandlingDeps {
  recordRefusal(request: FastifyRequest, code: ErrorCode): Promise<unknown>
}

export function registerErrorHandling(app: FastifyInstance, deps: ErrorHandlingDeps): void {
  app.setErrorHandler(async (error: unknown, request, reply) => {
    const appError = toAppError(error)
    if (appError.status >= 500) {
      request.log.error({ err: error }, 'request failed')
    }
    if (REFUSALS.has(appError.code)) {
      try {
        await deps.recordRefusal(request, appError.code)
      } catch (auditError) {
        request.log.error({ err: auditError }, 'could not record a refused access')
      }
    }
    return sendError(request, reply, appError)
  })

  app.setNotFoundHandler(async (request, reply) => sendError(request, reply, new AppError('NOT_FOUND')))
}

/** Fastify's own refusals before routing (undecodable URL, over-long parameter) in our shape. */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  request.log.info({ code: error.code }, 'request refused before routing')
  sendError(
    request,
    reply,
    new AppError(error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URI_TOO_LONG' : 'REQUEST_MALFORMED'),
  )
}

/**
 * Issue 13: what Node's HTTP parser refuses before Fastify sees a request (headers too large,
 * malformed header lines) answered in the contract's shape, zh-CN (the headers were unreadable).
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const code: ErrorCode =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'REQUEST_HEADER_TOO_LARGE'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'REQUEST_MALFORMED'
  const spec = ERROR_CATALOG[code]
  const requestId = newId()
  const body = JSON.stringify({ error: { code, message: spec.zh, requestId } })
  socket.end(
    `HTTP/1.1 ${spec.status} ${code}\r\n` +
      'content-type: application/json; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${requestId}\r\n` +
      'x-content-type-options: nosniff\r\n' +
      'connection: close\r\n\r\n' +
      body,
  )
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const lang = languageOf(request.headers['accept-language'])
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.messageIn(lang),
      ...(error.status < 500 && error.details !== undefined ? { details: error.details } : {}),
      requestId: request.id,
    },
  }
  const retryAfter = retryAfterOf(error)
  if (retryAfter !== undefined) {
    reply.header('retry-after', String(retryAfter))
  }
  return reply.code(error.status).type('application/json; charset=utf-8').send(body)
}

/** A 429 that says when its limit resets also says it the HTTP way (RFC 9110 Retry-After). */
function retryAfterOf(error: AppError): number | undefined {
  const details = error.details
  if (
    error.status !== 429 ||
    typeof details !== 'object' ||
    details === null ||
    !('retryAfterSeconds' in details)
  ) {
    return undefined
  }
  const seconds = details.retryAfterSeconds
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined
}

/** Any failure as the AppError the contract answers with (also for plugins answering in another shape). */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) {
    return error
  }
  if (!isFastifyError(error)) {
    return new AppError('INTERNAL_ERROR')
  }
  if (error.validation) {
    const problems = error.validation.map((v) => ({
      field: fieldOf(error.validationContext, v.instancePath, v.params),
      message: v.message ?? 'invalid',
    }))
    return new AppError('VALIDATION_FAILED', { field: problems[0]?.field, problems })
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE')
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE')
    default:
      break
  }
  const status = error.statusCode ?? 500
  if (status === 404) {
    return new AppError('NOT_FOUND')
  }
  if (status === 405) {
    return new AppError('METHOD_NOT_ALLOWED')
  }
  if (status === 413) {
    return new AppError('PAYLOAD_TOO_LARGE')
  }
  if (status === 415) {
    return new AppError('UNSUPPORTED_MEDIA_TYPE')
  }
  if (status >= 400 && status < 500) {
    // Bad JSON, empty JSON body, bad URL encoding and the like.
    return new AppError('REQUEST_MALFORMED')
  }
  return new AppError('INTERNAL_ERROR')
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && 'code' in error
}

/** 'body.roles.0', 'querystring.days', or the missing property itself ('body.password'). */
function fieldOf(context: string | undefined, instancePath: string, params: unknown): string {
  const parts = [context ?? 'request', ...instancePath.split('/').filter(Boolean)]
  if (params !== null && typeof params === 'object' && 'missingProperty' in params) {
    parts.push(String(params.missingProperty))
  }
  return parts.join('.')
}

export function refusalActor(request: FastifyRequest) {
  return request.actor ?? anonymousActor()
}
