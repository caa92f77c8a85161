import { describe, expect, it } from 'vitest'
import { coalesced, createAccessCache } from './access-cache.js'

describe('access cache', () => {
  it('loads an answer once per epoch, however many ask, and again once the epoch moves', async () => {
    let epoch = 1
    const cache = createAccessCache(async () => epoch)
    let loads = 0
    const load = async () => {
      loads += 1
      return `answer ${loads}`
    }
    const first = await cache.snapshot()
    expect(await Promise.all([first.get('k', load), first.get('k', load)])).toEqual(['answer 1', 'answer 1'])
    expect(await (await cache.snapshot()).get('k', load)).toBe('answer 1')
    epoch = 2
    expect(await (await cache.snapshot()).get('k', load)).toBe('answer 2')
    expect(loads).toBe(2)
  })

  it('does not keep a failed load', async () => {
    const cache = createAccessCache(async () => 7)
    const snapshot = await cache.snapshot()
    await expect(snapshot.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow()
    expect(await snapshot.get('k', async () => 'recovered')).toBe('recovered')
  })
})

describe('coalesced reads', () => {
  it('makes a caller who arrives during a read wait for the next read, shared with the others', async () => {
    const started: Array<(value: number) => void> = []
    const read = coalesced(
      () =>
        new Promise<number>((resolve) => {
          started.push(resolve)
        }),
    )
    const early = read()
    const late1 = read()
    const late2 = read()
    expect(started).toHaveLength(1)
    started[0]?.(1)
    expect(await early).toBe(1)
    // The late callers' read began after the first ended: a change committed before they came is in it.
    await new Promise((resolve) => setImmediate(resolve))
    expect(started).toHaveLength(2)
    started[1]?.(2)
    expect(await Promise.all([late1, late2])).toEqual([2, 2])
  })
})
