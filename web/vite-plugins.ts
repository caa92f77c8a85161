/**
 * Build steps of the portal beyond Vite's own (issue 15 item 5): precompressed copies of the
 * assets for the server to send as they are, and the list of repository files the build read,
 * for scripts/build-if-changed.mjs to know when the portal must be built again.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { Plugin } from 'vite'

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)

/** Text assets worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/
/** Below this a compressed copy saves less than the header and a round of negotiation cost. */
const MIN_BYTES = 1024

/**
 * Writes `.br` and `.gz` beside every text asset, compressed once at the highest level, since
 * `@fastify/static` (preCompressed) sends them as they are: no compression on the request path.
 */
export function precompress(): Plugin {
  return {
    name: 'govshare-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist'
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name))
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name)
          const content = await fs.readFile(file)
          if (content.length < MIN_BYTES) {
            return
          }
          const [gz, br] = await Promise.all([
            gzip(content, { level: 9 }),
            brotli(content, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
          ])
          await Promise.all([fs.writeFile(`${file}.gz`, gz), fs.writeFile(`${file}.br`, br)])
        }),
      )
    },
  }
}

/**
 * Records the repository files (outside node_modules) in the bundle, e.g. the server's schema
 * files the portal imports, as `.build-inputs.json` in the output folder.
 */
export function recordInputs(repoRoot: string, fileName: string): Plugin {
  return {
    name: 'govshare-record-inputs',
    apply: 'build',
    async writeBundle(options) {
      const used = new Set<string>()
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0] ?? ''
        if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`)) {
          continue
        }
        const rel = path.relative(repoRoot, file)
        if (!rel.startsWith('..')) {
          used.add(rel.split(path.sep).join('/'))
        }
      }
      const outDir = options.dir ?? 'dist'
      await fs.writeFile(path.join(outDir, fileName), `${JSON.stringify([...used].sort(), null, 1)}\n`)
    },
  }
}
