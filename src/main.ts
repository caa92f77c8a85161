/** Entry point of `npm start`: read the settings, start the platform, listen, stop cleanly. */
import fs from 'node:fs'
import path from 'node:path'
import { ConfigError, loadConfig } from './config.js'
import { DEMO_ACCOUNTS_FILE, startPlatform } from './server.js'
import { formatStartNotice } from './start-notice.js'

/** Below systemd's TimeoutStopSec (docs/operations.md), so the platform, not SIGKILL, ends a stuck stop. */
const STOP_TIMEOUT_MS = 30_000

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) {
        process.stderr.write(`govshare: bad setting: ${problem}\n`)
      }
      process.exit(1)
    }
    throw error
  }
  const platform = await startPlatform(config)
  const adminPassword = platform.generatedAdminPassword
  let address: string
  try {
    address = await platform.app.listen({ port: config.port, host: config.host })
  } catch (error) {
    // The admin was created with this password; without it nobody could sign in.
    if (adminPassword) {
      process.stderr.write(`govshare: created user admin with password ${adminPassword} (change it)\n`)
    }
    throw error
  }
  platform.app.log.info(`govshare listening on ${address} (${platform.handle.dialect})`)
  platform.jobs.start()
  const accountsFile = path.resolve(config.dataDir, DEMO_ACCOUNTS_FILE)
  process.stdout.write(
    `${formatStartNotice({
      url: address,
      adminPassword,
      accountsFile: fs.existsSync(accountsFile) ? accountsFile : undefined,
    })}\n`,
  )
  // Issue 17: stop taking connections, answer every request already accepted, commit the audit
  // log's last batch, close the store. A stop that hangs is cut short rather than left to SIGKILL.
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) {
      return
    }
    stopping = true
    platform.app.log.info({ signal }, 'stopping: finishing the requests in flight and the audit log')
    setTimeout(() => {
      platform.app.log.error(`not stopped within ${STOP_TIMEOUT_MS / 1000} s; exiting`)
      process.exit(1)
    }, STOP_TIMEOUT_MS).unref()
    try {
      await platform.close()
      platform.app.log.info('stopped')
      process.exit(0)
    } catch (error) {
      platform.app.log.error({ err: error }, 'stop failed')
      process.exit(1)
    }
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`govshare: cannot start: ${message}\n`)
  process.exit(1)
})
