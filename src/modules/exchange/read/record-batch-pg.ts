/**
 * PostgreSQL (issue 17 item 2, decisions §60): the record reads of lookups that reach the store in
 * one turn of the event loop go as one prepared statement per resource (`key_hash = any($2)`),
 * not one each. Lookups waiting on the same access-epoch read resume together, so under load a
 * turn holds several; a lone read keeps the one-row statement. Autocommit reads on the pool, so
 * each sees committed data only, as before.
 */
import type pg from 'pg'
import type { StoredVersion } from './record-lookup.js'

const COLUMNS = 'data, source_changed_at, arrived_at, version, deleted'
const ONE = `select ${COLUMNS} from records where resource_id = $1 and key_hash = $2`
const MANY = `select key_hash, ${COLUMNS} from records where resource_id = $1 and key_hash = any($2::text[])`

interface Waiting {
  keyHash: string
  resolve(row: StoredVersion | undefined): void
  reject(error: unknown): void
}

export function batchedRecordReader(
  pool: pg.Pool,
): (resourceId: string, keyHash: string) => Promise<StoredVersion | undefined> {
  let pending = new Map<string, Waiting[]>()
  let scheduled = false

  function flush(): void {
    const groups = pending
    pending = new Map()
    scheduled = false
    for (const [resourceId, waiting] of groups) {
      void readGroup(resourceId, waiting)
    }
  }

  async function readGroup(resourceId: string, waiting: Waiting[]): Promise<void> {
    try {
      if (waiting.length === 1) {
        const [only] = waiting
        const result = await pool.query<StoredVersion>({
          name: 'govshare_exchange_record',
          text: ONE,
          values: [resourceId, only?.keyHash],
        })
        only?.resolve(result.rows[0])
        return
      }
      const keys = [...new Set(waiting.map((w) => w.keyHash))]
      const result = await pool.query<StoredVersion & { key_hash: string }>({
        name: 'govshare_exchange_records',
        text: MANY,
        values: [resourceId, keys],
      })
      const found = new Map(result.rows.map(({ key_hash, ...row }) => [key_hash, row]))
      for (const w of waiting) {
        w.resolve(found.get(w.keyHash))
      }
    } catch (error) {
      for (const w of waiting) {
        w.reject(error)
      }
    }
  }

  return (resourceId, keyHash) =>
    new Promise((resolve, reject) => {
      const group = pending.get(resourceId)
      if (group) {
        group.push({ keyHash, resolve, reject })
      } else {
        pending.set(resourceId, [{ keyHash, resolve, reject }])
      }
      if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    })
}
