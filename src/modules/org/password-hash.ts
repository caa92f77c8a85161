/**
 * argon2id, the one place passwords are hashed and checked. It counts the checks so a test can
 * prove that parallel guesses cannot buy more checks than the lockout allows (issue 13).
 */
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2'

/** argon2id parameters; a hash carries its own, so checking never needs them. */
export interface PasswordHashCost {
  memoryKib: number
  iterations: number
}

/** OWASP's first argon2id setting (19 MiB, 2 passes, 1 lane): what the platform runs with. */
export const STANDARD_HASH_COST: PasswordHashCost = { memoryKib: 19_456, iterations: 2 }

/**
 * For test platforms only (decisions §41): the same algorithm at the smallest cost, so the suite
 * does not spend its time on key stretching. Config never reads it from the environment.
 */
export const TEST_HASH_COST: PasswordHashCost = { memoryKib: 64, iterations: 1 }

export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(hash: string, password: string): Promise<boolean>
}

let checks = 0

export function createPasswordHasher(cost: PasswordHashCost = STANDARD_HASH_COST): PasswordHasher {
  const options = { memoryCost: cost.memoryKib, timeCost: cost.iterations }
  return {
    hash: (password) => argon2Hash(password, options),
    verify: (hash, password) => {
      checks += 1
      return argon2Verify(hash, password)
    },
  }
}

/** The platform's hasher when no cost is configured. */
export const standardHasher = createPasswordHasher()

/** Password checks made by this process so far (tests compare before and after). */
export function passwordChecksSoFar(): number {
  return checks
}
