/**
 * The one error type of govshare and the catalog of its stable codes, gathered from one file per
 * area in `error-catalog/`. Codes are a promise to departments' systems (API-CONTRACT.md): never
 * rename one once released.
 */
import { AUDIT_ERRORS } from './error-catalog/audit.js'
import { CATALOG_ERRORS } from './error-catalog/catalog.js'
import { COUNTY_ERRORS } from './error-catalog/county.js'
import { EXCHANGE_ERRORS } from './error-catalog/exchange.js'
import { FEDERATION_ERRORS } from './error-catalog/federation.js'
import { ORG_ERRORS } from './error-catalog/org.js'
import { PLATFORM_ERRORS } from './error-catalog/platform.js'
import { QUALITY_ERRORS } from './error-catalog/quality.js'
import { REQUEST_ERRORS } from './error-catalog/request.js'
import { SHARING_ERRORS } from './error-catalog/sharing.js'
import { SUPERVISION_ERRORS } from './error-catalog/supervision.js'
import { ZONE_ERRORS } from './error-catalog/zones.js'

export interface ErrorSpec {
  status: number
  zh: string
  en: string
}

export const ERROR_CATALOG = {
  ...REQUEST_ERRORS,
  ...ORG_ERRORS,
  ...CATALOG_ERRORS,
  ...SHARING_ERRORS,
  ...EXCHANGE_ERRORS,
  ...AUDIT_ERRORS,
  ...PLATFORM_ERRORS,
  ...SUPERVISION_ERRORS,
  ...QUALITY_ERRORS,
  ...ZONE_ERRORS,
  ...FEDERATION_ERRORS,
  ...COUNTY_ERRORS,
} as const satisfies Record<string, ErrorSpec>

export type ErrorCode = keyof typeof ERROR_CATALOG
export type Lang = 'zh-CN' | 'en'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly details: unknown

  constructor(code: ErrorCode, details?: unknown) {
    const spec: ErrorSpec = ERROR_CATALOG[code]
    super(`${code}: ${spec.en}`)
    this.name = 'AppError'
    this.code = code
    this.status = spec.status
    this.details = details
  }

  messageIn(lang: Lang): string {
    const spec: ErrorSpec = ERROR_CATALOG[this.code]
    return lang === 'en' ? spec.en : spec.zh
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

/** zh-CN unless the caller asks for English first (Accept-Language: en…). */
export function languageOf(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'zh-CN'
}
