/**
 * Wire schemas used by every module: ids, paging, the error reply, roles. The portal imports this
 * file, so it imports nothing but typebox (no Node, no server code).
 */
import { type Static, type TSchema, Type } from 'typebox'

/** Media types of the files the API takes and gives. */
export const CSV_TYPE = 'text/csv'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A vocabulary value's label in both languages (zh-CN and English), shown by the portal and files. */
export interface Label {
  readonly zh: string
  readonly en: string
}

/** The labels of a closed vocabulary, one per value. */
export type Labels<K extends string> = Readonly<Record<K, Label>>

export const ROLES = [
  'platform_admin',
  'bureau_reviewer',
  'dept_admin',
  'cataloger',
  'approver',
  'consumer',
  'auditor',
  'security_officer',
  // Issue 13: a department's security contact reports its own incidents (Art. 31).
  'security_contact',
] as const
export type Role = (typeof ROLES)[number]

/** Dates the calendar accepts: wide enough for any deadline, narrow enough to bound a scan. */
export const MIN_YEAR = 1900
export const MAX_YEAR = 2199

export const Id = Type.String({ minLength: 1, maxLength: 64 })
export const IdParams = Type.Object({ id: Id })
export type IdParams = Static<typeof IdParams>

export const IsoTime = Type.String({ format: 'date-time', description: 'ISO 8601 with offset' })
export const IsoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD, Asia/Shanghai',
})

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
}

export const ErrorReply = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
      requestId: Type.Optional(Type.String()),
    }),
  },
  { $id: 'ErrorReply', description: 'Every 4xx/5xx reply; the message follows Accept-Language' },
)

/** Response map entries for the error statuses a route can answer with (documentation only). */
export function errorResponses(...statuses: number[]): Record<number, typeof ErrorReply> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorReply]))
}

/** The OpenAPI security requirement of every route that needs a bearer token. */
export const bearer = [{ bearer: [] }]

/** A field that is present with null when it has no value (never left out). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
