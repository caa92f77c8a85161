/** Pure quality rules: objection deadlines and answers (Art. 26), value comparison (Art. 17). */
import { AppError } from '../../shared/errors.js'
import { MAX_OBJECTION_DAYS, type ObjectionStatus } from './vocabulary.js'

/** Working days a provider has to verify an objection unless the bureau sets otherwise (Art. 26). */
export const DEFAULT_OBJECTION_DAYS = 5
// Wire limits and vocabulary (the portal imports them) live in vocabulary.ts.
export { MAX_OBJECTION_DAYS, type ObjectionStatus } from './vocabulary.js'
export const OBJECTION_DAYS_SETTING = 'quality.objection_days'

export type Outcome = 'corrected' | 'confirmed'
export type Side = 'left' | 'right'

/** The bureau's setting as stored (text), or the default when unset or unreadable. */
export function objectionDaysOf(stored: string | undefined): number {
  const days = Number(stored)
  return Number.isInteger(days) && days >= 1 && days <= MAX_OBJECTION_DAYS ? days : DEFAULT_OBJECTION_DAYS
}

/** Answered on a later day than the due date: accepted, but counted late (Art. 26, 35). */
export function isLate(dueDate: string, answeredOn: string): boolean {
  return answeredOn > dueDate
}

/** Still open after its due date: the provider is late already. */
export function isOverdue(status: string, dueDate: string, today: string): boolean {
  return status === 'open' && today > dueDate
}

/**
 * Checks an answer against the objection and the record as it is now; returns the status and the
 * version that carried a correction. Throws QUALITY_ALREADY_ANSWERED, QUALITY_REASON_REQUIRED,
 * QUALITY_NOT_CORRECTED.
 */
export function answerObjection(
  objection: { status: string; recordVersion: number },
  answer: { outcome: Outcome; reason?: string },
  currentVersion: number | undefined,
): { status: ObjectionStatus; correctionVersion: number | null } {
  if (objection.status !== 'open') {
    throw new AppError('QUALITY_ALREADY_ANSWERED', { status: objection.status })
  }
  if (answer.outcome === 'confirmed') {
    if (!answer.reason?.trim()) {
      throw new AppError('QUALITY_REASON_REQUIRED', { field: 'reason' })
    }
    return { status: 'confirmed', correctionVersion: null }
  }
  // The correction goes through ingest like any change, so it shows as a newer version.
  if (currentVersion === undefined || currentVersion <= objection.recordVersion) {
    throw new AppError('QUALITY_NOT_CORRECTED', {
      versionAtObjection: objection.recordVersion,
      currentVersion: currentVersion ?? null,
    })
  }
  return { status: 'corrected', correctionVersion: currentVersion }
}

/** CJK ideographs, CJK punctuation and full-width forms: text in which a space carries no meaning. */
const SPACE_BESIDE_CJK =
  /(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) | (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])/gu

/**
 * A value as compared: whitespace runs (full-width spaces included) made one space, trimmed, and
 * dropped next to Chinese characters ("五华区 测试路" is "五华区测试路"); empty text is no value.
 */
export function normaliseValue(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null
  }
  const text = String(value).replace(/\s+/gu, ' ').trim().replace(SPACE_BESIDE_CJK, '')
  return text === '' ? null : text
}

/** Two resources disagree on a key when the normalised values differ (a missing one included). */
export function valuesDisagree(left: unknown, right: unknown): boolean {
  return normaliseValue(left) !== normaliseValue(right)
}

/** The side that must look again: the one that is not the authoritative source (Art. 16). */
export function nonAuthoritative(authoritative: Side): Side {
  return authoritative === 'left' ? 'right' : 'left'
}
