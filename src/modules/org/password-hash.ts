/**
 * argon2id, the one place passwords are hashed and checked. It counts the checks so a test can
 * prove that parallel guesses cannot buy more checks than the lockout allows (issue 13).
 */
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2'

let checks = 0

export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password)
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  checks += 1
  return argon2Verify(hash, password)
}

/** Password checks made by this process so far (tests compare before and after). */
export function passwordChecksSoFar(): number {
  return checks
}
