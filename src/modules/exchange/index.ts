import { createCountyRecords } from './county/records.js'
import type { ExchangeDeps } from './deps.js'
import { createFreshness } from './freshness/service.js'
import { createFileIngest } from './ingest/file-ingest.js'
import { createIngest } from './ingest/service.js'
import { createKeyReaders } from './key-readers/service.js'
import { createReadAccess } from './read/access.js'
import { createQuery } from './read/query.js'
import { createRecordsExport } from './read/records-export.js'
import { createExchangeSettings } from './read/settings.js'
import { createVerify } from './read/verify.js'
import { createUpstreamEndpoints, createUpstreamGateway } from './upstream/service.js'
import { createZoneRecords } from './zones/records.js'

export { exchangeApiDocs } from './api-docs.js'
export { type LapsedCycle, type LateDataMonth, lapsedUpdateCycles, lateDataSince } from './breaches.js'
export { decodeData, encodeData, keyHashOf, maskedKey } from './codec.js'
export type { CountyRecords, PlannedRecords, RecordOutcome } from './county/records.js'
export type { EnumerationEvent } from './deps.js'
export { type ArrivalBatch, arrivalsBetween } from './freshness/repo.js'
export { exchangeFreshnessRoutes } from './freshness/routes.js'
export { parseCsv } from './ingest/csv-reader.js'
export type { FileImportResult, FileProgress, RowProblem } from './ingest/file-ingest.js'
export { exchangeFileRoutes } from './ingest/file-routes.js'
export { cellValue as xlsxCellValue, readXlsxRows } from './ingest/xlsx-reader.js'
export { SMALL_BATCH, SUSPEND_AT_MISSES } from './read/access.js'
export { recordLookup } from './read/record-lookup.js'
export { joinedRecords, recordVersion } from './repo.js'
export { exchangeRoutes } from './routes.js'
export { isValidIdNumber, type RecordData } from './rules.js'
export { EXCHANGE_ACCESS_TABLES } from './tables.js'
export { exchangeUpstreamRoutes } from './upstream/routes.js'
export { UPSTREAM_ACCESS_TABLES } from './upstream/tables.js'
export type { RecordCounts as ZoneRecordCounts } from './zones/records.js'

/** The exchange module's services, built from one set of dependencies. */
export function createExchangeModule(deps: ExchangeDeps) {
  const ingest = createIngest(deps)
  // One gateway, so reads and endpoint changes share the circuit breakers.
  const gateway = createUpstreamGateway(deps)
  const settings = createExchangeSettings(deps)
  const reads = createReadAccess(deps, gateway, settings)
  return {
    ingest,
    files: createFileIngest(ingest),
    query: createQuery(deps, reads),
    verify: createVerify(deps, reads),
    exports: createRecordsExport(reads),
    settings,
    upstream: createUpstreamEndpoints(deps, gateway, ingest.resourceForProvider),
    freshness: createFreshness(deps),
    keyReaders: createKeyReaders(deps),
    zoneRecords: createZoneRecords(deps, ingest),
    countyRecords: createCountyRecords(deps),
  }
}

export type ExchangeModule = ReturnType<typeof createExchangeModule>
