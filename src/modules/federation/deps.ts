import type { Db } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { AuditService, AuditSigner } from '../audit/index.js'
import type { ExchangeModule } from '../exchange/index.js'
import type { SharingModule } from '../sharing/index.js'
import type { SupervisionModule } from '../supervision/index.js'
import type { postMessage } from './transport.js'

/** What federation needs of the platform: the other modules only through these functions (§37). */
export interface FederationDeps {
  db: Db
  clock: Clock
  audit: AuditService
  /** The platform's SM2 key (the audit signing key): without one, federation refuses to run. */
  signer: AuditSigner | undefined
  sharing: { requests: Pick<SharingModule['requests'], 'createRequest'> }
  exchange: { query: Pick<ExchangeModule['query'], 'readByKey'> }
  reports: Pick<SupervisionModule['annualReports'], 'getReport'>
  /** How a message reaches a peer (transport.ts); tests put a fake peer here. */
  post?: typeof postMessage
  /** Tests shorten it; a peer that does not answer in time is down. */
  timeoutMs?: number
}
