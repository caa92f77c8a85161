export { auditRoutes } from './routes.js'
export { type AuditEvent, type AuditService, createAuditService, type VerifyResult } from './service.js'
