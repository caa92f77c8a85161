/**
 * Applies the migrations at start. They are listed here (not read from a folder) so the same
 * list works under tsx and from the compiled dist/.
 */

import { sql } from 'kysely'
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration'
import type { Db } from './database.js'
import { isPostgres } from './dialect.js'
import * as org from './migrations/202611250300_org.js'
import * as audit from './migrations/202611250301_audit.js'
import * as calendar from './migrations/202611250302_calendar.js'
import * as notificationsJobs from './migrations/202611250303_notifications_jobs.js'
import * as catalog from './migrations/202611250310_catalog.js'
import * as catalogSearch from './migrations/202611250311_catalog_search.js'
import * as sharing from './migrations/202611250320_sharing.js'
import * as exchange from './migrations/202611250330_exchange.js'
import * as exchangeUpstream from './migrations/202611250331_exchange_upstream.js'
import * as exchangeFreshness from './migrations/202611250332_exchange_freshness.js'
import * as quality from './migrations/202611250340_quality.js'
import * as supervision from './migrations/202611250350_supervision.js'
import * as oversight from './migrations/202611250360_oversight.js'
import * as accessEpoch from './migrations/202611260100_access_epoch.js'
import * as accessModes from './migrations/202612050100_access_modes.js'
import * as exchangeChangeTimeDeclared from './migrations/202612050200_exchange_change_time_declared.js'
import * as auditCheckpoints from './migrations/202612050300_audit_checkpoints.js'
import * as auditQuarantine from './migrations/202612050310_audit_quarantine.js'
import * as auditRetention from './migrations/202612050311_audit_retention.js'
import * as auditForward from './migrations/202612050312_audit_forward.js'
import * as auditSearch from './migrations/202612050320_audit_search.js'
import * as incidentClock from './migrations/202612050400_incident_clock.js'
import * as signInDefences from './migrations/202612050450_sign_in_defences.js'
import * as searchSynonyms from './migrations/202612050500_search_synonyms.js'
import * as dataElements from './migrations/202612060010_data_elements.js'
import * as catalogTree from './migrations/202612060020_catalog_tree.js'
import * as openType from './migrations/202612060050_open_type.js'
import * as resourceUse from './migrations/202612060060_resource_use.js'
import * as federation from './migrations/202612070010_federation.js'
import * as countyMigration from './migrations/202612070110_county_migration.js'
import * as federationDeadLetter from './migrations/202612080010_federation_dead_letter.js'
import * as countyUploads from './migrations/202612080020_county_uploads.js'
import * as partitions from './migrations/202612080030_partitions.js'
import * as searchSummary from './migrations/202612080040_search_summary.js'

const MIGRATIONS: Record<string, Migration> = {
  '202611250300_org': org,
  '202611250301_audit': audit,
  '202611250302_calendar': calendar,
  '202611250303_notifications_jobs': notificationsJobs,
  '202611250310_catalog': catalog,
  '202611250311_catalog_search': catalogSearch,
  '202611250320_sharing': sharing,
  '202611250330_exchange': exchange,
  '202611250331_exchange_upstream': exchangeUpstream,
  '202611250332_exchange_freshness': exchangeFreshness,
  '202611250340_quality': quality,
  '202611250350_supervision': supervision,
  '202611250360_oversight': oversight,
  '202611260100_access_epoch': accessEpoch,
  '202612050100_access_modes': accessModes,
  '202612050200_exchange_change_time_declared': exchangeChangeTimeDeclared,
  '202612050300_audit_checkpoints': auditCheckpoints,
  '202612050320_audit_search': auditSearch,
  '202612050450_sign_in_defences': signInDefences,
  '202612050310_audit_quarantine': auditQuarantine,
  '202612050311_audit_retention': auditRetention,
  '202612050312_audit_forward': auditForward,
  '202612050400_incident_clock': incidentClock,
  '202612050500_search_synonyms': searchSynonyms,
  '202612060010_data_elements': dataElements,
  '202612060020_catalog_tree': catalogTree,
  '202612060050_open_type': openType,
  '202612060060_resource_use': resourceUse,
  '202612070010_federation': federation,
  '202612070110_county_migration': countyMigration,
  '202612080010_federation_dead_letter': federationDeadLetter,
  '202612080020_county_uploads': countyUploads,
  '202612080030_partitions': partitions,
  '202612080040_search_summary': searchSummary,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await (await migratorFor(db)).migrateToLatest()
  if (error) {
    throw error instanceof Error ? error : new Error(String(error))
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** The migrator over this list (a test steps one migration down and up again on a populated store). */
async function migratorFor(db: Db): Promise<Migrator> {
  // Kysely looks for its bookkeeping table in any schema; on a PostgreSQL database shared by
  // several schemas (tests, tenants) it must look in ours, or it finds another's and skips creating it.
  const migrationTableSchema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined
  return new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) })
}
