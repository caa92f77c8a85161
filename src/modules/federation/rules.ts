/** Pure rules of federation (§52): retry backoff and the peer's state. */

/** First retry after 5 s, doubling, at most an hour apart: a province down for a day costs 24 tries. */
export const FIRST_RETRY_MS = 5_000
export const MAX_RETRY_MS = 60 * 60 * 1000
/** A forwarded read older than this is refused: a read is answered at once, never replayed later. */
export const READ_MAX_AGE_MS = 5 * 60 * 1000

/** When to try again after `attempts` failed deliveries. */
export function nextAttemptAt(now: Date, attempts: number): Date {
  const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1))
  return new Date(now.getTime() + delay)
}

export const PEER_ROLES = ['province', 'city'] as const
export type PeerRole = (typeof PEER_ROLES)[number]

/** Unified codes as the org module stores them. */
export function normalizeCodes(codes: readonly string[]): string[] {
  return [...new Set(codes.map((code) => code.trim().toUpperCase()).filter((code) => code !== ''))].sort()
}

/**
 * When a message stops being retried and waits for the administrator (§58): a week of tries (a
 * seven-day holiday, Spring Festival or National Day, must not lose a message), or 200 tries, which
 * hourly tries reach after about eight days: the count only bounds a clock that was set back.
 */
export const DEAD_AFTER_MS = 7 * 24 * 60 * 60 * 1000
export const DEAD_AFTER_ATTEMPTS = 200

/** True when a failed try (the `attempts`-th) of a message queued at `queuedAt` is its last. */
export function exhausted(queuedAt: string, attempts: number, now: Date): boolean {
  return attempts >= DEAD_AFTER_ATTEMPTS || now.getTime() - Date.parse(queuedAt) >= DEAD_AFTER_MS
}
