/**
 * Where a resource sits in the catalog tree (Art. 10) and what it says it relates to: the checks
 * of an explicit class code and of related resource codes, run with the other input checks.
 */
import type { Executor } from '../../../db/database.js'
import { AppError } from '../../../shared/errors.js'
import type { ResourceInput } from '../schema.js'
import { THEME_CLASS } from '../vocabulary.js'
import * as repo from './repo.js'
import { itemOf, relatedCodeProblem } from './rules.js'

/** The resource being edited: its code and class code are identifiers and stay as they are. */
export interface Placed {
  code: string
  class_code: string
}

/**
 * Throws CATALOG_CLASS_TOO_BROAD, CATALOG_CLASS_NOT_FOUND, CATALOG_CLASS_MISMATCH (a class code
 * outside the theme's or the department's 项) and CATALOG_RELATED_NOT_FOUND.
 */
export async function assertPlacement(
  db: Executor,
  input: ResourceInput,
  providerId: string,
  existing?: Placed,
): Promise<void> {
  await assertClassCode(db, input, providerId, existing?.class_code)
  await assertRelatedCodes(db, input.relatedCodes ?? [], providerId, existing?.code)
}

async function assertClassCode(
  db: Executor,
  input: ResourceInput,
  providerId: string,
  current: string | undefined,
): Promise<void> {
  const code = input.classCode
  // An edit that repeats the resource's own class code (an export read back) changes nothing.
  if (code === undefined || code === current) {
    return
  }
  const itemCode = itemOf(code)
  if (itemCode === undefined) {
    throw new AppError('CATALOG_CLASS_TOO_BROAD', { field: 'classCode', code })
  }
  const [node, item] = await Promise.all([repo.findClass(db, code), repo.findClass(db, itemCode)])
  if (!node || !item) {
    throw new AppError('CATALOG_CLASS_NOT_FOUND', { field: 'classCode', code })
  }
  const fits =
    input.category === 'department'
      ? item.department_id === providerId
      : input.theme === undefined || THEME_CLASS[input.theme] === itemCode
  if (!fits) {
    throw new AppError('CATALOG_CLASS_MISMATCH', {
      field: 'classCode',
      category: input.category,
      theme: input.theme ?? null,
      code,
    })
  }
}

async function assertRelatedCodes(
  db: Executor,
  codes: readonly string[],
  providerId: string,
  ownCode: string | undefined,
) {
  for (const [index, code] of codes.entries()) {
    const reason = relatedCodeProblem(code, ownCode)
    if (reason) {
      throw new AppError('CATALOG_RELATED_NOT_FOUND', { field: `relatedCodes.${index}`, code, reason })
    }
  }
  const existing = await repo.relatableResourceCodes(db, codes, providerId)
  const missing = codes.findIndex((code) => !existing.has(code))
  if (missing >= 0) {
    throw new AppError('CATALOG_RELATED_NOT_FOUND', {
      field: `relatedCodes.${missing}`,
      code: codes[missing],
      reason: 'not_found',
    })
  }
}
