/**
 * Text for the sharing catalog's search (pure). Text and queries go through the same
 * normalisation, then split into runs of letters and digits (CJK included) and each run into
 * character bigrams, so that any substring of two or more characters of a run is a sequence of
 * consecutive bigrams of that run: the index needs no word segmentation.
 */
import { Locale } from 'opencc-js'

/** Normalised form: NFKC (full-width → half-width), lower case, traditional → simplified. */
export function normalizeText(text: string): string {
  let out = ''
  for (const char of text.normalize('NFKC').toLowerCase()) {
    out += SIMPLIFIED.get(char) ?? char
  }
  return out
}

/** The maximal runs of letters and digits of the normalised text, in order. */
export function textRuns(text: string): string[] {
  return normalizeText(text).match(RUN) ?? []
}

/** A run's character bigrams; a run of one character is its own token. */
export function runTokens(run: string): string[] {
  const chars = Array.from(run)
  if (chars.length < 2) {
    return chars
  }
  const tokens: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) {
    tokens.push(`${chars[i]}${chars[i + 1]}`)
  }
  return tokens
}

/** How many characters (code points) a normalised run has. */
export function runLength(run: string): number {
  return Array.from(run).length
}

const RUN = /[\p{L}\p{N}]+/gu

/**
 * Traditional → simplified character by character. OpenCC's phrase tables are left out on
 * purpose: converting a phrase differently from its parts would let a query miss a substring of
 * the text; a character map keeps "substring of the text" true after normalisation.
 */
const SIMPLIFIED: ReadonlyMap<string, string> = buildSimplifiedMap()

function buildSimplifiedMap(): Map<string, string> {
  // Hong Kong and Taiwan variant forms map to OpenCC's standard traditional form first.
  const variants = new Map<string, string>()
  for (const group of [...(Locale.from.hk ?? []), ...(Locale.from.tw ?? [])]) {
    addPairs(variants, group.at(-1))
  }
  const simplified = new Map<string, string>()
  for (const group of Locale.to.cn ?? []) {
    addPairs(simplified, group.at(-1))
  }
  const once = (char: string): string => {
    const standard = variants.get(char) ?? char
    return simplified.get(standard) ?? standard
  }
  // Applied until it stops changing, so that normalising twice changes nothing.
  const closed = new Map<string, string>()
  for (const source of new Set([...variants.keys(), ...simplified.keys()])) {
    let target = once(source)
    for (let hops = 0; hops < 4 && once(target) !== target; hops++) {
      target = once(target)
    }
    if (target !== source) {
      closed.set(source, target)
    }
  }
  return closed
}

function addPairs(
  map: Map<string, string>,
  dict: string | readonly (readonly [string, string])[] | undefined,
): void {
  if (dict === undefined) {
    return
  }
  const pairs = typeof dict === 'string' ? dict.split('|').map((entry) => entry.split(' ')) : dict
  for (const [source, target] of pairs) {
    if (source !== undefined && target !== undefined && Array.from(source).length === 1 && !map.has(source)) {
      map.set(source, target)
    }
  }
}

// The indexed form of a resource, shared by both databases so they match the same documents.

/** What a resource contributes to the index. */
export interface SearchText {
  name: string
  summary: string
  itemNames: readonly string[]
}

/** Labels for filters and visibility, indexed as tokens beside the text (see `tagToken`). */
export interface SearchTags {
  providerId: string
  shareType: string
  category: string
  theme: string | null
  format: string
  updateCycle: string
  zone: string
}

export const TAG_KINDS = {
  providerId: 'p',
  shareType: 's',
  category: 'c',
  theme: 't',
  format: 'f',
  updateCycle: 'u',
  zone: 'z',
} as const satisfies Record<keyof SearchTags, string>

/** Every document carries it: the positive term of a query that has no text. */
export const ALL_TAG = 'zzall'

/**
 * PostgreSQL keeps positions up to 16383 and 256 of them per lexeme; the same limits are applied
 * for SQLite so that both databases index exactly the same tokens.
 */
export const MAX_POSITION = 16_383
export const MAX_POSITIONS_PER_TOKEN = 256

/**
 * A token for a tag. Bigrams are 1-2 characters and name tokens 3, so a tag of 4+ ASCII
 * letters and digits can never be mistaken for text.
 */
export function tagToken(kind: keyof SearchTags, value: string): string {
  return `zz${TAG_KINDS[kind]}${value.toLowerCase().replace(/[^a-z0-9]/g, '')}`
}

/** Name bigrams again, marked, so "matches in the name" is one index lookup (relevance). */
export function nameToken(bigram: string): string {
  return `n${bigram}`
}

export interface IndexedField {
  /** Tokens in order; null is a gap: runs never join into one phrase across it. */
  tokens: Array<string | null>
}

export interface IndexedDocument {
  name: IndexedField
  summary: IndexedField
  items: IndexedField
  /** Marked name bigrams (`nameToken`). */
  title: IndexedField
  tags: string[]
  /** Global 1-based position of each field's first token, in the order above. */
  starts: { name: number; summary: number; items: number; title: number }
}

/** Splits a resource's text into the tokens both databases index. */
export function indexDocument(text: SearchText, tags: SearchTags): IndexedDocument {
  const fields = {
    name: fieldTokens([text.name], (run) => runTokens(run)),
    summary: fieldTokens([text.summary], (run) => runTokens(run)),
    items: fieldTokens(text.itemNames, (run) => runTokens(run)),
    // One-character runs are left out: as "n" + char they would look like a bigram.
    title: fieldTokens([text.name], (run) => (runLength(run) < 2 ? [] : runTokens(run).map(nameToken))),
  }
  // One gap between fields, so that one position numbering serves all of them.
  const starts = { name: 1, summary: 0, items: 0, title: 0 }
  starts.summary = starts.name + fields.name.length + 1
  starts.items = starts.summary + fields.summary.length + 1
  starts.title = starts.items + fields.items.length + 1
  const seen = new Map<string, number>()
  const limit = (tokens: Array<string | null>, start: number): IndexedField => ({
    tokens: tokens.slice(0, Math.max(0, MAX_POSITION - start + 1)).map((token) => {
      if (token === null) {
        return null
      }
      const count = (seen.get(token) ?? 0) + 1
      seen.set(token, count)
      return count > MAX_POSITIONS_PER_TOKEN ? null : token
    }),
  })
  const tagTokens = [ALL_TAG]
  for (const [kind, value] of Object.entries(tags)) {
    if (isTagKind(kind) && value !== null) {
      tagTokens.push(tagToken(kind, value))
    }
  }
  return {
    name: limit(fields.name, starts.name),
    summary: limit(fields.summary, starts.summary),
    items: limit(fields.items, starts.items),
    title: limit(fields.title, starts.title),
    tags: tagTokens,
    starts,
  }
}

function isTagKind(kind: string): kind is keyof SearchTags {
  return Object.hasOwn(TAG_KINDS, kind)
}

function fieldTokens(parts: readonly string[], tokensOf: (run: string) => string[]): Array<string | null> {
  const out: Array<string | null> = []
  for (const part of parts) {
    for (const run of textRuns(part)) {
      const tokens = tokensOf(run)
      if (tokens.length === 0) {
        continue
      }
      if (out.length > 0) {
        out.push(null)
      }
      out.push(...tokens)
    }
  }
  return out
}

/** The SQLite form of a field: tokens separated by spaces, a gap as the filler `GAP_TOKEN`. */
export function ftsColumn(field: IndexedField): string {
  return field.tokens.map((token) => token ?? GAP_TOKEN).join(' ')
}

/** Not a letter or digit, so never part of a run, yet one token for FTS5's `ascii` tokenizer. */
export const GAP_TOKEN = '·'

/** The PostgreSQL form: a tsvector literal with explicit positions (no text parser involved). */
export function tsvectorLiteral(doc: IndexedDocument): string {
  const positions = new Map<string, number[]>()
  const add = (field: IndexedField, start: number) => {
    field.tokens.forEach((token, index) => {
      if (token !== null) {
        const list = positions.get(token) ?? []
        list.push(start + index)
        positions.set(token, list)
      }
    })
  }
  add(doc.name, doc.starts.name)
  add(doc.summary, doc.starts.summary)
  add(doc.items, doc.starts.items)
  add(doc.title, doc.starts.title)
  const parts = [...positions].map(([token, list]) => `${quoteLexeme(token)}:${list.join(',')}`)
  for (const tag of doc.tags) {
    parts.push(quoteLexeme(tag))
  }
  return parts.join(' ')
}

function quoteLexeme(token: string): string {
  return `'${token.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
}

// Queries

/** A boolean query over index tokens; rendered for FTS5 or for tsquery. */
export type MatchExpr =
  | { op: 'phrase'; tokens: string[] }
  | { op: 'and'; items: MatchExpr[] }
  | { op: 'or'; items: MatchExpr[] }
  | { op: 'not'; base: MatchExpr; minus: MatchExpr }

export function term(token: string): MatchExpr {
  return { op: 'phrase', tokens: [token] }
}

export interface QueryTerms {
  /** Runs of 2+ characters: each must be a substring of the name, the summary or an item name. */
  phrases: string[][]
  /** The same runs as marked name tokens: all found in the name = a name match. */
  titlePhrases: string[][]
  /** Runs of one character: matched in the normalised name only (no index holds them). */
  singles: string[]
}

/** Parses a user's query; several runs (words separated by spaces or punctuation) must all match. */
export function queryTerms(q: string | undefined): QueryTerms {
  const runs = textRuns(q ?? '')
  const long = runs.filter((run) => runLength(run) >= 2)
  return {
    phrases: long.map(runTokens),
    titlePhrases: long.map((run) => runTokens(run).map(nameToken)),
    singles: runs.filter((run) => runLength(run) === 1),
  }
}

/** FTS5 query syntax. Tokens never contain a double quote (letters, digits, `·`, tags). */
export function toFtsQuery(expr: MatchExpr): string {
  switch (expr.op) {
    case 'phrase':
      return `"${expr.tokens.join(' ')}"`
    case 'and':
      return `(${expr.items.map(toFtsQuery).join(' AND ')})`
    case 'or':
      return `(${expr.items.map(toFtsQuery).join(' OR ')})`
    case 'not':
      return `(${toFtsQuery(expr.base)} NOT ${toFtsQuery(expr.minus)})`
  }
}

/** tsquery input syntax (cast with ::tsquery, so no dictionary touches the lexemes). */
export function toTsquery(expr: MatchExpr): string {
  switch (expr.op) {
    case 'phrase':
      return expr.tokens.length === 1
        ? quoteLexeme(expr.tokens[0] ?? '')
        : `(${expr.tokens.map(quoteLexeme).join(' <-> ')})`
    case 'and':
      return `(${expr.items.map(toTsquery).join(' & ')})`
    case 'or':
      return `(${expr.items.map(toTsquery).join(' | ')})`
    case 'not':
      return `(${toTsquery(expr.base)} & !${toTsquery(expr.minus)})`
  }
}
