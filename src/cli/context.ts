/** Opens the platform's store and services for one CLI command, with the same settings as npm start. */
import { loadConfig } from '../config.js'
import { createServices, type Services } from '../container.js'
import { openDatabase } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { withAuditSigningKey } from '../modules/audit/index.js'
import { withDataKeys } from '../server.js'
import { systemClock } from '../shared/clock.js'

export async function withServices<T>(
  env: Record<string, string | undefined>,
  work: (services: Services) => Promise<T>,
): Promise<T> {
  const config = loadConfig(env)
  const handle = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
  try {
    await migrateToLatest(handle.db)
    const services = createServices({
      handle,
      config: withAuditSigningKey(withDataKeys(config)),
      clock: systemClock,
    })
    try {
      return await work(services)
    } finally {
      await services.audit.close()
    }
  } finally {
    await handle.close()
  }
}
