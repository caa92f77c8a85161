/**
 * The servers bench/exchange loads beside the platform's lookup route, each on its own port:
 *
 * - `bare`: Fastify answering {ok:true}, the ceiling of any route on this machine.
 * - `platformFloor`: the platform's own record read and read log (its audit writer), nothing else.
 *
 * and two stripped-down servers, built from nothing of the platform's request path: the floors the
 * lookup is judged against (issue 17).
 *
 * - `floor`: Fastify, a keyed SM3 hash of the key, one prepared read of the platform's records, and
 *   a chained SM3 log entry group-committed on the main thread (one transaction per turn of the
 *   event loop, synchronous=FULL, each reply sent after its commit). The issue's own floor.
 * - `lookup`: the floor plus the rest of what a lookup cannot skip, done the cheapest way: the
 *   bearer token hashed and found in memory, the access epoch read (what keeps several processes
 *   coherent), the grant checked in memory, the envelope decrypted and verified (SM4 + HMAC-SM3),
 *   the personal items masked, the same log details as the platform's `exchange.read`, the day's
 *   meter counted in the same commit, and the contract's reply shape.
 *
 * Both log into a store of their own (minimal-stores.ts), so the platform's chain is left alone.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import { type AuditEvent, GENESIS_HASH, hashEntry } from '../../src/modules/audit/index.js'
import type { PublishedItem } from '../../src/modules/catalog/index.js'
import { decodeData, keyHashOf, maskedKey, recordLookup } from '../../src/modules/exchange/index.js'
import { SYSTEM_ACTOR } from '../../src/shared/actor.js'
import { sm3Hex } from '../../src/shared/crypto.js'
import type { FieldKeys } from '../../src/shared/field-crypto.js'
import { maskValue, type Sensitivity } from '../../src/shared/masking.js'
import type { TestPlatform } from '../../test/support/platform.js'
import type { MinimalStore } from './minimal-stores.js'

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
}

/** Bare Fastify and the platform's floor route (its record read and audit writer), loaded like the lookup. */
export async function startPlatformServers(t: TestPlatform, keys: FieldKeys, resourceId: string) {
  const bare = Fastify({ logger: false })
  bare.get('/bare', async () => ({ ok: true }))
  const findRecord = recordLookup(t.platform.handle.native)
  const floor = Fastify({ logger: false })
  floor.get<{ Params: { key: string } }>('/floor/:key', async (request) => {
    const row = await findRecord(resourceId, keyHashOf(keys, request.params.key))
    // The floor logs a stand-in entry outside the typed catalog, on purpose: the same size as before.
    await t.platform.services.audit.recordRead(SYSTEM_ACTOR, {
      action: 'bench.floor',
      objectType: 'resource',
      objectId: resourceId,
      details: { records: row ? 1 : 0 },
    } as unknown as AuditEvent)
    return { found: row !== undefined }
  })
  return {
    bareUrl: await listen(bare),
    floorUrl: await listen(floor),
    async close() {
      await bare.close()
      await floor.close()
    },
  }
}

export interface MinimalSetting {
  /** The platform's records and access epoch (read, never written), and a log of the server's own. */
  openStore: (tag: string) => Promise<MinimalStore>
  keys: FieldKeys
  resourceId: string
  items: readonly PublishedItem[]
  grant: { id: string; items: readonly string[]; purpose: string }
  token: string
}

interface Waiting {
  details: string
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * The log: the entries of one turn of the event loop chained and committed together, each caller
 * answered after the commit; a batch waits for the one before it (the chain is in order).
 */
function groupCommitLog(store: MinimalStore) {
  let head = { seq: 0, hash: GENESIS_HASH }
  let queue: Waiting[] = []
  let meterKey: string | undefined
  let committing: Promise<void> = Promise.resolve()

  async function flush(): Promise<void> {
    const batch = queue
    const key = meterKey
    queue = []
    if (batch.length === 0) {
      return // an earlier flush, waiting behind a slow commit, took these entries
    }
    let { seq, hash } = head
    const at = new Date().toISOString()
    const rows = batch.map((waiting) => {
      seq += 1
      const entry = {
        seq,
        at,
        actorType: 'user' as const,
        actorId: 'bench',
        actorName: 'bench',
        departmentId: null,
        action: 'exchange.read',
        objectType: 'resource',
        objectId: 'bench',
        details: waiting.details,
        prevHash: hash,
      }
      hash = hashEntry(entry)
      return { ...entry, hash }
    })
    try {
      await store.commit(rows, key ? { key, day: at.slice(0, 10), units: batch.length } : undefined)
      head = { seq, hash }
      for (const waiting of batch) {
        waiting.resolve()
      }
    } catch (error) {
      for (const waiting of batch) {
        waiting.reject(error)
      }
    }
  }

  return (details: string, meter?: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (queue.length === 0) {
        meterKey = meter
        setImmediate(() => {
          committing = committing.then(flush)
        })
      }
      queue.push({ details, resolve, reject })
    })
}

export async function startMinimalServers(setting: MinimalSetting) {
  const { keys, resourceId } = setting
  const floorStore = await setting.openStore('minimal-floor')
  const store = await setting.openStore('minimal-lookup')
  const floorLog = groupCommitLog(floorStore)
  const lookupLog = groupCommitLog(store)

  const floor = Fastify({ logger: false })
  floor.get<{ Params: { key: string } }>('/floor/:key', async (request) => {
    const row = await floorStore.readRecord(resourceId, keyHashOf(keys, request.params.key))
    await floorLog(JSON.stringify({ records: row ? 1 : 0 }))
    return { found: row !== undefined }
  })

  const sessions = new Map([[sm3Hex(setting.token), { userId: 'bench', expiresAt: Date.now() + 86_400_000 }]])
  const granted = new Set(setting.grant.items)
  const shown = setting.items.filter((item) => granted.has(item.name))
  const lookup = Fastify({ logger: false })
  lookup.get<{ Params: { id: string; key: string }; Querystring: { caseRef?: string } }>(
    '/api/v1/exchange/resources/:id/records/:key',
    async (request, reply) => {
      const token = request.headers.authorization?.slice('Bearer '.length) ?? ''
      await store.readEpoch()
      const session = sessions.get(sm3Hex(token))
      if (!session || session.expiresAt < Date.now() || request.params.id !== resourceId) {
        return reply.code(403).send({ code: 'FORBIDDEN' })
      }
      const key = request.params.key
      const keyHash = keyHashOf(keys, key)
      const row = await store.readRecord(resourceId, keyHash)
      const masked = maskedKey(setting.items, key)
      await lookupLog(
        JSON.stringify({
          grantId: setting.grant.id,
          purpose: setting.grant.purpose,
          caseRef: request.query.caseRef ?? null,
          mode: 'lookup',
          keys: [masked],
          keyHashes: [keyHash],
          records: row ? 1 : 0,
          items: setting.grant.items,
        }),
        setting.grant.id,
      )
      if (!row) {
        return reply.code(404).send({ code: 'EXCHANGE_RECORD_NOT_FOUND' })
      }
      const data = decodeData(keys, row.data)
      const record: Record<string, unknown> = {}
      for (const item of shown) {
        const value = data[item.name] ?? null
        record[item.name] =
          value === null || item.sensitivity === 'none'
            ? value
            : maskValue(String(value), item.sensitivity as Sensitivity)
      }
      return { record, grantId: setting.grant.id, version: row.version, source: 'platform' }
    },
  )

  return {
    floorUrl: await listen(floor),
    lookupUrl: await listen(lookup),
    async close() {
      await floor.close()
      await lookup.close()
      await floorStore.close()
      await store.close()
    },
  }
}
