import { defineConfig } from 'vitest/config'

// The portal in a real browser (`npm run test:e2e`, which builds web/dist first).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})
