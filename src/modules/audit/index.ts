import * as auditFacts from './facts/repo.js'

export { auditApiDocs } from './api-docs.js'
export { type ArchiveVerdict, verifyArchive } from './checkpoints/archive.js'
export { leafHash, verifyConsistency, verifyInclusion } from './checkpoints/merkle.js'
export { auditKeyRoutes, checkpointRoutes } from './checkpoints/routes.js'
export {
  type Checkpoint,
  checkpointMessage,
  isSignedBy,
  judgeCheckpoint,
  sm3Tree,
} from './checkpoints/rules.js'
export {
  type AuditSigner,
  createSigner,
  isPrivateKeyHex,
  isPublicKeyHex,
  keyIdOf,
  type PublicKeyInfo,
  verifySignature,
  withAuditSigningKey,
} from './checkpoints/signing.js'
export {
  ProofUnavailable,
  type WitnessPlatform,
  type WitnessState,
  witnessOnce,
} from './checkpoints/witness.js'
export type { ForeignRowsEvidence, ForeignRowsListener } from './foreign-rows.js'
export type { ForwardSpec } from './forward/target.js'
export type { MeterReceipt, ReadMeter } from './meters.js'
export { auditRoutes } from './routes.js'
export { type ChainEntry, GENESIS_HASH, hashEntry, sealEntry } from './rules.js'
export type { AuditDirectory } from './search/directory.js'
export { auditSearchRoutes } from './search/routes.js'
export { type AuditSearch, createAuditSearch } from './search/service.js'
export {
  type AuditService,
  createAuditService,
  type LoggedRead,
  type VerifyReport,
  type VerifyResult,
} from './service.js'
export { AUDIT_DEFAULTS, type AuditSettings } from './settings.js'
export { verifyWorkerCount } from './verify/parallel.js'
export { verifyLog, withSqliteSnapshot } from './verify/verify.js'
export {
  ACTION_DETAILS,
  AUDIT_ACTIONS,
  AUDIT_CATEGORIES,
  type AuditAction,
  type AuditEvent,
  type AuditEventOf,
  actionLabel,
  type DetailsOf,
  detailsSchemaOf,
  isAuditAction,
} from './vocabulary.js'
export { entriesArrays, entriesInsert } from './writer/postgres.js'

/** Issue 14: counts from the log for statistics and evaluation; audit owns audit_entries. */
export { auditFacts }
export type AuditFacts = typeof auditFacts
export type { CatalogEvent, EventCount } from './facts/repo.js'
