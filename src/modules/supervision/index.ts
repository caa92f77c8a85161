import { createAnnualReports } from './annual-reports.js'
import type { SupervisionDeps } from './deps.js'
import { createEvaluation } from './evaluation.js'
import { createStatistics } from './statistics.js'

export type { SupervisionDeps } from './deps.js'
export { supervisionRoutes } from './routes.js'

/** The supervision module's services (Art. 27, 34-35, 39), built from one set of dependencies. */
export function createSupervisionModule(deps: SupervisionDeps) {
  const statistics = createStatistics(deps)
  const evaluation = createEvaluation(deps)
  return { statistics, evaluation, annualReports: createAnnualReports(deps, statistics, evaluation) }
}

export type SupervisionModule = ReturnType<typeof createSupervisionModule>
