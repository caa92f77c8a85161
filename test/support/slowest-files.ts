/**
 * A vitest reporter that ends every run with its ten slowest test files (issue 14), each with
 * the time to import it (collect) and to run its tests and hooks, so the next thing to speed up
 * is named. `npm run test:slowest` runs the unit and scenario suite with only this report.
 */
import type { Reporter, TestModule } from 'vitest/node'

const SHOWN = 10

export default class SlowestFiles implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = modules
      .map((module) => {
        const diagnostic = module.diagnostic()
        const collect = diagnostic.collectDuration + diagnostic.setupDuration + diagnostic.prepareDuration
        return {
          file: module.relativeModuleId,
          collect,
          run: diagnostic.duration,
          total: collect + diagnostic.duration,
        }
      })
      .sort((a, b) => b.total - a.total)
      .slice(0, SHOWN)
    if (rows.length === 0) {
      return
    }
    const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(6)
    const lines = rows.map(
      (row) => `${seconds(row.total)} s ${seconds(row.collect)} s ${seconds(row.run)} s  ${row.file}`,
    )
    process.stdout.write(
      `\nSlowest ${rows.length} test files (total, import, tests and hooks):\n${lines.join('\n')}\n`,
    )
  }
}
