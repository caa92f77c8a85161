/**
 * Second-factor helpers for scenario tests: enrol a signed-in account and compute its codes with
 * the same library the server uses (otpauth). Codes follow the test's clock; each sign-in needs a
 * time step not used before, so `nextCode` moves the clock on by one step first.
 */
import { Secret, TOTP } from 'otpauth'
import type { fixedClock } from '../../src/shared/clock.js'
import type { ApiClient } from './platform.js'

type TestClock = ReturnType<typeof fixedClock>

export function codeAt(secret: string, clock: TestClock): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: clock.now().getTime(),
  })
}

/** A code of the next time step (moves the clock 30 s), so it was never used. */
export function nextCode(secret: string, clock: TestClock): string {
  clock.advance(30_000)
  return codeAt(secret, clock)
}

/** Enrols the session's account; answers the secret and the recovery codes. */
export async function enrol(
  api: ApiClient,
  clock: TestClock,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await api.post('/api/v1/auth/mfa/enrol')
  if (started.status !== 200) {
    throw new Error(`enrol: ${started.status} ${JSON.stringify(started.body)}`)
  }
  const secret: string = started.body.secret
  const confirmed = await api.post('/api/v1/auth/mfa/confirm', { code: codeAt(secret, clock) })
  if (confirmed.status !== 200) {
    throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`)
  }
  return { secret, recoveryCodes: confirmed.body.recoveryCodes }
}

/** Signs in with password and a fresh code. */
export async function signInWithCode(
  api: ApiClient,
  username: string,
  password: string,
  secret: string,
  clock: TestClock,
): Promise<ApiClient> {
  const reply = await api.post('/api/v1/auth/login', { username, password, totp: nextCode(secret, clock) })
  if (reply.status !== 200) {
    throw new Error(`login ${username}: ${reply.status} ${JSON.stringify(reply.body)}`)
  }
  return api.withToken(reply.body.token)
}
