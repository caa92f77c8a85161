import { createAuditTamperingAlarm } from '../incidents/audit-tampering.js'
import { createIncidents } from '../incidents/service.js'
import type { RectificationDeps } from './deps.js'
import { createNotices } from './notices.js'

export type { RectificationDeps } from './deps.js'
export { rectificationRoutes } from './routes.js'

/** The oversight module's services (Art. 30-31, 40), built from one set of dependencies. */
export function createRectificationModule(deps: RectificationDeps) {
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

export type RectificationModule = ReturnType<typeof createRectificationModule>
