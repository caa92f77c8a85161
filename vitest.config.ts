import fs from 'node:fs'
import { defineConfig } from 'vitest/config'

/** Test stores in memory where the machine has it (test/support/global-setup.ts says why). */
const TMPDIR = fs.existsSync('/dev/shm') ? '/dev/shm' : undefined

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    pool: 'forks',
    // Files share a worker's loaded modules (decisions §41): importing the platform once per worker,
    // not once per file. Every file builds its own stores and platforms, so nothing else is shared.
    isolate: false,
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/slowest-files.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Time-zone independence is a requirement (STACK.md): the suite runs away from Asia/Shanghai.
    env: { TZ: 'America/Los_Angeles', ...(TMPDIR ? { TMPDIR } : {}) },
  },
})
