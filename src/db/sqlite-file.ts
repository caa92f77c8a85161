/** A connection to the platform's SQLite file with the settings every connection uses. */
import SqliteDatabase from 'better-sqlite3'

export function openSqliteFile(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  // FULL: a commit that was answered survives a power cut, not only a killed process.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  return sqlite
}
