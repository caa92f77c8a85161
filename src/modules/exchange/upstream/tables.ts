/** The gateway (share method "api"): a provider's own endpoint that serves a resource's records. */
export interface ExchangeUpstreamTables {
  upstream_endpoints: {
    resource_id: string
    /** http(s) base URL; a record is `GET {url}/{key}`. */
    url: string
    timeout_ms: number
    /** The Authorization value the provider gave, SM4-encrypted (field-crypto.ts); never shown. */
    auth_header: string | null
    created_at: string
    updated_at: string
    /** users.id or api_clients.id of the last change. */
    updated_by: string | null
  }
}

/** An upstream endpoint decides where a read is served from: changes to these rows move the access epoch (triggers), so cached access answers are dropped (§37). */
export const UPSTREAM_ACCESS_TABLES = ['upstream_endpoints'] as const
