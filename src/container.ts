/**
 * Wiring by hand: every service built once from the database, the settings and a clock.
 * Services never see Fastify; routes get only the services they call.
 */
import { auditSettings, type Config, DEFAULT_MFA_ROLES } from './config.js'
import { createAccessCache, epochReader } from './db/access-cache.js'
import type { DbHandle } from './db/connect.js'
import {
  type AuditDirectory,
  auditFacts,
  createAuditSearch,
  createAuditService,
  createSigner,
} from './modules/audit/index.js'
import { createCalendarService } from './modules/calendar/index.js'
import {
  createCatalogModule,
  publishedResource,
  resourceNames,
  resourcesMatching,
} from './modules/catalog/index.js'
import { createCountyImports, createCountyMigration } from './modules/county/index.js'
import { createExchangeModule, keyHashOf, maskedKey } from './modules/exchange/index.js'
import { createFederationModule } from './modules/federation/index.js'
import { createNotificationService } from './modules/notifications/index.js'
import {
  createAuthService,
  createOrgService,
  createPasswordHasher,
  createRateLimiter,
  departmentNames,
  principalNames,
  principalsMatching,
} from './modules/org/index.js'
import { createQualityModule } from './modules/quality/index.js'
import { createSharingModule, resourceIdsOf, sharingObjectsOf } from './modules/sharing/index.js'
import { createRectificationModule, createSupervisionModule } from './modules/supervision/index.js'
import { createZoneGuard } from './modules/zones/index.js'
import type { Clock } from './shared/clock.js'
import { fieldKeys } from './shared/field-crypto.js'
import { createPlatformMetrics } from './shared/metrics.js'

export interface ServiceDeps {
  handle: Pick<DbHandle, 'db' | 'dialect' | 'native'>
  config: Pick<
    Config,
    'sessionHours' | 'clientTokenSeconds' | 'dataKeys' | 'indexKey' | 'zone' | 'upstreamHosts' | 'audit'
  > &
    Partial<Pick<Config, SecuritySetting | 'auditForward' | 'passwordHashCost'>>
  clock: Clock
}

type SecuritySetting =
  | 'rateWindowMinutes'
  | 'signInFailuresPerAddress'
  | 'signInFailuresPerAccountHour'
  | 'badTokensPerAddress'
  | 'sessionIdleMinutes'
  | 'mfaRequiredRoles'
  | 'passwordMinLength'
  | 'passwordMinClasses'
  | 'passwordHistory'
  | 'passwordMaxAgeDays'

/** Production defaults (config.ts) for callers that build services without every setting (unit tests). */
const SECURITY_DEFAULTS: Pick<Config, SecuritySetting> = {
  rateWindowMinutes: 15,
  signInFailuresPerAddress: 100,
  signInFailuresPerAccountHour: 10,
  badTokensPerAddress: 100,
  sessionIdleMinutes: 30,
  mfaRequiredRoles: [...DEFAULT_MFA_ROLES],
  passwordMinLength: 10,
  passwordMinClasses: 3,
  passwordHistory: 5,
  passwordMaxAgeDays: 0,
}

export function createServices(deps: ServiceDeps) {
  const { clock, config } = deps
  const { db, native } = deps.handle
  const metrics = createPlatformMetrics()
  const access = createAccessCache(epochReader(native), (hit) =>
    metrics.accessLookups.inc({ result: hit ? 'hit' : 'miss' }),
  )
  const settings = auditSettings(config)
  const signer = settings.signingKey ? createSigner(settings.signingKey) : undefined
  const audit = createAuditService({ db, native, clock, forward: config.auditForward, signer, settings })
  const passwords = createPasswordHasher(config.passwordHashCost)
  const zones = createZoneGuard({ audit, zone: config.zone })
  const org = createOrgService({ db, clock, audit, passwords, zones })
  const keys = fieldKeys(config.dataKeys, config.indexKey)
  const auth = createAuthService({
    db,
    clock,
    audit,
    access,
    keys,
    passwords,
    zones,
    settings: {
      sessionHours: config.sessionHours,
      clientTokenSeconds: config.clientTokenSeconds,
      sessionIdleMinutes: config.sessionIdleMinutes ?? SECURITY_DEFAULTS.sessionIdleMinutes,
      mfaRequiredRoles: config.mfaRequiredRoles ?? SECURITY_DEFAULTS.mfaRequiredRoles,
      passwordMinLength: config.passwordMinLength ?? SECURITY_DEFAULTS.passwordMinLength,
      passwordMinClasses: config.passwordMinClasses ?? SECURITY_DEFAULTS.passwordMinClasses,
      passwordHistory: config.passwordHistory ?? SECURITY_DEFAULTS.passwordHistory,
      passwordMaxAgeDays: config.passwordMaxAgeDays ?? SECURITY_DEFAULTS.passwordMaxAgeDays,
    },
  })
  const rateLimiter = createRateLimiter({ db, clock })
  const calendar = createCalendarService({ db, clock, audit })
  const notifications = createNotificationService({ db, clock, audit })
  const sharing = createSharingModule({ db, clock, audit, access, notifications, workingDays: calendar })
  const catalog = createCatalogModule({
    db,
    clock,
    audit,
    workingDays: calendar,
    zones,
    listeners: {
      onPublished: sharing.grants.onPublished,
      onWithdrawn: sharing.grants.onWithdrawn,
      availableThroughPlatform: sharing.grants.availableThroughPlatform,
    },
  })
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
  const rectification = createRectificationModule({
    db,
    clock,
    audit,
    auditFacts,
    notifications,
    workingDays: calendar,
  })
  // Issue 12: rows forged past the audit head raise an Art. 31 incident; audit never sees rectification's tables.
  audit.onForeignRows(rectification.incidents.raiseAuditTampering)
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
    anomalies: rectification.incidents,
  })
  const supervision = createSupervisionModule({
    db,
    clock,
    audit,
    auditFacts,
    workingDays: calendar,
    incidents: rectification.incidents,
    notifications,
  })
  // Art. 21, 39 (§52): the city ↔ province link, signed with the same key as the checkpoints.
  const federation = createFederationModule({
    db,
    clock,
    audit,
    signer,
    sharing,
    exchange,
    reports: supervision.annualReports,
  })
  const countyMigration = createCountyMigration({
    db,
    clock,
    audit,
    catalog: catalog.county,
    records: exchange.countyRecords,
    grants: sharing.county,
  })
  // The CLI runs the migration itself; the bureau's portal goes through uploads (decisions §59).
  const county = {
    ...countyMigration,
    imports: createCountyImports({ db, clock, audit, migration: countyMigration }),
  }
  const auditSearch = createAuditSearch({ db, audit, keys, directory: auditDirectory() })
  return {
    db,
    clock,
    audit,
    passwords,
    zones,
    /** The audit checkpoint signer; it also signs zone bundles (decisions §51). */
    signer,
    auditSearch,
    org,
    auth,
    rateLimiter,
    signInLimits: {
      rateWindowMinutes: config.rateWindowMinutes ?? SECURITY_DEFAULTS.rateWindowMinutes,
      signInFailuresPerAddress: config.signInFailuresPerAddress ?? SECURITY_DEFAULTS.signInFailuresPerAddress,
      signInFailuresPerAccountHour:
        config.signInFailuresPerAccountHour ?? SECURITY_DEFAULTS.signInFailuresPerAccountHour,
      badTokensPerAddress: config.badTokensPerAddress ?? SECURITY_DEFAULTS.badTokensPerAddress,
    },
    calendar,
    notifications,
    catalog,
    sharing,
    exchange,
    county,
    quality,
    supervision,
    rectification,
    metrics,
    federation,
  }
}

export type Services = ReturnType<typeof createServices>

/** The audit search names what other modules own; handing it their functions keeps audit below them (§37). */
export function auditDirectory(): AuditDirectory {
  return {
    principalNames,
    principalsMatching,
    departmentNames,
    resourceNames,
    resourcesMatching,
    publishedResource,
    resourceIdsOf,
    sharingObjectsOf,
    keyHashOf,
    maskedKey,
  }
}
