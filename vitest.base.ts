import fs from 'node:fs'
import LongestFirst from './test/support/sequencer.js'

/** Test stores in memory where the machine has it (test/support/global-setup.ts says why). */
const TMPDIR = fs.existsSync('/dev/shm') ? '/dev/shm' : undefined

/** What the unit/scenario and the browser configs share. */
export const BASE_TEST = {
  pool: 'forks' as const,
  globalSetup: ['test/support/global-setup.ts'],
  reporters: ['default', './test/support/slowest-files.ts'],
  sequence: { sequencer: LongestFirst },
  // Time-zone independence is a requirement (STACK.md): the suites run away from Asia/Shanghai.
  env: { TZ: 'America/Los_Angeles', ...(TMPDIR ? { TMPDIR } : {}) },
}
