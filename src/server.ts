/**
 * Starts the platform: open the store, migrate, bootstrap the bureau and admin, seed the demo city
 * on first start, build the app. main.ts adds listening and signals; tests call this directly.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import type { Config } from './config.js'
import { createServices, type Services } from './container.js'
import { type DbHandle, openDatabase } from './db/connect.js'
import { migrateToLatest } from './db/migrate.js'
import { withAuditSigningKey } from './modules/audit/index.js'
import { createJobRunner, type JobRunner, platformJobs } from './modules/jobs/index.js'
import { BUREAU_NAME, ensureBureauAndAdmin, readSetting, writeSetting } from './modules/org/index.js'
import { seedDemoActivity } from './seed/demo-activity.js'
import { seedDemoCatalog } from './seed/demo-catalog.js'
import { type DemoAccount, formatAccounts, formatSampleKeys, seedDemoCity } from './seed/demo-city.js'
import { seedDemoRecords } from './seed/demo-records.js'
import { type Clock, systemClock } from './shared/clock.js'
import { zoneCheck } from './zone-check.js'

export interface Platform {
  app: FastifyInstance
  services: Services
  handle: DbHandle
  /** Scheduled checks; main.ts starts them after listening, close() stops them. */
  jobs: JobRunner
  /** Set on the start that generated the admin's password: main.ts shows it once started. */
  generatedAdminPassword?: string
  close(): Promise<void>
}

export interface StartOptions {
  clock?: Clock
  /** PostgreSQL schema to run in (tests). */
  schema?: string
  /** Where start-up notices go (generated passwords). */
  print?: (line: string) => void
}

const DEMO_SEEDED = 'demo_seeded'
/** In DATA_DIR, mode 0600: the demo accounts, and the admin's password when it was generated. */
export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt'

export async function startPlatform(config: Config, options: StartOptions = {}): Promise<Platform> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`))
  const clock = options.clock ?? systemClock
  let generated: string | undefined
  const handle = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    schema: options.schema,
  })
  try {
    await migrateToLatest(handle.db)
    const keyed = withAuditSigningKey(withDataKeys(config))
    const services = createServices({ handle, config: keyed, clock })
    const boot = await ensureBureauAndAdmin(services, config.adminPassword)
    generated = boot.generatedPassword
    const leftovers = await zoneCheck(services)
    if (leftovers.length > 0) {
      print(
        `govshare: WARNING: ${leftovers.length} internal-network row(s) on this external instance (Art. 20, 33); list them with \`govshare zone check\` and remove them`,
      )
    }
    if (config.seed === 'demo' && (await readSetting(handle.db, DEMO_SEEDED)) === undefined) {
      const { accounts, departmentIds } = await seedDemoCity(services, boot.admin, {
        id: boot.bureauId,
        name: BUREAU_NAME,
      })
      const resources = await seedDemoCatalog(services, departmentIds)
      print(`govshare: seeded the demo catalog (${resources} resources)`)
      const loaded = await seedDemoRecords(services, departmentIds)
      print(
        `govshare: seeded ${loaded.records} demo records in ${loaded.resources} resources and ${loaded.grants} grants`,
      )
      const started = performance.now()
      const activity = await seedDemoActivity(handle, keyed, clock.now(), departmentIds)
      print(
        `govshare: seeded a year of demo activity (${activity.requests} requests, ${activity.grants} grants, ` +
          `${activity.reads} reads serving ${activity.recordsServed} records, ${activity.ingests} updates) ` +
          `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      )
      await writeSetting(handle.db, DEMO_SEEDED, clock.now().toISOString(), clock.now().toISOString())
      if (accounts.length > 0) {
        const file = path.join(config.dataDir, DEMO_ACCOUNTS_FILE)
        fs.mkdirSync(config.dataDir, { recursive: true })
        const text = `${formatAccounts(accounts, adminEntry(generated))}${formatSampleKeys(loaded.sampleKeys)}`
        writePrivateFile(file, text)
        print(`govshare: seeded the demo city; ${accounts.length} demo accounts written to ${file}:`)
        print(text)
      }
    }
    const app = await buildApp(services, {
      logLevel: config.logLevel,
      trustProxy: config.trustProxy,
      metricsToken: config.metricsToken,
      clock,
    })
    services.audit.setWarn((message, error) => app.log.warn({ err: error }, message))
    const jobs = createJobRunner({
      db: handle.db,
      clock,
      jobs: platformJobs(services),
      onError: (job, error) => app.log.error({ err: error, job }, 'scheduled job failed'),
      onRun: (job, outcome) => services.metrics.jobRuns.inc({ job, outcome }),
    })
    return {
      app,
      services,
      handle,
      jobs,
      generatedAdminPassword: generated,
      close: async () => {
        await jobs.stop()
        await app.close()
        await services.audit.close()
        await handle.close()
      },
    }
  } catch (error) {
    // The admin exists now with this password: the end-of-start notice will never come.
    if (generated) {
      print(`govshare: created user admin with password ${generated} (start failed; change it once started)`)
    }
    await handle.close()
    throw error
  }
}

/** The admin's line in the accounts file: its password only when this start generated it. */
function adminEntry(generatedPassword: string | undefined): DemoAccount | string {
  if (generatedPassword === undefined) {
    return '# admin: the password given in GOVSHARE_ADMIN_PASSWORD (or set before the demo was seeded)'
  }
  return {
    username: 'admin',
    password: generatedPassword,
    roles: ['platform_admin'],
    department: BUREAU_NAME,
    displayName: '平台管理员',
  }
}

/**
 * Passwords inside: readable by the owner only. writeFileSync's mode applies only to a file it
 * creates, so a file left by an earlier start (or made with a looser umask) is narrowed too.
 */
function writePrivateFile(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 })
  fs.chmodSync(file, 0o600)
}

/**
 * SM4 master keys: from settings, or for a single SQLite instance a key file made on first start
 * in DATA_DIR (0600). Several PostgreSQL instances must share one key, so there it is a setting.
 */
export function withDataKeys<T extends Pick<Config, 'dataKeys' | 'databaseUrl' | 'dataDir'>>(config: T): T {
  if (config.dataKeys.length > 0) {
    return config
  }
  if (config.databaseUrl) {
    throw new Error(
      'GOVSHARE_DATA_KEY: required with DATABASE_URL (every instance must use the same key; 32+ hex characters)',
    )
  }
  const file = path.join(config.dataDir, 'data.key')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true })
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  }
  return { ...config, dataKeys: [fs.readFileSync(file, 'utf8').trim()] }
}
