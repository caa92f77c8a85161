export { auditKeyRoutes, checkpointRoutes } from './checkpoint-routes.js'
export { type Checkpoint, checkpointMessage, isSignedBy, judgeCheckpoint } from './checkpoint-rules.js'
export type { MeterReceipt, ReadMeter } from './meters.js'
export { auditRoutes } from './routes.js'
export {
  type AuditEvent,
  type AuditService,
  createAuditService,
  type LoggedRead,
  type VerifyResult,
} from './service.js'
export { createSigner, type PublicKeyInfo, withAuditSigningKey } from './signing.js'
