/** Issue 11: who read one person's record, as JSON and as a printable report (POST: the key is in the body). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../../http/auth.js'
import { sendFile } from '../../../http/files.js'
import { languageOf } from '../../../shared/errors.js'
import { bearer, errorResponses, IdParams } from '../../../shared/schema.js'
import type { ExchangeModule } from '../index.js'
import { KeyReadersBody, KeyReadersReply } from '../schema.js'

const tags = ['exchange']
const Html = Type.Unsafe<Buffer>({ type: 'string', description: 'a self-contained HTML page' })

export const keyReadersRoutes: FastifyPluginAsyncTypebox<{ exchange: ExchangeModule }> = async (
  app,
  { exchange },
) => {
  app.post(
    '/exchange/resources/:id/key-readers',
    {
      schema: {
        tags,
        summary:
          'Who read the record of this key, when, under which grant and why (provider, auditor, bureau)',
        security: bearer,
        params: IdParams,
        body: KeyReadersBody,
        response: { 200: KeyReadersReply, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (req) => exchange.keyReaders.keyReaders(actorOf(req), req.params.id, req.body.key),
  )

  app.post(
    '/exchange/resources/:id/key-readers/report',
    {
      schema: {
        tags,
        summary:
          'The same as a printable HTML report to hand to the person (zh-CN, or en by Accept-Language)',
        security: bearer,
        params: IdParams,
        body: KeyReadersBody,
        produces: ['text/html'],
        response: { 200: Html, ...errorResponses(400, 401, 404, 503) },
      },
    },
    async (req, reply) => {
      const lang = req.body.lang ?? languageOf(req.headers['accept-language'])
      const file = await exchange.keyReaders.keyReadersReport(actorOf(req), req.params.id, req.body.key, lang)
      // The page is static: no script may run in it, nothing is fetched for it.
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      reply.header('cache-control', 'no-store')
      return sendFile(reply, file, 'inline')
    },
  )
}
