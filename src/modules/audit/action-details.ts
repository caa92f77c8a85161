/**
 * Issue 14: the shape of each audit action's `details`, as the code writes them and as the log
 * serves them (GET /audit/search). Statistics, evaluation and the audit page read these keys, so
 * a writer that renames one breaks them: the schemas make that a compile error (vocabulary.ts).
 * Pure TypeBox, no Node import: the portal imports it through vocabulary.ts.
 */
import { Type } from 'typebox'
import { Nullable } from '../../shared/schema.js'

const S = Type.String()
const N = Type.Number()
const B = Type.Boolean()
const Strings = Type.Array(S)
const Opt = Type.Optional
const None = Type.Object({})

const Username = { username: S }
const ClientId = { clientId: S }
const Version = { version: N }
/** Who a read ran for and what it returned (exchange.read; a refusal repeats what it knew). */
const ReadFacts = {
  grantId: S,
  purpose: S,
  caseRef: Nullable(S),
  mode: S,
  /** The keys asked, masked as the grant shows them. */
  keys: Strings,
  /** Keyed hashes of the keys asked: "who read this person's record" without keeping the key. */
  keyHashes: Opt(Strings),
  records: N,
  items: Strings,
  source: Opt(S),
  /** The provider's system failed: its code (records 0). */
  error: Opt(S),
  /** A read through a peer platform (§52): the id both platforms' entries carry. */
  correlationId: Opt(S),
}
const PeerDetails = {
  name: S,
  baseUrl: S,
  role: S,
  keyId: S,
  sharesCatalog: B,
  departmentCodes: Strings,
  enabled: B,
}
const Upstream = Type.Object({ url: S, timeoutMs: N, hasAuthHeader: B })
const CheckSide = Type.Object({ resourceId: S, keyItem: S, item: S })

export const ACTION_DETAILS = {
  'auth.login': Type.Object({ secondFactor: S, recoveryCodeUsed: Opt(B) }),
  'auth.login_failed': Type.Object({ ...Username, reason: S, failedLogins: Opt(N) }),
  'auth.locked': Type.Object({ lockedUntil: S }),
  'auth.logout': None,
  'auth.password_change': None,
  'auth.token': None,
  'auth.token_failed': Type.Object({ clientId: Opt(S), address: Opt(S), reason: Opt(S) }),
  'user.create': Type.Object({ ...Username, departmentId: S, roles: Strings }),
  'user.disable': Type.Object({ ...Username, previous: S, sessionsEnded: N }),
  'user.enable': Type.Object({ ...Username, previous: S, sessionsEnded: N }),
  'user.unlock': Type.Object({ ...Username, wasLocked: B, lockedUntil: Nullable(S) }),
  'user.password_reset': Type.Object({ ...Username, sessionsEnded: N }),
  'user.roles_change': Type.Object({ ...Username, before: Strings, after: Strings }),
  'client.create': Type.Object({ ...ClientId, name: S, departmentId: S, roles: Strings }),
  'client.rotate_secret': Type.Object(ClientId),
  'client.revoke': Type.Object({ ...ClientId, reason: S }),
  'client.allowed_addresses': Type.Object({ cidrs: Nullable(Strings) }),
  'auth.mfa_enrol_start': None,
  'auth.mfa_enrolled': None,
  'auth.mfa_reset': Type.Object({ ...Username, reason: S }),
  'audit.foreign_rows': Type.Object({
    head: Type.Object({ seq: N, hash: S }),
    count: N,
    rows: Type.Array(Type.Object({ seq: N, hash: S, at: S, action: S, actorName: Nullable(S) })),
    quarantineIds: Strings,
    foundAt: S,
    alarm: Type.Union([Type.Literal('raised'), Type.Literal('failed'), Type.Literal('no_listener')]),
    incidentId: Opt(S),
  }),
  'department.create': Type.Object({ code: S, name: S, level: S, parentId: Nullable(S) }),
  'catalog.create': Type.Object({ code: S, name: S, shareType: S, items: N }),
  'catalog.update': Type.Object({ ...Version, inPlace: B }),
  'catalog.submit': Type.Object(Version),
  /** Statistics count publications and fold the catalog at a date from these (supervision). */
  'catalog.publish': Type.Object({ ...Version, previous: Nullable(N), shareType: S }),
  'catalog.return': Type.Object({ ...Version, comment: Nullable(S) }),
  'catalog.withdraw': Type.Object({ reason: S }),
  'catalog.confirm': None,
  'catalog.legal_change': Type.Object({ eventDate: S, dueDate: S, description: S }),
  'catalog.class_create': Type.Object({ name: S, departmentId: Opt(S) }),
  'catalog.class_rename': Type.Object({ name: S, previous: S }),
  'catalog.lead_set': Type.Object({ category: S, theme: Opt(Nullable(S)) }),
  'catalog.authoritative_set': Type.Object({ standardName: S, resourceId: S, elementCode: Opt(Nullable(S)) }),
  'catalog.synonym_set': Type.Object({ expansions: Strings, previous: Nullable(Strings) }),
  'catalog.synonym_delete': Type.Object({ expansions: Strings }),
  'catalog.element_create': Type.Object({ name: S, synonyms: Strings, dataType: S }),
  'catalog.element_update': Type.Object({
    name: S,
    synonyms: Strings,
    dataType: S,
    previous: Type.Object({ name: S, synonyms: Strings, dataType: S }),
  }),
  'it_project.create': Type.Object({ name: S, resourceIds: Strings }),
  'it_project.approve': None,
  'it_project.resources': Type.Object({ resourceIds: Strings }),
  'it_project.accept': None,
  /** `resourceId`: statistics count requests per resource. */
  'sharing.request': Type.Object({
    resourceId: S,
    items: Strings,
    purpose: S,
    dueDate: Nullable(S),
    renewalOf: Nullable(S),
    accessMode: S,
  }),
  'sharing.decide': Type.Object({
    decision: S,
    items: Strings,
    reason: Nullable(S),
    late: B,
    grantId: Nullable(S),
    plain: B,
    accessMode: Opt(S),
    modeReason: Opt(Nullable(S)),
  }),
  'sharing.dispute': Type.Object({ reason: S, previousStatus: S }),
  'sharing.arbitrate': Type.Object({ decision: S, items: Strings, reason: S, grantId: Nullable(S) }),
  'sharing.overdue': Type.Object({ dueDate: Nullable(S) }),
  /** `resourceId`: statistics count grants per resource. */
  'grant.create': Type.Object({
    resourceId: S,
    consumerId: S,
    items: Strings,
    purpose: S,
    validTo: Nullable(S),
    plain: B,
    accessMode: S,
    modeReason: Nullable(S),
    dailyBudget: Nullable(N),
    rowScope: Type.Unknown(),
  }),
  'grant.revoke': Type.Object({ reason: S, resourceId: S }),
  'grant.limit': Type.Object({
    resourceId: S,
    accessMode: S,
    modeReason: Nullable(S),
    dailyBudget: Opt(Nullable(N)),
    rowScope: Type.Unknown(),
    reason: S,
  }),
  'grant.items_dropped': Type.Object({ dropped: Strings }),
  /** `records`: statistics and evaluation sum the records served. */
  'exchange.read': Type.Object(ReadFacts),
  /** A refusal: its code, and what the read knew when it was refused. */
  'exchange.denied': Type.Object({
    code: S,
    grantId: Opt(Nullable(S)),
    caseRef: Opt(Nullable(S)),
    purpose: Opt(S),
    mode: Opt(S),
    keys: Opt(Strings),
    keyHashes: Opt(Strings),
    records: Opt(N),
    items: Opt(Strings),
    source: Opt(S),
    /** The provider's system failed (records 0). */
    error: Opt(S),
    accessMode: Opt(S),
    needed: Opt(S),
    field: Opt(S),
    limit: Opt(N),
    /** Rows an export would have held. */
    total: Opt(N),
    correlationId: Opt(S),
  }),
  'exchange.ingest': Type.Object({
    inserted: N,
    updated: N,
    unchanged: N,
    records: N,
    sourceChangedAt: S,
    changeTimeDeclared: B,
    mode: S,
  }),
  'exchange.delete': Type.Object({ deleted: N, missing: N }),
  'exchange.settings': Type.Object({ dailyBudget: Nullable(N), caseRefRequired: B }),
  'exchange.key_readers': Type.Object({ key: S, keyHash: S, found: N, report: B }),
  'exchange.upstream_register': Upstream,
  'exchange.upstream_change': Upstream,
  'exchange.upstream_remove': None,
  'quality.objection.raise': Type.Object({
    resourceId: S,
    providerId: S,
    key: S,
    item: Nullable(S),
    dueDate: S,
    recordVersion: N,
  }),
  'quality.objection.answer': Type.Object({
    outcome: S,
    reason: Nullable(S),
    late: B,
    dueDate: S,
    correctionVersion: Nullable(N),
  }),
  'quality.check.create': Type.Object({ name: S, left: CheckSide, right: CheckSide, authoritativeSide: S }),
  'quality.check.run': Type.Object({ runId: S, compared: N, disagreements: N, routedTo: S }),
  'quality.settings.update': Type.Object({ objectionDays: N, previous: N }),
  'evaluation.weights_set': Type.Object({ before: Type.Record(S, N), after: Type.Record(S, N) }),
  'report.annual.generate': Type.Object({ year: N, kind: S, departmentId: Nullable(S), regenerated: B }),
  'report.annual.update': Type.Object({ length: N }),
  'report.annual.submit': Type.Object({ year: N, kind: S, dueDate: S, late: B }),
  'report.annual.return': Type.Object({ year: N, departmentId: Nullable(S), comment: S }),
  /** Drafted by the bureau (`departmentId`) or by detection (`source`, `detected`). */
  'oversight.notice.draft': Type.Object({
    kind: S,
    departmentId: Opt(S),
    source: Opt(S),
    detected: Opt(B),
  }),
  'oversight.notice.issue': Type.Object({ dueDate: S, provisional: B, departmentId: S }),
  'oversight.notice.respond': Type.Object({ late: B }),
  'oversight.notice.escalate': Type.Object({ dueDate: Nullable(S) }),
  'oversight.notice.close': Type.Object({ from: S }),
  'access.denied': Type.Object({ code: S, url: S }),
  /** Art. 20, 33: what an external instance refused to hold (`reason` for a bundle that failed). */
  'zone.refused': Type.Object({ code: S, zone: S, instance: S, reason: Opt(S) }),
  'zone.export': Type.Object({
    entries: N,
    bundleDigest: S,
    keyId: S,
    since: Nullable(S),
    cursor: Nullable(S),
  }),
  'zone.import': Type.Object({
    entries: N,
    created: N,
    updated: N,
    unchanged: N,
    bundleDigest: S,
    keyId: S,
  }),
  /** Art. 21: counts are {entity: {action: n}}; `refused` counts the refusals by their code. */
  'county.dry_run': Type.Object({ digest: S, counts: Type.Record(S, Type.Record(S, N)) }),
  'county.batch': Type.Object({ batch: N, kind: S, counts: Type.Record(S, Type.Record(S, N)) }),
  'grant.migrate': Type.Object({ resourceId: S, items: Strings, validTo: Nullable(S), purpose: S }),
  'county.migrate': Type.Object({
    runId: Nullable(S),
    digest: S,
    counts: Type.Record(S, Type.Record(S, N)),
    resumed: B,
    refused: Type.Record(S, N),
  }),
  'county.upload': Type.Object({ county: S, files: N, bytes: N, planDigest: S }),
  /** `repeated`: the upload was applied already, nothing ran. */
  'county.apply': Type.Object({ planDigest: S, repeated: B, runId: Nullable(S) }),
  'county.refused': Type.Object({ code: S, operation: S, digest: Opt(S) }),
  /** A volume spike (`observed`, `mean`) or, with `kind`, reads that mostly missed (issue 11). */
  'oversight.anomaly': Type.Object({
    day: S,
    threshold: N,
    observed: Opt(N),
    mean: Opt(N),
    kind: Opt(S),
    departmentId: Opt(S),
    providerId: Opt(S),
    resourceId: Opt(S),
    grantId: Opt(S),
    asked: Opt(N),
    misses: Opt(N),
  }),
  'oversight.incident.report': Type.Object({
    severity: S,
    routedTo: Strings,
    departmentId: Nullable(S),
    reportDueAt: Nullable(S),
    notified: N,
  }),
  'oversight.incident.close': None,
  'audit.search_by_key': Type.Object({
    key: S,
    keyHash: S,
    found: N,
    foundCapped: Type.Optional(Type.Boolean()),
  }),
  'audit.export': Type.Object({ format: S, rows: N, filters: Type.Record(S, Type.Unknown()) }),
  'platform.bootstrap': Type.Object({ bureau: S, code: S, admin: S }),
  'calendar.schedule.import': Type.Object({
    year: N,
    source: S,
    entries: Type.Array(Type.Object({ date: S, kind: S, name: Nullable(S) })),
  }),
  'calendar.override.set': Type.Object({ kind: S, name: Nullable(S) }),
  'calendar.override.delete': None,
  'notification.send': Type.Object({ kind: S, recipients: N }),
  'notification.read': None,
  'federation.peer.create': Type.Object(PeerDetails),
  'federation.peer.update': Type.Object(PeerDetails),
  /** The peer became reachable (`up`) or not (`down`, with why). */
  'federation.peer.state': Type.Object({ state: S, reason: Opt(S) }),
  /** A peer's message refused: the code, why, and the sender's key id when it named one. */
  'federation.refused': Type.Object({ code: S, reason: Opt(S), keyId: Opt(S), kind: Opt(S), peerId: Opt(S) }),
  /** Refused by the peer (4xx) or tried for a week: why, and after how many tries. */
  'federation.outbox.dead': Type.Object({ peerId: S, kind: S, attempts: N, reason: S }),
  'federation.outbox.requeue': Type.Object({
    peerId: S,
    kind: S,
    attempts: N,
    lastError: Nullable(S),
    resealed: Type.Boolean(),
  }),
  'federation.outbox.discard': Type.Object({ peerId: S, kind: S, attempts: N, lastError: Nullable(S) }),
  'federation.catalog.export': Type.Object({
    peerId: S,
    entries: N,
    since: Nullable(S),
    cursor: Nullable(S),
  }),
  'federation.catalog.import': Type.Object({
    peerId: S,
    entries: N,
    created: N,
    updated: N,
    withdrawn: N,
    cursor: Nullable(S),
  }),
  'federation.request': Type.Object({ peerId: S, resourceId: S, items: Strings, purpose: S }),
  /** The city side of a cross-level read; the province's exchange.read carries the same correlationId. */
  'federation.read': Type.Object({
    correlationId: S,
    peerId: S,
    resourceId: S,
    grantId: Nullable(S),
    caseRef: Nullable(S),
    keys: Strings,
    records: N,
    error: Opt(S),
  }),
  'federation.report.send': Type.Object({ peerId: S, year: N, messageId: S }),
  'federation.report.receive': Type.Object({ peerId: S, year: N, digest: S, receiptId: S }),
  'federation.report.receipt': Type.Object({ peerId: S, reportId: S, receiptId: S }),
} as const
