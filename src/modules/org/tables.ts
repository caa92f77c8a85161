import type { Generated } from 'kysely'

/** Times are ISO 8601 UTC strings on both databases (see docs/decisions.md). Booleans are 0/1. */
export interface OrgTables {
  departments: {
    id: string
    code: string
    name: string
    level: string
    parent_id: string | null
    /** '/rootId/…/ownId/': scope checks and subtree queries without recursion. */
    path: string
    zone: string
    created_at: string
    updated_at: string
  }
  users: {
    id: string
    username: string
    password_hash: string
    display_name: string
    department_id: string
    status: string
    failed_logins: Generated<number>
    locked_until: string | null
    must_change_password: Generated<number>
    created_at: string
    updated_at: string
  }
  user_roles: {
    user_id: string
    role: string
  }
  api_clients: {
    id: string
    client_id: string
    secret_hash: string
    name: string
    department_id: string
    status: string
    created_at: string
  }
  api_client_roles: {
    api_client_id: string
    role: string
  }
  /** Small platform-wide facts (e.g. that the demo city was seeded). */
  platform_settings: {
    key: string
    value: string
    updated_at: string
  }
  sessions: {
    /** SM3 of the token: a stolen database does not yield usable tokens. */
    id: string
    principal_type: string
    principal_id: string
    created_at: string
    expires_at: string
    revoked_at: string | null
    /** Written at most once a minute per session (idle timeout); moves no access epoch. */
    last_seen_at: string | null
  }
}

/** Org tables deciding who may act: changes to these rows move the access epoch (triggers), so cached access answers are dropped (§37). */
export const ORG_ACCESS_TABLES = [
  'departments',
  'users',
  'user_roles',
  'api_clients',
  'api_client_roles',
  'sessions',
] as const
