import { createConsistency } from './consistency.js'
import type { QualityDeps } from './deps.js'
import { createObjections } from './objections.js'

export { qualityApiDocs } from './api-docs.js'
export {
  type LateObjection,
  lateObjections,
  objectionsRaised,
  type StaleDisagreements,
  staleDisagreements,
} from './breaches.js'
export type { QualityDeps } from './deps.js'
export { qualityRoutes } from './routes.js'
export { QUALITY_ACCESS_TABLES } from './tables.js'

/** The quality module's services, built from one set of dependencies. */
export function createQualityModule(deps: QualityDeps) {
  const objections = createObjections(deps)
  const consistency = createConsistency(deps)
  return {
    objections,
    consistency,
    /** Art. 26: what the exchange asks before serving a record (its `flags` hook). */
    flags: { openObjections: objections.openObjectionIds },
    jobs: { runConsistencyChecks: consistency.runAll },
  }
}

export type QualityModule = ReturnType<typeof createQualityModule>
