/** The audit writer's contract, once, against a back-end that records what it is asked. */
import { describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../../shared/actor.js'
import type { LoggedRead } from '../service.js'
import type { AuditEvent } from '../vocabulary.js'
import { type CommitBackend, createAuditWriter, RowsPastHead } from './queue.js'

const read = (n: number): AuditEvent => ({
  action: 'exchange.delete',
  objectType: 'resource',
  objectId: `r${n}`,
  details: { deleted: n, missing: 0 },
})

/** Commits by numbering entries; `answer` decides each commit's fate. */
function fakeBackend(options: { pipelined: boolean; maxBatch?: number; answer?: (call: number) => unknown }) {
  const batches: string[][] = []
  let seq = 0
  let open = 0
  let mostOpen = 0
  let closed = false
  const backend: CommitBackend<string> = {
    maxBatch: options.maxBatch ?? 100,
    pipelined: options.pipelined,
    prepare: (_actor, event) => event.objectId ?? '',
    async commit(batch) {
      batches.push([...batch])
      const call = batches.length
      open += 1
      mostOpen = Math.max(mostOpen, open)
      await new Promise((resolve) => setTimeout(resolve, 5))
      open -= 1
      const fate = options.answer?.(call)
      if (fate !== undefined) {
        throw fate
      }
      return batch.map((): LoggedRead => ({ seq: ++seq }))
    },
    close: async () => {
      closed = true
    },
  }
  return { backend, batches, mostOpen: () => mostOpen, isClosed: () => closed }
}

describe('the audit writer', () => {
  it('commits the entries of one turn together, in order, and answers each with its own seq', async () => {
    const fake = fakeBackend({ pipelined: false })
    const writer = createAuditWriter(fake.backend)
    const reads = await Promise.all([1, 2, 3].map((n) => writer.append(SYSTEM_ACTOR, read(n))))
    expect(reads.map((r) => r.seq)).toEqual([1, 2, 3])
    expect(fake.batches).toEqual([['r1', 'r2', 'r3']])
  })

  it('keeps one commit in flight unless the back-end is pipelined, and caps a batch', async () => {
    for (const pipelined of [false, true]) {
      const fake = fakeBackend({ pipelined, maxBatch: 2 })
      const writer = createAuditWriter(fake.backend)
      await Promise.all([1, 2, 3, 4, 5].map((n) => writer.append(SYSTEM_ACTOR, read(n))))
      expect(fake.batches.map((b) => b.length)).toEqual([2, 2, 1])
      expect(fake.mostOpen()).toBe(pipelined ? 3 : 1)
    }
  })

  it('fails every caller of a failed commit, and the next commit still goes', async () => {
    const failure = new Error('disk full')
    const fake = fakeBackend({ pipelined: false, answer: (call) => (call === 1 ? failure : undefined) })
    const writer = createAuditWriter(fake.backend)
    const first = await Promise.allSettled([1, 2].map((n) => writer.append(SYSTEM_ACTOR, read(n))))
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(first[0]).toMatchObject({ reason: failure })
    expect((await writer.append(SYSTEM_ACTOR, read(3))).seq).toBe(1)
  })

  it('moves rows past the head aside once when refused, then commits; fails closed if they stay', async () => {
    let repairs = 0
    const hooks = {
      committed: () => {},
      moveForeignRowsAside: async () => {
        repairs += 1
      },
    }
    const once = fakeBackend({
      pipelined: true,
      answer: (call) => (call === 1 ? new RowsPastHead() : undefined),
    })
    const writer = createAuditWriter(once.backend, hooks)
    const reads = await Promise.all([1, 2].map((n) => writer.append(SYSTEM_ACTOR, read(n))))
    expect(reads.map((r) => r.seq)).toEqual([1, 2])
    expect(repairs).toBe(1)
    expect(once.batches).toEqual([
      ['r1', 'r2'],
      ['r1', 'r2'],
    ])

    const always = fakeBackend({ pipelined: true, answer: () => new RowsPastHead() })
    const stuck = createAuditWriter(always.backend, hooks)
    await expect(stuck.append(SYSTEM_ACTOR, read(1))).rejects.toThrow(/could not be moved aside/)
    expect(always.batches).toHaveLength(4)
  })

  it('drains before it closes the back-end, and tells after each commit', async () => {
    let commits = 0
    const fake = fakeBackend({ pipelined: false, maxBatch: 1 })
    const writer = createAuditWriter(fake.backend, {
      committed: () => {
        commits += 1
      },
      moveForeignRowsAside: async () => {},
    })
    const pending = [1, 2].map((n) => writer.append(SYSTEM_ACTOR, read(n)))
    await writer.close()
    expect(commits).toBe(2)
    expect(fake.isClosed()).toBe(true)
    expect((await Promise.all(pending)).map((r) => r.seq)).toEqual([1, 2])
  })
})
