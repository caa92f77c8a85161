import type { SupervisionDeps } from './deps.js'
import { createEvaluation } from './evaluation/service.js'
import { createAnnualReportReminder } from './reports/reminder.js'
import { createAnnualReports } from './reports/service.js'
import { createStatistics } from './statistics/service.js'

export { supervisionApiDocs } from './api-docs.js'
export type { SupervisionDeps } from './deps.js'
export { ANNUAL_REPORT_DUE_KIND } from './reports/reminder.js'
export { supervisionRoutes } from './routes.js'
export { DEFAULT_WEIGHTS } from './rules.js'

/** The supervision module's services (Art. 27, 34-35, 39), built from one set of dependencies. */
export function createSupervisionModule(deps: SupervisionDeps) {
  const statistics = createStatistics(deps)
  const evaluation = createEvaluation(deps)
  const { notifications } = deps
  const reminder = notifications ? createAnnualReportReminder({ ...deps, notifications }) : undefined
  return {
    statistics,
    evaluation,
    annualReports: createAnnualReports(deps, statistics, evaluation),
    jobs: { remindAnnualReports: async () => (reminder ? reminder.remindAnnualReports() : 0) },
  }
}

export type SupervisionModule = ReturnType<typeof createSupervisionModule>

// Rectification (Art. 30-31, 40): breach detection, notices, escalation and incidents.
export {
  createRectificationModule,
  type RectificationDeps,
  type RectificationModule,
  rectificationRoutes,
} from './rectification/module.js'
