import { type Static, Type } from 'typebox'
import { Id, IsoTime, PageQuery } from '../../shared/schema.js'

export const NotificationView = Type.Object({
  id: Id,
  kind: Type.String({ description: 'e.g. calendar.schedule_missing' }),
  titleZh: Type.String(),
  titleEn: Type.String(),
  bodyZh: Type.String(),
  bodyEn: Type.String(),
  objectType: Type.Union([Type.String(), Type.Null()]),
  objectId: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
  readAt: Type.Union([IsoTime, Type.Null()]),
})
export type NotificationView = Static<typeof NotificationView>

export const NotificationQuery = Type.Object({
  unreadOnly: Type.Optional(Type.Boolean({ default: false })),
  ...PageQuery,
})
export type NotificationQuery = Static<typeof NotificationQuery>

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationView),
  total: Type.Integer(),
  unread: Type.Integer({ description: 'unread notifications in the whole inbox' }),
})
export type NotificationPage = Static<typeof NotificationPage>
