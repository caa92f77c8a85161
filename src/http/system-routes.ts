import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'kysely'
import { Type } from 'typebox'
import type { Db } from '../db/database.js'
import { AppError } from '../shared/errors.js'

/** Health and readiness. The portal (or its placeholder) at `/` is registered by http/portal.ts. */
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
}
