/**
 * The words of the API reference that the route schemas do not hold (decisions §48): each module
 * keeps one table, keyed by `METHOD /path` exactly as /openapi.json and docs/roles.md spell it.
 * The route's own English `summary` and `description` stay next to its code; the table gives the
 * Chinese, parameter descriptions and examples. src/http/openapi-docs.ts applies the tables.
 */
import type { Label } from './schema.js'

/** An example request or reply (synthetic demo data only). */
export type Example = unknown

export interface OperationDocs {
  /** 中文摘要. The English half is the route's own `summary` unless `en` is given. */
  zh: string
  /** The English summary, for a route that has none (or whose own is not the one to show). */
  en?: string
  /** A longer explanation; `en` defaults to the route's own `description`. */
  description?: { zh: string; en?: string }
  /** Parameters of this operation whose meaning differs from the module's or the shared one. */
  params?: Readonly<Record<string, Label>>
  /** An example request body. */
  request?: Example
  /** Example replies by status. */
  responses?: Readonly<Record<number, Example>>
}

export interface ApiDocs {
  /** Parameters that mean the same across this module's routes (shared ones: src/http/openapi-text.ts). */
  params?: Readonly<Record<string, Label>>
  operations: Readonly<Record<string, OperationDocs>>
}
