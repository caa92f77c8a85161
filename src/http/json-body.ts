/**
 * The JSON body parser: an empty body is no body (clients send `content-type: application/json`
 * on a bodiless POST), and text PostgreSQL cannot store (NUL) or that could poison prototypes is
 * refused as a client error before it reaches any service.
 */
import type { FastifyInstance } from 'fastify'
import { AppError } from '../shared/errors.js'

const NUL_CHAR = String.fromCharCode(0)
const PROTOTYPE_KEYS = /"(__proto__|constructor|prototype)"\s*:/

export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') {
      done(null, undefined)
      return
    }
    if (text.includes(NUL_CHAR) || text.includes('\\u0000')) {
      done(
        new AppError('VALIDATION_FAILED', { field: 'body', reason: 'NUL characters are not allowed' }),
        undefined,
      )
      return
    }
    if (PROTOTYPE_KEYS.test(text)) {
      done(new AppError('VALIDATION_FAILED', { field: 'body', reason: 'reserved property name' }), undefined)
      return
    }
    try {
      done(null, JSON.parse(text))
    } catch {
      done(new AppError('REQUEST_MALFORMED'), undefined)
    }
  })
}
