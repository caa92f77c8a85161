/**
 * The typed shape of the whole database, composed from each module's own table types so that a
 * module owns its tables while Kysely still checks every query against one schema.
 */
import type { Kysely, Transaction } from 'kysely'
import type { AuditTables } from '../modules/audit/tables.js'
import type { CalendarTables } from '../modules/calendar/tables.js'
import type { CatalogElementTables } from '../modules/catalog/elements/tables.js'
import type { CatalogSearchTables } from '../modules/catalog/search/tables.js'
import type { CatalogTables } from '../modules/catalog/tables.js'
import type { CountyTables } from '../modules/county/tables.js'
import type { ExchangeTables } from '../modules/exchange/tables.js'
import type { ExchangeUpstreamTables } from '../modules/exchange/upstream/tables.js'
import type { FederationTables } from '../modules/federation/tables.js'
import type { JobTables } from '../modules/jobs/tables.js'
import type { NotificationTables } from '../modules/notifications/tables.js'
import type { SecurityTables } from '../modules/org/security-tables.js'
import type { OrgTables } from '../modules/org/tables.js'
import type { QualityTables } from '../modules/quality/tables.js'
import type { SharingTables } from '../modules/sharing/tables.js'
import type { RectificationTables } from '../modules/supervision/rectification/tables.js'
import type { SupervisionTables } from '../modules/supervision/tables.js'

export interface Database
  extends OrgTables,
    AuditTables,
    CalendarTables,
    JobTables,
    NotificationTables,
    CatalogTables,
    SharingTables,
    SupervisionTables,
    ExchangeTables,
    ExchangeUpstreamTables,
    CatalogSearchTables,
    CatalogElementTables,
    QualityTables,
    RectificationTables,
    SecurityTables,
    FederationTables,
    CountyTables {}

export type Db = Kysely<Database>
export type Trx = Transaction<Database>
/** What a repo function runs on: the database, or the transaction its service opened. */
export type Executor = Db | Trx

export type DialectName = 'sqlite' | 'postgres'
