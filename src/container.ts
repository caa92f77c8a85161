/**
 * Wiring by hand: every service built once from the database, the settings and a clock.
 * Services never see Fastify; routes get only the services they call.
 */
import type { Config } from './config.js'
import { createAccessCache, epochReader } from './db/access-cache.js'
import type { DbHandle } from './db/connect.js'
import { createAuditService } from './modules/audit/index.js'
import { createCalendarService } from './modules/calendar/index.js'
import { createCatalogModule } from './modules/catalog/index.js'
import { createExchangeModule } from './modules/exchange/index.js'
import { createNotificationService } from './modules/notifications/index.js'
import { createAuthService, createOrgService } from './modules/org/index.js'
import { createOversightModule } from './modules/oversight/index.js'
import { createQualityModule } from './modules/quality/index.js'
import { createSharingModule } from './modules/sharing/index.js'
import { createSupervisionModule } from './modules/supervision/index.js'
import type { Clock } from './shared/clock.js'
import { fieldKeys } from './shared/field-crypto.js'

export interface ServiceDeps {
  handle: Pick<DbHandle, 'db' | 'dialect' | 'native'>
  config: Pick<
    Config,
    'sessionHours' | 'clientTokenSeconds' | 'dataKeys' | 'indexKey' | 'zone' | 'upstreamHosts'
  >
  clock: Clock
}

export function createServices(deps: ServiceDeps) {
  const { clock, config } = deps
  const { db, native } = deps.handle
  const access = createAccessCache(epochReader(native))
  const audit = createAuditService({ db, native, clock })
  const org = createOrgService({ db, clock, audit })
  const auth = createAuthService({ db, clock, audit, access, settings: config })
  const calendar = createCalendarService({ db, clock, audit })
  const notifications = createNotificationService({ db, clock, audit })
  const sharing = createSharingModule({ db, clock, audit, access, notifications, workingDays: calendar })
  const catalog = createCatalogModule({
    db,
    clock,
    audit,
    workingDays: calendar,
    listeners: {
      onPublished: sharing.grants.onPublished,
      onWithdrawn: sharing.grants.onWithdrawn,
      availableThroughPlatform: sharing.grants.availableThroughPlatform,
    },
  })
  const keys = fieldKeys(config.dataKeys, config.indexKey)
  const quality = createQualityModule({
    db,
    clock,
    audit,
    access,
    notifications,
    keys,
    grants: sharing.grants,
    workingDays: calendar,
  })
  const oversight = createOversightModule({ db, clock, audit, notifications, workingDays: calendar })
  const exchange = createExchangeModule({
    db,
    native,
    clock,
    audit,
    access,
    keys,
    zone: config.zone,
    upstreamHosts: config.upstreamHosts,
    grants: sharing.grants,
    workingDays: calendar,
    catalog: catalog.catalog,
    flags: quality.flags,
    anomalies: oversight.incidents,
  })
  const supervision = createSupervisionModule({
    db,
    clock,
    audit,
    workingDays: calendar,
    incidents: oversight.incidents,
  })
  return {
    db,
    clock,
    audit,
    org,
    auth,
    calendar,
    notifications,
    catalog,
    sharing,
    exchange,
    quality,
    supervision,
    oversight,
  }
}

export type Services = ReturnType<typeof createServices>
