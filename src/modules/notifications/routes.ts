import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../shared/schema.js'
import { NotificationPage, NotificationQuery, NotificationView } from './schema.js'
import type { NotificationService } from './service.js'

export const notificationRoutes: FastifyPluginAsyncTypebox<{ notifications: NotificationService }> = async (
  app,
  { notifications },
) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first',
        security: bearer,
        querystring: NotificationQuery,
        response: { 200: NotificationPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) =>
      notifications.listMine(actorOf(req), {
        unreadOnly: req.query.unreadOnly,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  )

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        security: bearer,
        params: IdParams,
        response: { 200: NotificationView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => notifications.markRead(actorOf(req), req.params.id),
  )
}
