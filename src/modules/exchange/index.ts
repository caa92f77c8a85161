import type { ExchangeDeps } from './deps.js'
import { createIngest } from './ingest.js'
import { createQuery } from './query.js'

export { exchangeRoutes } from './routes.js'
export { isValidIdNumber } from './rules.js'

/** The exchange module's services, built from one set of dependencies. */
export function createExchangeModule(deps: ExchangeDeps) {
  return { ingest: createIngest(deps), query: createQuery(deps) }
}

export type ExchangeModule = ReturnType<typeof createExchangeModule>
