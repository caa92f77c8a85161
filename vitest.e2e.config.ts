import { defineConfig } from 'vitest/config'
import { BASE_TEST } from './vitest.base.js'

// The portal in a real browser (`npm run test:e2e`, which builds web/dist first).
export default defineConfig({
  test: {
    ...BASE_TEST,
    include: ['test/e2e/**/*.e2e.test.ts'],
    // A browser test mostly waits for pages to settle: three files at a time, each with its own
    // platform and browser.
    maxWorkers: 3,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})
