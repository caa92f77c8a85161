/** The notifications module's words in the API reference (decisions §48; English: routes.ts). */
import type { ApiDocs } from '../../shared/api-docs.js'

export const notificationApiDocs: ApiDocs = {
  params: {
    id: { zh: '通知 ID', en: 'Notification id' },
    unreadOnly: { zh: '只列出未读通知', en: 'Only unread notifications' },
  },
  operations: {
    'GET /api/v1/notifications': { zh: '我的通知，最新在前' },
    'POST /api/v1/notifications/{id}/read': { zh: '将一条通知标为已读' },
  },
}
