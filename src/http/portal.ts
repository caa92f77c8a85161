/**
 * Serves the web portal (the Vite build in web/dist) at `/` on the API's own port, with an SPA
 * fallback: a browser asking for any other page path gets index.html and the portal routes it.
 * Without a build (tests that never built the portal, a server-only checkout) `/` answers a
 * placeholder page instead, so the server starts either way.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政务信息资源共享平台 govshare</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>政务信息资源共享平台</h1>
<p>门户网站正在建设中。接口文档见 <a href="/docs">/docs</a>。</p>
<p lang="en">The portal is coming. The API reference is at <a href="/docs">/docs</a>.</p>
</body></html>`

/**
 * antd writes its styles at run time (CSS-in-JS), hence 'unsafe-inline' for styles only; scripts
 * come from our own origin alone, and no other site may frame the portal.
 */
const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ')

/** Paths that belong to the server, never to the portal's router. */
const SERVER_PATHS = /^\/(api|docs)(\/|$)/

/** src/http (tsx) and dist/http (built) both sit two levels below the repository root. */
export function defaultPortalDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist')
}

export async function registerPortal(app: FastifyInstance, distDir = defaultPortalDir()): Promise<void> {
  const indexFile = path.join(distDir, 'index.html')
  if (!fs.existsSync(indexFile)) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(PLACEHOLDER_PAGE),
    )
    return
  }
  // Read once: the build is immutable while the server runs, and the fallback answers often.
  const indexHtml = fs.readFileSync(indexFile, 'utf8')
  const sendIndex = (reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', PORTAL_CSP)
      .header('x-frame-options', 'DENY')
      .send(indexHtml)

  await app.register(fastifyStatic, {
    root: distDir,
    // One route per built file (no wildcard), so the SPA fallback below can own `/*`.
    wildcard: false,
    // The build writes .br and .gz beside each text asset (web/vite-plugins.ts): sent as they are
    // to clients that accept them, so nothing is compressed per request. They are not routes.
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    index: false,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      // Vite puts a content hash in every asset name: a changed file is a new URL.
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`)
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })

  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply))
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    if (SERVER_PATHS.test(req.url) || !wantsHtml(req)) {
      return reply.callNotFound()
    }
    return sendIndex(reply)
  })
}

// Browsers navigating ask for text/html; API clients and scripts (any type, JSON) get the 404.
function wantsHtml(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').includes('text/html')
}
