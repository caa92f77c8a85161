/** The federation message alone (Art. 21): what verifies, every changed byte that fails, the backoff. */
import { describe, expect, it } from 'vitest'
import { createSigner } from '../audit/index.js'
import { parseMessage, sealMessage, verifyMessage } from './envelope.js'
import { FIRST_RETRY_MS, MAX_RETRY_MS, nextAttemptAt, normalizeCodes } from './rules.js'

const city = createSigner('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')
const province = createSigner('fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210')
const at = new Date('2026-12-07T00:00:00.000Z')

function reason(text: string, key = city.publicKey, to = province.keyId): string | undefined {
  try {
    verifyMessage(parseMessage(text), key, to)
    return undefined
  } catch (error) {
    return (error as { details: { reason: string } }).details.reason // AppError from the envelope
  }
}

describe('federation messages', () => {
  const body = {
    entries: [{ kind: 'withdrawal', id: 'r1', updatedAt: '2026-12-06T00:00:00.000Z' }],
    cursor: null,
  }
  const { id, text } = sealMessage(city, province.keyId, 'catalog', body, at)

  it('verifies as written, for its addressee only', () => {
    expect(reason(text)).toBeUndefined()
    expect(parseMessage(text)).toMatchObject({
      id,
      kind: 'catalog',
      from: city.keyId,
      to: province.keyId,
      body,
    })
    expect(reason(text, city.publicKey, city.keyId)).toBe('addressed to another platform')
    expect(reason(text, province.publicKey)).toBe('signature does not verify')
  })

  it('refuses every single changed byte', () => {
    for (let i = 0; i < text.length; i += 1) {
      const replacement = text[i] === '0' ? '1' : '0'
      expect(reason(`${text.slice(0, i)}${replacement}${text.slice(i + 1)}`), `byte ${i}`).toBeDefined()
    }
  })

  it('refuses a re-signed body under another key and a re-formatted text', () => {
    const forged = sealMessage(province, province.keyId, 'catalog', { ...body, cursor: 'x' }, at).text
    expect(reason(forged)).toBe('signature does not verify')
    expect(reason(JSON.stringify(JSON.parse(text), null, 1))).toMatch(/canonical/)
    expect(reason('{')).toBe('not JSON')
  })

  it('backs off from 5 s, doubling, at most an hour; codes as org stores them', () => {
    const waits = [1, 2, 3, 12, 40].map((n) => nextAttemptAt(at, n).getTime() - at.getTime())
    expect(waits).toEqual([
      FIRST_RETRY_MS,
      2 * FIRST_RETRY_MS,
      4 * FIRST_RETRY_MS,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
    ])
    expect(normalizeCodes([' 11530100abc ', '11530100ABC', ''])).toEqual(['11530100ABC'])
  })
})
