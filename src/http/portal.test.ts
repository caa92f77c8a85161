/** How the built portal's files go out: precompressed when asked, headers as for plain files. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerPortal } from './portal.js'

const SCRIPT = `console.log(${JSON.stringify('门户'.repeat(2000))})\n`

describe('portal static files', () => {
  let dir: string
  let app: FastifyInstance

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-portal-'))
    fs.mkdirSync(path.join(dir, 'assets'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>portal</title>')
    const asset = path.join(dir, 'assets', 'index-abc123.js')
    fs.writeFileSync(asset, SCRIPT)
    fs.writeFileSync(`${asset}.br`, brotliCompressSync(SCRIPT))
    fs.writeFileSync(`${asset}.gz`, gzipSync(SCRIPT))
    app = Fastify({ logger: false })
    await registerPortal(app, dir)
  })
  afterAll(async () => {
    await app?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('sends the brotli copy of an asset to a client accepting br, the gzip one to gzip only', async () => {
    const br = await app.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    })
    expect(br.statusCode).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(br.headers.vary).toMatch(/accept-encoding/)
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT)

    const gz = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
  })

  it('sends the plain file without an accept-encoding header', async () => {
    const plain = await app.inject({ url: '/assets/index-abc123.js' })
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(SCRIPT)
  })

  it('serves no compressed copy under its own name, and index.html with its CSP', async () => {
    const copy = await app.inject({ url: '/assets/index-abc123.js.br' })
    expect(copy.statusCode).toBe(404)
    const page = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } })
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['cache-control']).toBe('no-cache')
  })
})
