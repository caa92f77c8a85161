/**
 * The one place that reads process.env. Every setting is checked at boot; each problem is one
 * readable line naming the variable, so an operator fixes it without reading code.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  AUDIT_DEFAULTS,
  type AuditSettings,
  type ForwardSpec,
  isPrivateKeyHex,
  isPublicKeyHex,
} from './modules/audit/index.js'
import type { PasswordHashCost } from './modules/org/index.js'
import { isStrongPassword } from './modules/org/index.js'
import { ROLES, type Role } from './shared/actor.js'
import { isValidKeyHex } from './shared/field-crypto.js'

export type SeedMode = 'demo' | 'none'
export type Zone = 'external' | 'internal'

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  adminPassword: string | undefined
  seed: SeedMode
  zone: Zone
  /**
   * GOVSHARE_ZONE_PEER_KEY (Art. 20, 33): on an external instance, the internal instance's SM2
   * public key (its audit signing key's), which every imported zone bundle must be signed with.
   */
  zonePeerKey?: string
  /**
   * GOVSHARE_ZONE_TRANSFER_KEY: an SM4 master key (32 hex) both instances hold; records cross the
   * gateway sealed under it. Unset on the internal instance: bundles carry the catalog only.
   */
  zoneTransferKey?: string
  logLevel: string
  /** Hours a portal session lives; API client tokens live `clientTokenSeconds`. */
  sessionHours: number
  clientTokenSeconds: number
  /** Hex master keys for sensitive fields: the first encrypts, the others only decrypt (rotation). */
  dataKeys: string[]
  /** Hex master of the lookup index; stays the same across data-key rotations. */
  indexKey: string | undefined
  /**
   * Hosts a provider may register as its system's endpoint (Art. 22): exact names or addresses,
   * or `*.example.gov.cn` for any subdomain. None by default: the platform calls no host nobody chose.
   */
  upstreamHosts: string[]
  /** Minutes without a request after which a portal session ends (besides `sessionHours`). */
  sessionIdleMinutes: number
  /** Roles that must sign in with a second factor (TOTP); others may enrol by choice. */
  mfaRequiredRoles: Role[]
  /** Password policy (等保 2.0 level 3): length, character classes, history, age (0 = no expiry). */
  passwordMinLength: number
  passwordMinClasses: number
  passwordHistory: number
  passwordMaxAgeDays: number
  /** Shared rate limits (every instance counts in the database) per fixed window. */
  rateWindowMinutes: number
  signInFailuresPerAddress: number
  signInFailuresPerAccountHour: number
  badTokensPerAddress: number
  /**
   * GOVSHARE_AUDIT_FORWARD (issue 12 item 6): every committed audit entry also goes to a file as a
   * JSON line, or to a syslog receiver (RFC 5424 over UDP). Unset: the database alone.
   */
  auditForward: ForwardSpec | undefined
  /**
   * Issue 13: whether the platform sits behind a proxy whose x-forwarded-* headers it may believe
   * (true, or the proxies' addresses). Only then does x-forwarded-proto: https earn an HSTS header.
   */
  trustProxy?: boolean | string[]
  /** GOVSHARE_METRICS_TOKEN (issue 17): /metrics is served, to a scraper presenting it, only when set. */
  metricsToken?: string
  /**
   * Signed checkpoints of the audit log (issue 12). Optional in the type so that settings built
   * by hand (tests) need not spell it out; `auditSettings` fills the defaults.
   */
  audit?: AuditSettings
  /** argon2id cost of new password hashes; unset: the standard cost. Only test platforms lower it. */
  passwordHashCost?: PasswordHashCost
}

// Defined by the audit module, which reads them; here because config is where settings are found.
export { AUDIT_DEFAULTS, type AuditSettings }

export function auditSettings(config: Pick<Config, 'audit'>): AuditSettings {
  return config.audit ?? AUDIT_DEFAULTS
}

/** 等保 2.0: bureau and administrator roles sign in with two factors. */
export const DEFAULT_MFA_ROLES: readonly Role[] = [
  'platform_admin',
  'bureau_reviewer',
  'auditor',
  'security_officer',
  'dept_admin',
]

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]
    if (raw === undefined || raw === '') {
      return fallback
    }
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw}: must be a whole number from ${min} to ${max}`)
      return fallback
    }
    return value
  }
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name]
    if (raw === undefined || raw === '') {
      return fallback
    }
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}=${raw}: must be one of ${allowed.join(', ')}`)
      return fallback
    }
    return raw as T // checked against `allowed` just above
  }

  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL: must start with postgres:// or postgresql:// (leave it unset for SQLite)')
  }
  const adminPassword = env.GOVSHARE_ADMIN_PASSWORD || undefined
  if (adminPassword !== undefined && !isStrongPassword(adminPassword)) {
    problems.push(
      'GOVSHARE_ADMIN_PASSWORD: must have at least 10 characters, 3 of upper, lower, digit, symbol, and not be a common password',
    )
  }

  const keyList = (name: string): string[] => {
    const raw = env[name]
    const keys = (raw ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
    for (const key of keys) {
      if (!isValidKeyHex(key)) {
        problems.push(`${name}: each key must be 32 to 128 hexadecimal characters (128 to 512 bits)`)
        return []
      }
    }
    return keys
  }
  const indexKey = keyList('GOVSHARE_INDEX_KEY')

  function hostList(name: string): string[] {
    const hosts = (env[name] ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host !== '')
    for (const host of hosts) {
      if (!/^(\*\.)?[a-z0-9.:[\]-]+$/.test(host)) {
        problems.push(`${name}=${host}: a host name, an address or *.domain, separated by commas`)
      }
    }
    return hosts
  }

  function roleList(name: string, fallback: readonly Role[]): Role[] {
    const raw = env[name]
    if (raw === undefined || raw === '') {
      return [...fallback]
    }
    if (raw.trim() === 'none') {
      return []
    }
    const roles: Role[] = []
    for (const part of raw.split(',').map((r) => r.trim())) {
      const role = ROLES.find((r) => r === part)
      if (role === undefined) {
        problems.push(`${name}=${raw}: roles separated by commas (${ROLES.join(', ')}), or none`)
        return [...fallback]
      }
      roles.push(role)
    }
    return roles
  }

  function forwardSpec(name: string): ForwardSpec | undefined {
    const raw = env[name]?.trim()
    if (!raw) {
      return undefined
    }
    const spec = parseForwardSpec(raw)
    if (!spec) {
      problems.push(
        `${name}=${raw}: must be file:/absolute/path.jsonl or syslog://host:port (port 1 to 65535)`,
      )
    }
    return spec
  }

  const signingKey = env.GOVSHARE_AUDIT_SIGNING_KEY?.trim() || undefined
  if (signingKey !== undefined && !isPrivateKeyHex(signingKey)) {
    problems.push('GOVSHARE_AUDIT_SIGNING_KEY: must be an SM2 private key, 64 hexadecimal characters')
  }
  const zonePeerKey = env.GOVSHARE_ZONE_PEER_KEY?.trim().toLowerCase() || undefined
  if (zonePeerKey !== undefined && !isPublicKeyHex(zonePeerKey)) {
    problems.push('GOVSHARE_ZONE_PEER_KEY: must be an uncompressed SM2 public key, 04 and 128 hex characters')
  }
  const zoneTransferKey = env.GOVSHARE_ZONE_TRANSFER_KEY?.trim().toLowerCase() || undefined
  if (zoneTransferKey !== undefined && !isValidKeyHex(zoneTransferKey)) {
    problems.push('GOVSHARE_ZONE_TRANSFER_KEY: must be an SM4 key, 32 hexadecimal characters')
  }
  const oldPublicKeys = (env.GOVSHARE_AUDIT_KEYS_OLD ?? '')
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter(Boolean)
  if (oldPublicKeys.some((key) => !isPublicKeyHex(key))) {
    problems.push(
      'GOVSHARE_AUDIT_KEYS_OLD: each must be an uncompressed SM2 public key, 04 and 128 hex characters',
    )
  }
  const witnessUrls = (env.GOVSHARE_AUDIT_WITNESS_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)
  for (const url of witnessUrls) {
    if (!/^https?:\/\/[^\s]+$/.test(url)) {
      problems.push(`GOVSHARE_AUDIT_WITNESS_URLS=${url}: each must be an http(s) URL`)
    }
  }

  const config: Config = {
    port: int('PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl,
    adminPassword,
    seed: oneOf('GOVSHARE_SEED', ['demo', 'none'] as const, 'demo'),
    zone: oneOf('GOVSHARE_ZONE', ['external', 'internal'] as const, 'external'),
    zonePeerKey,
    zoneTransferKey,
    logLevel: oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    sessionHours: int('GOVSHARE_SESSION_HOURS', 8, 1, 24 * 30),
    clientTokenSeconds: int('GOVSHARE_CLIENT_TOKEN_SECONDS', 3600, 60, 86400),
    dataKeys: [...keyList('GOVSHARE_DATA_KEY'), ...keyList('GOVSHARE_DATA_KEYS_OLD')],
    indexKey: indexKey[0],
    upstreamHosts: hostList('GOVSHARE_UPSTREAM_HOSTS'),
    audit: {
      checkpointEntries: int('GOVSHARE_AUDIT_CHECKPOINT_ENTRIES', 1000, 1, 10_000_000),
      checkpointMinutes: int('GOVSHARE_AUDIT_CHECKPOINT_MINUTES', 10, 1, 24 * 60),
      signingKey,
      oldPublicKeys,
      witnessUrls,
      readLogThread: oneOf('GOVSHARE_READ_LOG_THREAD', ['main', 'worker'] as const, 'main'),
    },
    sessionIdleMinutes: int('GOVSHARE_SESSION_IDLE_MINUTES', 30, 0, 24 * 60),
    mfaRequiredRoles: roleList('GOVSHARE_MFA_REQUIRED_ROLES', DEFAULT_MFA_ROLES),
    passwordMinLength: int('GOVSHARE_PASSWORD_MIN_LENGTH', 10, 8, 64),
    passwordMinClasses: int('GOVSHARE_PASSWORD_MIN_CLASSES', 3, 3, 4),
    passwordHistory: int('GOVSHARE_PASSWORD_HISTORY', 5, 0, 24),
    passwordMaxAgeDays: int('GOVSHARE_PASSWORD_MAX_AGE_DAYS', 0, 0, 3650),
    rateWindowMinutes: int('GOVSHARE_RATE_WINDOW_MINUTES', 15, 1, 24 * 60),
    signInFailuresPerAddress: int('GOVSHARE_SIGNIN_FAILURES_PER_ADDRESS', 100, 5, 1_000_000),
    signInFailuresPerAccountHour: int('GOVSHARE_SIGNIN_FAILURES_PER_ACCOUNT_HOUR', 10, 5, 1_000_000),
    badTokensPerAddress: int('GOVSHARE_BAD_TOKENS_PER_ADDRESS', 100, 5, 1_000_000),
    auditForward: forwardSpec('GOVSHARE_AUDIT_FORWARD'),
    trustProxy: trustProxyOf(env.GOVSHARE_TRUST_PROXY, problems),
    metricsToken: metricsTokenOf(env.GOVSHARE_METRICS_TOKEN, problems),
  }
  if (problems.length > 0) {
    throw new ConfigError(problems)
  }
  return config
}

/** `file:/abs/path`, `file:///abs/path` or `syslog://host[:port]` (514 by default); else undefined. */
export function parseForwardSpec(raw: string): ForwardSpec | undefined {
  if (raw.startsWith('file:')) {
    let file: string
    try {
      file = raw.startsWith('file://') ? fileURLToPath(raw) : raw.slice('file:'.length)
    } catch {
      return undefined
    }
    return path.isAbsolute(file) && !file.endsWith('/')
      ? { kind: 'file', path: path.normalize(file) }
      : undefined
  }
  if (!raw.startsWith('syslog://')) {
    return undefined
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  const port = url.port === '' ? 514 : Number(url.port)
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (host === '' || url.pathname !== '' || url.search !== '' || url.username !== '' || port < 1) {
    return undefined
  }
  return { kind: 'syslog', host, port }
}

/** GOVSHARE_TRUST_PROXY: unset or false, true, or the proxies' addresses (CIDR allowed), comma-separated. */
function trustProxyOf(raw: string | undefined, problems: string[]): boolean | string[] {
  const value = (raw ?? '').trim()
  if (value === '' || value === 'false') {
    return false
  }
  if (value === 'true') {
    return true
  }
  const addresses = value.split(',').map((a) => a.trim())
  if (addresses.some((a) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a))) {
    problems.push(
      `GOVSHARE_TRUST_PROXY=${value}: true, false, or proxy addresses (CIDR allowed), separated by commas`,
    )
    return false
  }
  return addresses
}

/** Long enough that guessing it is hopeless; the value itself is never printed. */
function metricsTokenOf(raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) {
    return undefined
  }
  if (raw.length < 32 || /[\s:]/.test(raw)) {
    problems.push('GOVSHARE_METRICS_TOKEN: must be at least 32 characters, without spaces or colons')
  }
  return raw
}
