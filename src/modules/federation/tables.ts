/** Federation between platforms (Art. 21, 39; decisions §52): the federation module's own tables. */
export interface FederationTables {
  federation_peers: {
    id: string
    name: string
    /** http(s) base URL of the peer platform; messages go to `{base}/api/v1/federation/messages`. */
    base_url: string
    /** The peer's SM2 public key (uncompressed hex): every message from it must verify. */
    public_key: string
    /** SM3 of the public key: how a received message names its sender. */
    key_id: string
    /** province | city: what the peer is to this platform. */
    role: string
    /** 1: the peer may pull our sharing catalog, and we push it to a province. */
    shares_catalog: number
    /** JSON array: unified codes of the peer's departments that may apply for our resources. */
    department_codes: string
    enabled: number
    /** unknown | up | down: the last exchange with it. */
    state: string
    last_success_at: string | null
    last_error: string | null
    /** Our catalog's last change already queued for the peer. */
    catalog_sent_cursor: string | null
    /** The peer's catalog cursor we last pulled to. */
    catalog_pulled_cursor: string | null
    created_at: string
    updated_at: string
  }
  federation_outbox: {
    id: string
    peer_id: string
    /** catalog | request | report */
    kind: string
    /** What the message is about (a request id, a report id). */
    subject_id: string | null
    /** The signed message text, as sent (every retry sends the same bytes). */
    message: string
    /** pending | delivered | dead (no more tries; the admin requeues or discards) | discarded */
    status: string
    attempts: number
    next_attempt_at: string
    last_error: string | null
    /** The peer's signed reply (a receipt), kept. */
    reply: string | null
    created_at: string
    delivered_at: string | null
    /** When the tries began: created, or requeued by the admin (null: created_at). */
    queued_at: string | null
    /** When it stopped being retried (dead). */
    dead_at: string | null
  }
  federation_inbox: {
    /** The sender's message id: a second delivery gets the first reply, nothing applied twice. */
    message_id: string
    peer_id: string
    kind: string
    /** SM3 of the message text. */
    digest: string
    /** Kept for reports (the receipt's subject); null otherwise. */
    content: string | null
    /** Our signed reply, sent again on a retry. */
    reply: string
    received_at: string
  }
  federation_remote_resources: {
    id: string
    peer_id: string
    /** The resource's id on the peer platform. */
    remote_id: string
    code: string
    name: string
    summary: string
    share_type: string
    provider_code: string
    provider_name: string
    /** JSON: [{ name, dataType, key, sensitivity }]. */
    items: string
    /** published | withdrawn */
    status: string
    remote_updated_at: string
    received_at: string
  }
  federation_requests: {
    id: string
    peer_id: string
    /** outbound: our department applied to the peer; inbound: the peer's department applied here. */
    direction: string
    /** outbound: the mirror row applied for. */
    remote_resource_id: string | null
    /** The resource's id on the providing platform. */
    resource_id: string
    /** Our department (outbound: the applicant; inbound: the peer's department as registered here). */
    department_id: string
    requester: string
    /** JSON array of item names. */
    items: string
    purpose: string
    /** outbound: the provider's sharing request id; inbound: the applying platform's request id. */
    peer_request_id: string | null
    /** inbound: our sharing request. */
    local_request_id: string | null
    /** sending | pending | granted | rejected | refused | …: outbound, the provider's status as last heard; inbound, as created (sharing holds the live one). */
    status: string
    grant_id: string | null
    created_at: string
    updated_at: string
  }
}
