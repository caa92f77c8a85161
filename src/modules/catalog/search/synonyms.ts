/**
 * Issue 15 item 1: the words staff type (身份证, 医保, 驾照) against the formal names catalogs use
 * (公民身份号码, 基本医疗保险, 机动车驾驶证). Pure: the seed, the checks on an entry, and how a query's
 * runs grow into alternatives. Terms and expansions are kept normalised (text.ts), so a
 * traditional or full-width query finds the same entry.
 */
import { AppError } from '../../../shared/errors.js'
import { type MatchExpr, nameToken, normalizeText, runLength, runTokens, textRuns } from './text.js'

export const MAX_EXPANSIONS = 10
const MAX_TERM_LENGTH = 20
const MAX_EXPANSION_LENGTH = 50

/**
 * The stored form of an entry: normalised, duplicates dropped. Throws CATALOG_SYNONYM_INVALID
 * when the term or an expansion is not one word of 2+ letters or digits (a query run could never
 * equal it, or it would match every resource).
 */
export function normalizeEntry(term: string, expansions: readonly string[]) {
  const normalTerm = oneWord(term, 'term', MAX_TERM_LENGTH)
  const normalExpansions = [...new Set(expansions.map((e) => oneWord(e, 'expansions', MAX_EXPANSION_LENGTH)))]
  if (normalExpansions.length === 0 || normalExpansions.length > MAX_EXPANSIONS) {
    throw new AppError('CATALOG_SYNONYM_INVALID', { field: 'expansions', max: MAX_EXPANSIONS })
  }
  if (normalExpansions.every((e) => e === normalTerm)) {
    throw new AppError('CATALOG_SYNONYM_INVALID', { field: 'expansions', reason: 'only the term itself' })
  }
  return { term: normalTerm, expansions: normalExpansions }
}

/** A stored term's normal form, for lookup by a route parameter. */
export function normalizeTerm(term: string): string {
  return oneWord(term, 'term', MAX_TERM_LENGTH)
}

function oneWord(text: string, field: string, max: number): string {
  const runs = textRuns(text)
  const run = runs[0]
  if (runs.length !== 1 || run === undefined || runLength(run) < 2 || runLength(run) > max) {
    throw new AppError('CATALOG_SYNONYM_INVALID', { field, value: text })
  }
  return run
}

/** One query run and what it may also be found as. */
export interface RunAlternatives {
  run: string
  /** Dictionary expansions other than the run itself ([] when the run is no entry). */
  synonyms: string[]
}

export function alternativesOf(
  runs: readonly string[],
  dictionary: ReadonlyMap<string, readonly string[]>,
): RunAlternatives[] {
  return runs.map((run) => ({
    run,
    synonyms: (dictionary.get(run) ?? []).map(normalizeText).filter((s) => s !== run),
  }))
}

/** Every run must match, each as itself or one of its synonyms (anywhere, or in the name). */
export function expandedMatch(runs: readonly RunAlternatives[], inName: boolean): MatchExpr {
  const items = runs.map(({ run, synonyms }) => anyOf([run, ...synonyms].map((w) => phraseOf(w, inName))))
  return items.length === 1 && items[0] ? items[0] : { op: 'and', items }
}

/** The phrase of one word (a stored synonym is one run; a query run is one by construction). */
export function phraseOf(word: string, inName = false): MatchExpr {
  const tokens = runTokens(word)
  return { op: 'phrase', tokens: inName ? tokens.map(nameToken) : tokens }
}

function anyOf(items: MatchExpr[]): MatchExpr {
  return items.length === 1 && items[0] ? items[0] : { op: 'or', items }
}
