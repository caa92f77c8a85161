/**
 * A vitest reporter that ends every run with its ten slowest test files (issue 14), each with
 * the time to import it (collect) and to run its tests and hooks, so the next thing to speed up
 * is named. `npm run test:slowest` runs the unit and scenario suite with only this report.
 */
import fs from 'node:fs'
import type { Reporter, TestModule } from 'vitest/node'
import { DURATIONS_FILE, readDurations } from './sequencer.js'

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
    if (process.env.GOVSHARE_WRITE_DURATIONS === '1') {
      // The sequencer's table (sequencer.ts): this run's files updated, the other config's kept.
      const durations = readDurations()
      for (const row of rows) {
        durations[row.file] = Math.round(row.total / 100) / 10
      }
      const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => (a < b ? -1 : 1)))
      fs.writeFileSync(DURATIONS_FILE, `${JSON.stringify(sorted, null, 2)}\n`)
    }
    rows.splice(SHOWN)
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
