import { describe, expect, it } from 'vitest'
import { meteredEntry, meterLedger, meterVerdict, type ReadMeter } from './meters.js'

const meter = (over: Partial<ReadMeter> = {}): ReadMeter => ({
  key: 'grant-1',
  day: '2026-12-05',
  units: 1,
  misses: 0,
  limit: 100,
  suspendAtMisses: 100,
  refused: {
    action: 'exchange.denied',
    details: { grantId: 'grant-1', records: 0 },
    codes: { over_budget: 'EXCHANGE_QUOTA_EXCEEDED', suspended: 'EXCHANGE_READS_SUSPENDED' },
  },
  ...over,
})

describe('read meters', () => {
  it('counts up to the limit and refuses the read that would pass it, uncounted', () => {
    expect(meterVerdict({ units: 99, misses: 0, suspended: false }, meter())).toMatchObject({
      outcome: 'counted',
      count: { units: 100 },
    })
    expect(meterVerdict({ units: 100, misses: 0, suspended: false }, meter())).toMatchObject({
      outcome: 'over_budget',
      count: { units: 100 },
    })
    // A batch that would cross the limit is refused whole, not served in part.
    expect(meterVerdict({ units: 90, misses: 0, suspended: false }, meter({ units: 20 })).outcome).toBe(
      'over_budget',
    )
  })

  it('suspends once misses reach the limit and are at least half of what was asked, once', () => {
    const crossing = meterVerdict(
      { units: 100, misses: 99, suspended: false },
      meter({ misses: 1, limit: 1000 }),
    )
    expect(crossing).toMatchObject({ outcome: 'counted', suspendedNow: true, count: { suspended: true } })
    expect(meterVerdict(crossing.count, meter({ limit: 1000 }))).toMatchObject({
      outcome: 'suspended',
      suspendedNow: false,
    })
    // Many misses among many hits are a busy caller, not a guessing one.
    const busy = meterVerdict(
      { units: 900, misses: 150, suspended: false },
      meter({ misses: 1, limit: 1000 }),
    )
    expect(busy).toMatchObject({ outcome: 'counted', suspendedNow: false })
  })

  it('logs a refused read as its refusal, with the code, and a counted one unchanged', () => {
    const entry = { action: 'exchange.read', details: { grantId: 'grant-1', records: 1, keys: ['a'] } }
    const refused = meteredEntry(
      entry,
      meter(),
      meterVerdict({ units: 100, misses: 0, suspended: false }, meter()),
    )
    expect(refused).toEqual({
      action: 'exchange.denied',
      details: { grantId: 'grant-1', records: 0, code: 'EXCHANGE_QUOTA_EXCEEDED' },
    })
    expect(meteredEntry(entry, meter(), meterVerdict(undefined, meter()))).toBe(entry)
  })

  it("counts a commit's reads of one meter in order and writes the meter once", () => {
    const ledger = meterLedger()
    const m = meter({ limit: 2 })
    expect(ledger.needs(m)).toBe(true)
    ledger.load(m, { units: 1, misses: 0, suspended: false })
    expect(ledger.needs(m)).toBe(false)
    expect(ledger.count(m, 't1').outcome).toBe('counted')
    expect(ledger.count(m, 't2').outcome).toBe('over_budget')
    expect(ledger.changes()).toEqual([
      { key: 'grant-1', day: '2026-12-05', count: { units: 2, misses: 0, suspended: false }, at: 't1' },
    ])
    // A meter only refused is not written.
    const full = meterLedger()
    full.load(m, { units: 2, misses: 0, suspended: false })
    full.count(m, 't3')
    expect(full.changes()).toEqual([])
  })
})
