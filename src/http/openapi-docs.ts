/**
 * Applies the modules' API docs tables (src/shared/api-docs.ts) to the OpenAPI document that
 * @fastify/swagger generates from the route schemas, and lists what is still undocumented
 * (decisions §48). Runs once per process: the document is cached after the first build.
 */
import type { ApiDocs, Example, OperationDocs } from '../shared/api-docs.js'
import { bilingual, SHARED_PARAMS, STATUS_TEXT } from './openapi-text.js'

/** The parts of an OpenAPI 3.1 document this file reads and writes. */
export interface Parameter {
  name: string
  in: string
  description?: string
}
interface Media {
  example?: Example
}
interface Reply {
  description?: string
  content?: Record<string, Media>
}
export interface Operation {
  summary?: string
  description?: string
  operationId?: string
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, Media> }
  responses?: Record<string, Reply>
  security?: Array<Record<string, string[]>>
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>
  [key: string]: unknown
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options'])
const CHINESE = /[\u4e00-\u9fff]/
const LATIN_WORD = /[A-Za-z]{2,}/

/** Every operation of the document with its `METHOD /path` key. */
export function operationsOf(document: OpenApiDocument): Array<{ key: string; op: Operation }> {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  )
}

/** Applies the tables in place; a key two tables define is a programming error, thrown at once. */
export function applyApiDocs(document: OpenApiDocument, tables: readonly ApiDocs[]): OpenApiDocument {
  const byKey = new Map<string, { docs: OperationDocs; table: ApiDocs }>()
  for (const table of tables) {
    for (const [key, docs] of Object.entries(table.operations)) {
      if (byKey.has(key)) {
        throw new Error(`API docs: ${key} is documented twice`)
      }
      byKey.set(key, { docs, table })
    }
  }
  for (const { key, op } of operationsOf(document)) {
    const found = byKey.get(key)
    op.operationId ??= operationIdOf(key)
    if (found) {
      describeOperation(op, found.docs)
    }
    for (const parameter of op.parameters ?? []) {
      const label =
        found?.docs.params?.[parameter.name] ??
        found?.table.params?.[parameter.name] ??
        SHARED_PARAMS[parameter.name]
      if (label) {
        parameter.description = bilingual(label)
      }
    }
    describeReplies(op, found?.docs)
  }
  return document
}

function describeOperation(op: Operation, docs: OperationDocs): void {
  const en = docs.en ?? op.summary
  op.summary = en ? `${docs.zh} / ${en}` : docs.zh
  const enDescription = docs.description?.en ?? op.description
  const parts = [docs.description?.zh, enDescription].filter((part): part is string => Boolean(part))
  if (parts.length > 0) {
    op.description = parts.join('\n\n')
  }
  const requestMedia = op.requestBody?.content?.['application/json']
  if (docs.request !== undefined && requestMedia) {
    requestMedia.example = docs.request
  }
}

function describeReplies(op: Operation, docs: OperationDocs | undefined): void {
  op.responses ??= {}
  const replies = op.responses
  // Every call that needs a token can be answered 401 AUTH_REQUIRED, whatever the route lists.
  if (op.security?.length && !Object.keys(replies).some((status) => status.startsWith('4'))) {
    replies['401'] = { description: '' }
  }
  for (const [status, reply] of Object.entries(replies)) {
    const text = STATUS_TEXT[status]
    if (text && (reply.description === undefined || !CHINESE.test(reply.description))) {
      reply.description = bilingual(text)
    }
    const example = docs?.responses?.[Number(status)]
    const media = reply.content?.['application/json']
    if (example !== undefined && media) {
      media.example = example
    }
  }
}

/** `GET /api/v1/exchange/resources/{id}/records/{key}` → `getExchangeResourcesByIdRecordsByKey`. */
export function operationIdOf(key: string): string {
  const [method = '', path = ''] = key.split(' ')
  const words = path
    .replace(/^\/api\/v1\//, '/')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => {
      const param = /^\{(.+)\}$/.exec(part)
      return param ? `By${capital(param[1] ?? '')}` : capital(part)
    })
  return method.toLowerCase() + words.join('')
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function isBilingual(text: string | undefined): boolean {
  return text !== undefined && CHINESE.test(text) && LATIN_WORD.test(text)
}

/** What the reference still lacks, one line per gap naming the operation (empty: complete). */
export function missingDocs(document: OpenApiDocument): string[] {
  const gaps: string[] = []
  for (const { key, op } of operationsOf(document)) {
    if (!isBilingual(op.summary) || !op.summary?.includes(' / ')) {
      gaps.push(`${key}: summary is not "中文 / English" (${JSON.stringify(op.summary ?? null)})`)
    }
    if (op.description !== undefined && !isBilingual(op.description)) {
      gaps.push(`${key}: description is not in both languages`)
    }
    for (const parameter of op.parameters ?? []) {
      if (!isBilingual(parameter.description)) {
        gaps.push(
          `${key}: ${parameter.in} parameter "${parameter.name}" has no description in both languages`,
        )
      }
    }
  }
  return gaps
}
