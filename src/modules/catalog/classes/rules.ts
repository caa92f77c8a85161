/** Pure rules of the 类/项/目/细目 code tree (national compilation guide; Art. 10). */
import { AppError } from '../../../shared/errors.js'
import { CLASS_LEVELS, type ClassLevel, TOP_CLASS } from '../vocabulary.js'

/** Code length of each level: 类 1 digit, 项 +2, 目 +3, 细目 +3. */
const LENGTHS: Record<ClassLevel, number> = { class: 1, item: 3, entry: 6, sub_entry: 9 }

/** A resource code: a class code at any level, '/', a 6-digit sequence (rules.ts resourceCode). */
export const RESOURCE_CODE = /^[1-3](\d{2}(\d{3}(\d{3})?)?)?\/\d{6}$/

export function classLevelOf(code: string): ClassLevel | undefined {
  return CLASS_LEVELS.find((level) => LENGTHS[level] === code.length)
}

/** The code one level up, or null for a 类 (and for a length no level has). */
export function parentCodeOf(code: string): string | null {
  const level = classLevelOf(code)
  const index = level === undefined ? -1 : CLASS_LEVELS.indexOf(level)
  const parent = CLASS_LEVELS[index - 1]
  return index > 0 && parent !== undefined ? code.slice(0, LENGTHS[parent]) : null
}

/** The 项 a code sits in (its first three digits), or undefined for a bare 类. */
export function itemOf(code: string): string | undefined {
  return code.length >= LENGTHS.item ? code.slice(0, LENGTHS.item) : undefined
}

/** 项 under 3 are one per department, made by the catalog: the bureau adds only 目 and 细目 there. */
export function isDepartmentItem(code: string): boolean {
  return code.length === LENGTHS.item && code.charAt(0) === TOP_CLASS.department
}

/**
 * The lowest free 项 code under 3 (301…399). Throws CATALOG_CLASS_CODES_EXHAUSTED when all 99
 * are taken: the two digits of a 项 allow no more departments.
 */
export function nextDepartmentItemCode(taken: readonly string[]): string {
  const used = new Set(taken)
  for (let n = 1; n <= 99; n++) {
    const code = `${TOP_CLASS.department}${String(n).padStart(2, '0')}`
    if (!used.has(code)) {
      return code
    }
  }
  throw new AppError('CATALOG_CLASS_CODES_EXHAUSTED', { parentCode: TOP_CLASS.department, limit: 99 })
}

/** Problems of a resource's related codes before any lookup: malformed, or the resource itself. */
export function relatedCodeProblem(code: string, ownCode: string | undefined): 'malformed' | 'self' | null {
  if (!RESOURCE_CODE.test(code)) {
    return 'malformed'
  }
  return code === ownCode ? 'self' : null
}
