export { AUDIT_ACTIONS, AUDIT_CATEGORIES, type AuditAction, actionLabel, isAuditAction } from './actions.js'
export { type ArchiveVerdict, verifyArchive } from './archive.js'
export { auditKeyRoutes, checkpointRoutes } from './checkpoint-routes.js'
export { type Checkpoint, checkpointMessage, isSignedBy, judgeCheckpoint } from './checkpoint-rules.js'
export type { ForeignRowsEvidence, ForeignRowsListener } from './foreign-rows.js'
export type { ForwardSpec } from './forward-target.js'
export type { MeterReceipt, ReadMeter } from './meters.js'
export { auditRoutes } from './routes.js'
export { type AuditSearch, createAuditSearch } from './search.js'
export { auditSearchRoutes } from './search-routes.js'
export {
  type AuditEvent,
  type AuditService,
  createAuditService,
  type LoggedRead,
  type VerifyReport,
  type VerifyResult,
} from './service.js'
export { createSigner, type PublicKeyInfo, withAuditSigningKey } from './signing.js'
