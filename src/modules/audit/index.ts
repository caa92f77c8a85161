export type { MeterReceipt, ReadMeter } from './meters.js'
export { auditRoutes } from './routes.js'
export {
  type AuditEvent,
  type AuditService,
  createAuditService,
  type LoggedRead,
  type VerifyResult,
} from './service.js'
