/**
 * Runs the longest test files first (issue 14: the suite's time). With a few workers, a long file
 * started last keeps one worker busy after the others are done. Vitest orders by the durations of
 * the last run on this machine, but a clean clone (CI) has none and falls back to file size, which
 * says little: a short file that spawns processes runs longer than a long file of pure checks.
 * So the durations are kept in the repository (file-durations.json, written by
 * `GOVSHARE_WRITE_DURATIONS=1 npm test`); a file not listed yet runs first, as it may be long.
 */
import fs from 'node:fs'
import path from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

export const DURATIONS_FILE = new URL('./file-durations.json', import.meta.url)

export function readDurations(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>
  } catch {
    return {}
  }
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const durations = readDurations()
    const root = this.ctx.config.root
    const seconds = (spec: TestSpecification) =>
      durations[path.relative(root, spec.moduleId).split(path.sep).join('/')] ?? Number.POSITIVE_INFINITY
    return [...files].sort((a, b) => seconds(b) - seconds(a))
  }
}
