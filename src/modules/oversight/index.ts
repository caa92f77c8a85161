import { createAuditTamperingAlarm } from './audit-tampering.js'
import type { OversightDeps } from './deps.js'
import { createIncidents } from './incidents.js'
import { createNotices } from './notices.js'

export type { OversightDeps } from './deps.js'
export type { EnumerationEvent } from './incidents.js'
export { oversightRoutes } from './routes.js'

/** The oversight module's services (Art. 30-31, 40), built from one set of dependencies. */
export function createOversightModule(deps: OversightDeps) {
  const notices = createNotices(deps)
  const incidents = { ...createIncidents(deps), ...createAuditTamperingAlarm(deps) }
  return {
    notices,
    incidents,
    jobs: {
      detectBreaches: () => notices.detectBreaches(),
      escalateOverdue: notices.escalateOverdue,
      detectAnomalies: incidents.detectAnomalies,
    },
  }
}

export type OversightModule = ReturnType<typeof createOversightModule>
