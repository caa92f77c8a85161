import { randomBytes, randomUUID } from 'node:crypto'

/** Row ids are random UUIDs: they reveal neither counts nor order to other departments. */
export function newId(): string {
  return randomUUID()
}

/** An unguessable secret (tokens, client secrets), base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}
