import type { ExchangeDeps } from './deps.js'
import { createFileIngest } from './file-ingest.js'
import { createFreshness } from './freshness.js'
import { createIngest } from './ingest.js'
import { createKeyReaders } from './key-readers.js'
import { createQuery } from './query.js'
import { createReadAccess } from './read-access.js'
import { createRecordsExport } from './records-export.js'
import { createExchangeSettings } from './settings.js'
import { createUpstreamEndpoints, createUpstreamGateway } from './upstream.js'
import { createVerify } from './verify.js'

export { type LapsedCycle, type LateDataMonth, lapsedUpdateCycles, lateDataSince } from './breaches.js'
export { keyHashOf, maskedKey } from './codec.js'
export { exchangeFileRoutes } from './file-routes.js'
export { exchangeFreshnessRoutes } from './freshness-routes.js'
export { exchangeRoutes } from './routes.js'
export { isValidIdNumber } from './rules.js'
export { exchangeUpstreamRoutes } from './upstream-routes.js'

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
  }
}

export type ExchangeModule = ReturnType<typeof createExchangeModule>
