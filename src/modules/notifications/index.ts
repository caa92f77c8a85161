export { notificationApiDocs } from './api-docs.js'
export { notificationRoutes } from './routes.js'
export { createNotificationService, type NewNotification, type NotificationService } from './service.js'
