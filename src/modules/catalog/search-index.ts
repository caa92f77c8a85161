/**
 * The sharing catalog's search index. Kept in step with publication inside the same transaction:
 * a published resource is (re)indexed, a withdrawn one removed.
 */
import type { Executor } from '../../db/database.js'

export interface SearchDoc {
  resourceId: string
  name: string
  summary: string
  itemNames: string[]
}

// The bigram index arrives with the search work; until then the text lives on the resource row
// and search matches it with LIKE (see search.ts).
export async function indexResource(_db: Executor, _doc: SearchDoc): Promise<void> {}

export async function unindexResource(_db: Executor, _resourceId: string): Promise<void> {}
