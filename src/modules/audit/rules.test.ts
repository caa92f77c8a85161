import { describe, expect, it } from 'vitest'
import { canonicalJson, sm3Hex } from '../../shared/crypto.js'
import { type ChainEntry, checkRun, GENESIS_HASH, hashEntry, hashEntryCanonical, sealEntry } from './rules.js'

function chain(length: number): ChainEntry[] {
  const entries: ChainEntry[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= length; seq++) {
    const entry = sealEntry({
      seq,
      at: `2026-01-0${(seq % 9) + 1}T00:00:00.000Z`,
      actorType: 'user',
      actorId: 'u1',
      actorName: 'zhang',
      departmentId: 'd1',
      action: 'user.create',
      objectType: 'user',
      objectId: `u${seq}`,
      details: canonicalJson({ n: seq, 名称: '测试' }),
      prevHash,
    })
    entries.push(entry)
    prevHash = entry.hash
  }
  return entries
}

describe('SM3 (GB/T 32905)', () => {
  it('matches the standard test vector for "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0')
  })
})

describe('audit chain rules', () => {
  it('accepts an intact chain and ends at its last hash', () => {
    const entries = chain(5)
    const run = checkRun({ seq: 0, hash: GENESIS_HASH }, entries)
    expect(run).toEqual({ ok: true, cursor: { seq: 5, hash: entries[4]?.hash } })
  })

  it('names an entry whose content changed', () => {
    const entries = chain(5)
    const tampered = entries.map((e) => (e.seq === 3 ? { ...e, objectId: 'u9' } : e))
    expect(checkRun({ seq: 0, hash: GENESIS_HASH }, tampered)).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      problem: 'hash_mismatch',
    })
  })

  it('names the gap where an entry was removed', () => {
    const entries = chain(5).filter((e) => e.seq !== 2)
    expect(checkRun({ seq: 0, hash: GENESIS_HASH }, entries)).toMatchObject({
      ok: false,
      firstBadSeq: 2,
      problem: 'missing_entry',
    })
  })

  it('names an entry re-hashed to hide a change (its successor no longer links)', () => {
    const entries = chain(4)
    const forged = sealEntry({ ...entries[1]!, objectId: 'forged' })
    const withForgery = entries.map((e) => (e.seq === 2 ? forged : e))
    expect(checkRun({ seq: 0, hash: GENESIS_HASH }, withForgery)).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      problem: 'broken_link',
    })
  })

  it('hashes the same details identically whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(
      '{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}',
    )
  })
})

describe('hashEntry written out field by field', () => {
  it('hashes exactly as the canonical JSON of the entry would', () => {
    const odd = ['', 'a"b', '换行\n', '\u2028', 'x\\y', '😀', null]
    for (let i = 0; i < 200; i++) {
      const pick = () => odd[(i * 7 + Math.floor(Math.random() * odd.length)) % odd.length] ?? null
      const entry = {
        seq: i * 1_000_003,
        at: new Date(1_800_000_000_000 + i).toISOString(),
        actorType: pick() ?? 'user',
        actorId: pick(),
        actorName: pick(),
        departmentId: pick(),
        action: pick() ?? 'x.y',
        objectType: pick(),
        objectId: pick(),
        details: canonicalJson({ v: pick(), n: i }),
        prevHash: GENESIS_HASH,
      }
      expect(hashEntry(entry)).toBe(hashEntryCanonical(entry))
    }
  })
})
