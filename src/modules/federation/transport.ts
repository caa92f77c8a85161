/**
 * One POST of a signed message to a peer platform, as the gateway's client calls a department's
 * system: a timeout, no redirects (the admin registers the final address), a size cap on the reply.
 */
import { AppError } from '../../shared/errors.js'

/** A catalog page or a report fits; anything larger is not a peer's honest reply. */
export const MAX_REPLY_BYTES = 16 * 1024 * 1024
export const PEER_TIMEOUT_MS = 15_000
export const MESSAGES_PATH = '/api/v1/federation/messages'

/** A peer's answer: its signed reply text, or the error code it refused with. */
export type PeerAnswer = { ok: true; text: string } | { ok: false; code: string; reason?: string }

/**
 * Sends `text` to the peer. Throws FEDERATION_PEER_UNAVAILABLE when it cannot be reached or fails
 * (5xx, timeout, no reply); a refusal (4xx) is an answer, not a failure to deliver.
 */
export async function postMessage(
  baseUrl: string,
  text: string,
  timeoutMs = PEER_TIMEOUT_MS,
): Promise<PeerAnswer> {
  const url = `${baseUrl.replace(/\/+$/, '')}${MESSAGES_PATH}`
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: text }),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw unavailable(error instanceof Error ? error.message : 'unreachable')
  }
  const length = Number(response.headers.get('content-length') ?? 0)
  if (length > MAX_REPLY_BYTES) {
    await response.body?.cancel()
    throw unavailable('reply too large')
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    throw unavailable(`status ${response.status}, no JSON reply`)
  }
  // 408 and 429 say "not now" (a proxy's timeout or rate limit), not "never": tried again later.
  if (
    response.status >= 500 ||
    response.status < 200 ||
    (response.status >= 300 && response.status < 400) ||
    response.status === 408 ||
    response.status === 429
  ) {
    throw unavailable(`status ${response.status}`)
  }
  if (response.status >= 400) {
    const error = isObject(body) && isObject(body.error) ? body.error : {}
    const details = isObject(error.details) ? error.details : {}
    return {
      ok: false,
      code: typeof error.code === 'string' ? error.code : `HTTP_${response.status}`,
      ...(typeof details.reason === 'string' ? { reason: details.reason } : {}),
    }
  }
  if (!isObject(body) || typeof body.message !== 'string') {
    throw unavailable('reply without a message')
  }
  return { ok: true, text: body.message }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function unavailable(reason: string): AppError {
  return new AppError('FEDERATION_PEER_UNAVAILABLE', { reason: reason.slice(0, 300) })
}
