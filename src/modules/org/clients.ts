/**
 * API clients beyond their creation (Art. 28; 等保 2.0 level 3): client-credentials tokens, secret
 * rotation, revocation, and an optional allowlist of addresses (CIDR) the client may call from.
 * Who may: whoever may create clients for that department (platform_admin; dept_admin in scope).
 */

import { timingSafeEqual } from 'node:crypto'
import { BlockList, isIPv4, isIPv6 } from 'node:net'
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, anonymousActor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { sm3Hex } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import { newSecret } from '../../shared/ids.js'
import { authorize } from '../../shared/policy.js'
import type { AuditService } from '../audit/index.js'
import { clientActor } from './actors.js'
import * as repo from './repo.js'
import type { TokenBody } from './schema.js'
import * as sec from './security-repo.js'
import { blockListOf, isAllowed } from './sessions.js'

export interface ClientSecurityView {
  id: string
  clientId: string
  name: string
  departmentId: string
  status: string
  createdAt: string
  allowedCidrs: string[] | null
  secretRotatedAt: string | null
}

export type ClientAdmin = ReturnType<typeof createClientAdmin>

export function createClientAdmin(deps: {
  db: Db
  clock: Clock
  audit: AuditService
  clientTokenSeconds: number
}) {
  const { db, clock, audit, clientTokenSeconds } = deps

  /** Client-credentials token for a department's system. Throws AUTH_INVALID_CREDENTIALS, AUTH_ADDRESS_NOT_ALLOWED. */
  async function issueClientToken(
    input: TokenBody,
    address?: string,
  ): Promise<{ accessToken: string; tokenType: string; expiresIn: number }> {
    const now = clock.now()
    const client = await repo.findClientByClientId(db, input.clientId)
    if (client?.status !== 'active' || !sameHex(client.secret_hash, sm3Hex(input.clientSecret))) {
      await audit.record(anonymousActor(input.clientId), {
        action: 'auth.token_failed',
        objectType: 'api_client',
        objectId: client?.id,
        departmentId: client?.department_id ?? null,
        details: { clientId: input.clientId },
      })
      throw new AppError('AUTH_INVALID_CREDENTIALS')
    }
    const actor = clientActor(
      client,
      await repo.findDepartment(db, client.department_id),
      await repo.rolesOfClient(db, client.id),
    )
    if (address !== undefined && !(await isAddressAllowed(client.id, address))) {
      await audit.record(actor, {
        action: 'auth.token_failed',
        objectType: 'api_client',
        objectId: client.id,
        details: { address, reason: 'address_not_allowed' },
      })
      throw new AppError('AUTH_ADDRESS_NOT_ALLOWED')
    }
    const token = newSecret()
    await inTransaction(db, async (trx) => {
      await repo.insertSession(trx, {
        id: sm3Hex(token),
        principal_type: 'client',
        principal_id: client.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + clientTokenSeconds * 1000).toISOString(),
        revoked_at: null,
        last_seen_at: null,
      })
      await audit.append(trx, actor, { action: 'auth.token', objectType: 'api_client', objectId: client.id })
    })
    return { accessToken: token, tokenType: 'Bearer', expiresIn: clientTokenSeconds }
  }

  async function isAddressAllowed(id: string, address: string): Promise<boolean> {
    const allowed = blockListOf((await sec.findClientSecurity(db, id))?.allowed_cidrs ?? null)
    return allowed === null || isAllowed(allowed, address)
  }

  /**
   * Refuses a token request from outside the client's allowlist before its secret is checked
   * (tokens are checked again at every use). Unknown clients pass: the secret check refuses them.
   */
  async function checkTokenAddress(clientId: string, address: string): Promise<void> {
    const client = await repo.findClientByClientId(db, clientId)
    if (client && !(await isAddressAllowed(client.id, address))) {
      await audit.record(anonymousActor(clientId), {
        action: 'auth.token_failed',
        objectType: 'api_client',
        objectId: client.id,
        departmentId: client.department_id,
        details: { clientId, address, reason: 'address_not_allowed' },
      })
      throw new AppError('AUTH_ADDRESS_NOT_ALLOWED')
    }
  }

  async function clientInScope(actor: Actor, id: string): Promise<repo.ApiClientRow> {
    const client = await repo.findClient(db, id)
    const department = client && (await repo.findDepartment(db, client.department_id))
    if (!client || !department) {
      throw new AppError('ORG_CLIENT_NOT_FOUND', { id })
    }
    authorize(actor, 'client.create', department.path)
    return client
  }

  async function view(client: repo.ApiClientRow): Promise<ClientSecurityView> {
    const security = await sec.findClientSecurity(db, client.id)
    return {
      id: client.id,
      clientId: client.client_id,
      name: client.name,
      departmentId: client.department_id,
      status: client.status,
      createdAt: client.created_at,
      allowedCidrs: security?.allowed_cidrs ? (JSON.parse(security.allowed_cidrs) as string[]) : null, // written by setAllowedAddresses only
      secretRotatedAt: security?.secret_rotated_at ?? null,
    }
  }

  /** One client with its security settings. Throws ORG_CLIENT_NOT_FOUND, FORBIDDEN. */
  async function getClient(actor: Actor, id: string): Promise<ClientSecurityView> {
    return view(await clientInScope(actor, id))
  }

  /** A new secret (shown once); the old one and every token issued with it stop at once. */
  async function rotateSecret(actor: Actor, id: string): Promise<{ clientId: string; clientSecret: string }> {
    const client = await clientInScope(actor, id)
    if (client.status !== 'active') {
      throw new AppError('ORG_CLIENT_NOT_FOUND', { id, status: client.status })
    }
    const secret = newSecret()
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      await sec.updateClient(trx, client.id, { secret_hash: sm3Hex(secret) })
      await sec.saveClientSecurity(trx, { api_client_id: client.id, secret_rotated_at: now })
      await sec.revokeSessionsOf(trx, 'client', client.id, now)
      await audit.append(trx, actor, {
        action: 'client.rotate_secret',
        objectType: 'api_client',
        objectId: client.id,
        details: { clientId: client.client_id },
      })
    })
    return { clientId: client.client_id, clientSecret: secret }
  }

  /** Revokes a client for good: no new tokens, its live tokens stop. */
  async function revokeClient(actor: Actor, id: string, reason: string): Promise<ClientSecurityView> {
    const client = await clientInScope(actor, id)
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      await sec.updateClient(trx, client.id, { status: 'revoked' })
      await sec.revokeSessionsOf(trx, 'client', client.id, now)
      await audit.append(trx, actor, {
        action: 'client.revoke',
        objectType: 'api_client',
        objectId: client.id,
        details: { clientId: client.client_id, reason },
      })
    })
    return view({ ...client, status: 'revoked' })
  }

  /** Sets (or with null clears) the CIDR blocks the client may call from. Throws VALIDATION_FAILED. */
  async function setAllowedAddresses(
    actor: Actor,
    id: string,
    cidrs: string[] | null,
  ): Promise<ClientSecurityView> {
    const client = await clientInScope(actor, id)
    const normalized = cidrs === null ? null : cidrs.map(parseCidr)
    await inTransaction(db, async (trx) => {
      await sec.saveClientSecurity(trx, {
        api_client_id: client.id,
        allowed_cidrs: normalized === null ? null : JSON.stringify(normalized),
      })
      await audit.append(trx, actor, {
        action: 'client.allowed_addresses',
        objectType: 'api_client',
        objectId: client.id,
        details: { cidrs: normalized },
      })
    })
    return view(client)
  }

  return { issueClientToken, checkTokenAddress, getClient, rotateSecret, revokeClient, setAllowedAddresses }
}

/** `a.b.c.d/n` or `x::y/n` (a bare address means one host); throws VALIDATION_FAILED otherwise. */
export function parseCidr(text: string): string {
  const [address = '', prefixText, ...rest] = text.trim().split('/')
  const v4 = isIPv4(address)
  const max = v4 ? 32 : 128
  const prefix = prefixText === undefined ? max : Number(prefixText)
  if (
    rest.length > 0 ||
    !(v4 || isIPv6(address)) ||
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > max
  ) {
    throw new AppError('VALIDATION_FAILED', { field: 'cidrs', value: text })
  }
  new BlockList().addSubnet(address, prefix, v4 ? 'ipv4' : 'ipv6')
  return `${address}/${prefix}`
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}
