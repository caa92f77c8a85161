/** SQL of the search dictionary (search_synonyms, owned by the catalog's search). */
import type { Executor } from '../../../db/database.js'

export interface SynonymRow {
  term: string
  expansions: string[]
  updatedAt: string
  updatedBy: string
}

/** The entries for these terms: one primary-key lookup, done by every query with text. */
export async function synonymsFor(db: Executor, terms: readonly string[]): Promise<Map<string, string[]>> {
  if (terms.length === 0) {
    return new Map()
  }
  const rows = await db
    .selectFrom('search_synonyms')
    .select(['term', 'expansions'])
    .where('term', 'in', [...new Set(terms)])
    .execute()
  return new Map(rows.map((row) => [row.term, parseExpansions(row.expansions)]))
}

export async function listSynonyms(db: Executor): Promise<SynonymRow[]> {
  const rows = await db.selectFrom('search_synonyms').selectAll().orderBy('term').execute()
  return rows.map((row) => ({
    term: row.term,
    expansions: parseExpansions(row.expansions),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  }))
}

/** The entry before the change (undefined: a new term). */
export async function findSynonym(db: Executor, term: string): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('search_synonyms')
    .select('expansions')
    .where('term', '=', term)
    .executeTakeFirst()
  return row ? parseExpansions(row.expansions) : undefined
}

export async function upsertSynonym(db: Executor, row: SynonymRow): Promise<void> {
  const values = {
    term: row.term,
    expansions: JSON.stringify(row.expansions),
    updated_at: row.updatedAt,
    updated_by: row.updatedBy,
  }
  await db
    .insertInto('search_synonyms')
    .values(values)
    .onConflict((oc) =>
      oc.column('term').doUpdateSet({
        expansions: values.expansions,
        updated_at: values.updated_at,
        updated_by: values.updated_by,
      }),
    )
    .execute()
}

export async function deleteSynonym(db: Executor, term: string): Promise<void> {
  await db.deleteFrom('search_synonyms').where('term', '=', term).execute()
}

function parseExpansions(text: string): string[] {
  const value: unknown = JSON.parse(text)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
