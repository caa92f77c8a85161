/** Who is acting: a signed-in user, a department's API client, or the platform itself. */

import type { Role } from './schema.js'

// The roles are wire vocabulary (the portal imports them from schema.ts); kept importable from here.
export { ROLES, type Role } from './schema.js'

export type ActorKind = 'user' | 'client' | 'system' | 'anonymous'

export interface Actor {
  kind: ActorKind
  /** users.id or api_clients.id; null for the system and anonymous callers. */
  id: string | null
  /** username, client id, 'system' or what an anonymous caller claimed to be. */
  name: string
  departmentId: string | null
  /** The department's materialised path ('/root/…/own/'), for scope checks. */
  departmentPath: string | null
  departmentLevel: string | null
  roles: readonly Role[]
  /** The session the request came with (to log it out). */
  sessionId?: string
}

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: null,
  name: 'system',
  departmentId: null,
  departmentPath: null,
  departmentLevel: null,
  roles: [],
}

export function anonymousActor(claimedName = 'anonymous'): Actor {
  return {
    kind: 'anonymous',
    id: null,
    name: claimedName,
    departmentId: null,
    departmentPath: null,
    departmentLevel: null,
    roles: [],
  }
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role))
}
