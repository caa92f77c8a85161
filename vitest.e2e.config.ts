import fs from 'node:fs'
import { defineConfig } from 'vitest/config'

/** Test stores in memory where the machine has it (test/support/global-setup.ts says why). */
const TMPDIR = fs.existsSync('/dev/shm') ? '/dev/shm' : undefined

// The portal in a real browser (`npm run test:e2e`, which builds web/dist first).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/slowest-files.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: TMPDIR ? { TMPDIR } : {},
  },
})
