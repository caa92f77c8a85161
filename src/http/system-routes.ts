import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { Type } from 'typebox'
import type { Db } from '../db/database.js'
import { AppError } from '../shared/errors.js'

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政务信息资源共享平台 govshare</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>政务信息资源共享平台</h1>
<p>门户网站正在建设中。接口文档见 <a href="/docs">/docs</a>。</p>
<p lang="en">The portal is coming. The API reference is at <a href="/docs">/docs</a>.</p>
</body></html>`

/** Health, readiness and the portal's placeholder page. */
export const systemRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/healthz',
    { schema: { tags: ['system'], response: { 200: Type.Object({ status: Type.String() }) } } },
    async () => ({ status: 'ok' }),
  )

  app.get(
    '/readyz',
    { schema: { tags: ['system'], response: { 200: Type.Object({ status: Type.String() }) } } },
    async (req) => {
      try {
        await sql`select 1`.execute(db)
      } catch (error) {
        req.log.error({ err: error }, 'database not ready')
        throw new AppError('SERVICE_UNAVAILABLE')
      }
      return { status: 'ready' }
    },
  )

  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(PLACEHOLDER_PAGE),
  )
}
