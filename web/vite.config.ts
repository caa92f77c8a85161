import path from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress, recordInputs } from './vite-plugins'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// Run as `vite build web`: the root is this folder and the build lands in web/dist, which the
// Fastify server serves at `/` (src/http/portal.ts).
export default defineConfig({
  // The name is scripts/build-if-changed.mjs's PORTAL_INPUTS_FILE.
  plugins: [react(), precompress(), recordInputs(repoRoot, '.build-inputs.json')],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ~1 MB minified; pages and ECharts are split off with dynamic imports.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    // `npm run dev:web` against a local API started with `npm run dev` on PORT=8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
})
