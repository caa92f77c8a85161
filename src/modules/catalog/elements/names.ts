/**
 * How a name is matched to a data element (pure): the search's normalisation (NFKC so full-width
 * is half-width, lower case, traditional → simplified) keeping only letters and digits, so that
 * "公民身份 号码", "身份证号" typed full-width or with stray punctuation all find their element.
 */

import { AppError } from '../../../shared/errors.js'
import { textRuns } from '../search/text.js'

export const MAX_SYNONYMS = 30

export function nameKey(name: string): string {
  return textRuns(name).join('')
}

/** The stored form of an element's names: trimmed, duplicates (by key) and the name itself dropped. */
export function cleanNames(
  name: string,
  synonyms: readonly string[],
): { name: string; synonyms: string[]; keys: string[] } {
  const trimmed = name.trim()
  const nameKeyOf = nameKey(trimmed)
  if (nameKeyOf === '') {
    throw new AppError('CATALOG_ELEMENT_NAME_INVALID', { field: 'name', value: name })
  }
  const keys = [nameKeyOf]
  const kept: string[] = []
  for (const [index, synonym] of synonyms.entries()) {
    const key = nameKey(synonym)
    if (key === '') {
      throw new AppError('CATALOG_ELEMENT_NAME_INVALID', { field: `synonyms.${index}`, value: synonym })
    }
    if (!keys.includes(key)) {
      keys.push(key)
      kept.push(synonym.trim())
    }
  }
  if (kept.length > MAX_SYNONYMS) {
    throw new AppError('CATALOG_ELEMENT_NAME_INVALID', { field: 'synonyms', max: MAX_SYNONYMS })
  }
  return { name: trimmed, synonyms: kept, keys }
}
