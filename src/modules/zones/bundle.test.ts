/** The bundle format alone (Art. 20, 33): what verifies, and every way a changed bundle fails. */
import { describe, expect, it } from 'vitest'
import { createSigner } from '../audit/index.js'
import { type BundleEntry, openBundle, sealBundle } from './bundle.js'
import { isAllowedOn } from './rules.js'

const signer = createSigner('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')
const stranger = createSigner('fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210')
const header = { createdAt: '2026-12-06T00:00:00.000Z', since: null, cursor: '2026-12-05T00:00:00.000Z' }
const entries: BundleEntry[] = [
  { kind: 'resource', id: 'r1', content: { resource: { name: '公开测试资源', zone: 'external' } } },
  { kind: 'withdrawal', id: 'r2', content: { code: '301/000002' } },
]

function reason(text: string, key = signer.publicKey): string | undefined {
  try {
    openBundle(text, key)
    return undefined
  } catch (error) {
    return (error as { code: string; details: { reason: string } }).details.reason // AppError thrown by openBundle
  }
}

describe('zone bundles', () => {
  const { text } = sealBundle(signer, header, entries)

  it('verifies as written and records its algorithms', () => {
    const bundle = openBundle(text, signer.publicKey)
    expect(bundle).toMatchObject({ hashAlgorithm: 'SM3', signatureAlgorithm: 'SM2', keyId: signer.keyId })
    expect(bundle.entries.map((e) => e.id)).toEqual(['r1', 'r2'])
    expect(bundle.entries.every((e) => /^[0-9a-f]{64}$/.test(e.digest))).toBe(true)
  })

  it('refuses every single changed byte of the file', () => {
    // Every position, a different character: each must fail, none may verify.
    for (let i = 0; i < text.length; i += 1) {
      const replacement = text[i] === '0' ? '1' : '0'
      const altered = `${text.slice(0, i)}${replacement}${text.slice(i + 1)}`
      expect(reason(altered), `byte ${i}`).toBeDefined()
    }
  })

  it('names why: content with its digest recomputed, another key, a re-ordered file', () => {
    const bundle = JSON.parse(text)
    bundle.entries[0].content.resource.name = '篡改'
    const { entries: _e, ...rest } = bundle
    const forged = sealBundle(stranger, header, [bundle.entries[0], entries[1] as BundleEntry]).text
    expect(reason(forged)).toBe('signed by another key')
    expect(reason(text, stranger.publicKey)).toBe('signed by another key')
    expect(reason(`${JSON.stringify(JSON.parse(text), null, 1)}\n`)).toMatch(/canonical/)
    expect(reason(`${JSON.stringify({ ...rest, entries: bundle.entries })}\n`)).toBeDefined()
  })

  it('an internal instance holds both zones, an external one only its own', () => {
    expect([isAllowedOn('internal', 'internal'), isAllowedOn('internal', 'external')]).toEqual([true, true])
    expect([isAllowedOn('external', 'external'), isAllowedOn('external', 'internal')]).toEqual([true, false])
  })
})
