/**
 * Sharing catalog search benchmark: loads N resources with 10 items each (default 100 000 and
 * 1 000 000) straight into a fresh store, then times searchShared for 2-, 3- and 4-character
 * queries as the bureau and as a consumer of another department, beside the bare index query
 * (count of FTS5 MATCH / tsquery matches) and the floor (the newest MATCH_CAP + 1 matches of the
 * query alone, one statement: work no search can skip), on the same data in the same run. A last
 * group types the search dictionary's own words (身份证, 营业执照, 医保, …), whose bare query is the OR of the word and
 * its expansions, so the dictionary's cost (issue 15: p99 ≤ 20 ms at 100 000) is printed beside it.
 *
 *   npx tsx bench/catalog-search.ts [--dialect sqlite|postgres|both] [--resources 100000] [--queries 200]
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import type { DialectName } from '../src/db/database.js'
import { isPostgres } from '../src/db/dialect.js'
import {
  countBareMatches,
  createCatalogSearch,
  MATCH_CAP,
  type MatchExpr,
  matchWindow,
  phraseOf,
  queryTerms,
  readSearchDictionary,
} from '../src/modules/catalog/index.js'
import { type Actor, SYSTEM_ACTOR } from '../src/shared/actor.js'
import { newId } from '../src/shared/ids.js'
import { openTestDb } from '../test/support/db.js'
import { loadCorpus, sampleQueries } from './support/catalog-corpus.js'

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'both' },
    resources: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
  },
})
const RESOURCES = Number(args.resources)
const ITEMS_PER_RESOURCE = 10
const QUERIES = Number(args.queries)
const DIALECTS: DialectName[] =
  args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect as DialectName]

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

async function run(dialect: DialectName): Promise<void> {
  const started = Date.now()
  const { handle, cleanup } = await openTestDb(dialect)
  const db = handle.db
  try {
    const departments = Array.from({ length: 60 }, () => newId())
    await db
      .insertInto('departments')
      .values(
        departments.map((id, index) => ({
          id,
          code: `BENCH${String(index).padStart(4, '0')}`,
          name: `部门${index}`,
          level: 'city',
          parent_id: null,
          path: `/${id}/`,
          zone: 'external',
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
        })),
      )
      .execute()
    console.log(`${dialect}: loading ${RESOURCES} resources, ${RESOURCES * ITEMS_PER_RESOURCE} items`)
    const texts = await loadCorpus(db, departments, RESOURCES, ITEMS_PER_RESOURCE)
    if (isPostgres(db)) {
      // As autovacuum would have by then: statistics for the planner, an up-to-date visibility map.
      await sql`vacuum analyze`.execute(db)
    }
    console.log(`${dialect}: loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`)

    const search = createCatalogSearch({ db })
    const bureau: Actor = {
      ...SYSTEM_ACTOR,
      kind: 'user',
      id: 'bench-bureau',
      name: 'bureau',
      roles: ['bureau_reviewer'],
    }
    const consumerDept = departments[1]!
    const consumer: Actor = {
      ...SYSTEM_ACTOR,
      kind: 'user',
      id: 'bench-consumer',
      name: 'consumer',
      departmentId: consumerDept,
      departmentPath: `/${consumerDept}/`,
      departmentLevel: 'city',
      roles: ['consumer'],
    }
    const dictionary = await readSearchDictionary(db)
    const dictionaryQueries = Array.from({ length: QUERIES }, (_, i) => dictionary[i % dictionary.length]!)
    const groups: Array<{ label: string; queries: Array<{ q: string; bare: MatchExpr }> }> = [
      ...[2, 3, 4].map((length) => ({
        label: `${length} chars`,
        queries: sampleQueries(texts, length, QUERIES).map((q) => ({
          q,
          bare: { op: 'phrase' as const, tokens: queryTerms(q).phrases[0] ?? [] },
        })),
      })),
      {
        label: `dictionary words (${dictionary.length})`,
        queries: dictionaryQueries.map((entry) => ({
          q: entry.term,
          bare: { op: 'or' as const, items: [entry.term, ...entry.expansions].map((w) => phraseOf(w)) },
        })),
      },
    ]
    const rows: string[] = []
    for (const { label, queries } of groups) {
      const timings = {
        bare: [] as number[],
        floor: [] as number[],
        bureau: [] as number[],
        consumer: [] as number[],
      }
      let matched = 0
      let capped = 0
      // One warm-up pass so that the first queries do not measure cold caches.
      for (const { q } of queries.slice(0, 20)) {
        await search.searchShared(consumer, { q })
      }
      for (const { q, bare } of queries) {
        let count = 0
        timings.bare.push(
          await time(async () => {
            count = await countBareMatches(db, bare)
          }),
        )
        matched += count
        // The floor: the unavoidable work, the newest MATCH_CAP + 1 matches in one statement.
        timings.floor.push(await time(() => matchWindow(db, { expr: bare, nameChars: [] }, MATCH_CAP + 1)))
        timings.bureau.push(await time(() => search.searchShared(bureau, { q })))
        let exact = true
        timings.consumer.push(
          await time(async () => {
            exact = (await search.searchShared(consumer, { q })).totalExact
          }),
        )
        capped += exact ? 0 : 1
      }
      for (const list of Object.values(timings)) {
        list.sort((a, b) => a - b)
      }
      const bareP50 = percentile(timings.bare, 0.5)
      const bareP99 = percentile(timings.bare, 0.99)
      const floorP50 = percentile(timings.floor, 0.5)
      const floorP99 = percentile(timings.floor, 0.99)
      const line = (who: 'bureau' | 'consumer') => {
        const p50 = percentile(timings[who], 0.5)
        const p99 = percentile(timings[who], 0.99)
        return (
          `p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  (×${(p50 / bareP50).toFixed(2)} / ×${(p99 / bareP99).toFixed(2)} bare, ` +
          `×${(p50 / floorP50).toFixed(2)} / ×${(p99 / floorP99).toFixed(2)} floor)`
        )
      }
      rows.push(
        `${dialect}  ${label}  mean matches ${(matched / queries.length).toFixed(0)}, ${capped} of ${queries.length} over the ${MATCH_CAP} cap`,
        `    bare FTS count  p50 ${bareP50.toFixed(2)} ms  p99 ${bareP99.toFixed(2)} ms`,
        `    floor (window)  p50 ${floorP50.toFixed(2)} ms  p99 ${floorP99.toFixed(2)} ms`,
        `    bureau          ${line('bureau')}`,
        `    consumer        ${line('consumer')}`,
      )
    }
    console.log(rows.join('\n'))
  } finally {
    await cleanup()
  }
}

for (const dialect of DIALECTS) {
  await run(dialect)
}
