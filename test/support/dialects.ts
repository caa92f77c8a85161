/**
 * The databases every storage and scenario test runs on. Both by default (CI has PostgreSQL);
 * GOVSHARE_TEST_DIALECTS=sqlite narrows a local run on a machine without it.
 */
import type { DialectName } from '../../src/db/database.js'

export const TEST_PG_URL = process.env.GOVSHARE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export const DIALECTS: DialectName[] = (process.env.GOVSHARE_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres')

/** TEST_PG_URL pointing at another database of the same server. */
export function databaseUrlFor(database: string): string {
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${database}`
  return url.toString()
}
