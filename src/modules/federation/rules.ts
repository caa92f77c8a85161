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
