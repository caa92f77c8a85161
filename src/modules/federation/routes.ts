import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses, Id, IdParams } from '../../shared/schema.js'
import type { FederationModule } from './index.js'
import {
  IdentityView,
  MessageEnvelope,
  OutboxQuery,
  OutboxView,
  PeerBody,
  PeerPatch,
  PeerView,
  ReceivedReportView,
  RemoteQuery,
  RemoteReadQuery,
  RemoteReadReply,
  RemoteRequestBody,
  RemoteRequestView,
  RemoteResourceView,
  SendReportBody,
  SyncReply,
} from './schema.js'

const tags = ['federation']
const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item) })

export const federationRoutes: FastifyPluginAsyncTypebox<{ federation: FederationModule }> = async (
  app,
  { federation },
) => {
  app.post(
    '/federation/messages',
    {
      config: { public: true },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: "A peer platform's signed message (no token: the sender's SM2 signature is checked)",
        description:
          'Peer to peer (Art. 21): `message` is the canonical JSON of a signed federation message ' +
          "addressed to this platform by a configured peer. The reply is this platform's signed reply. " +
          'Any byte changed: 400 FEDERATION_MESSAGE_INVALID (logged); an unknown or disabled sender: ' +
          '403 FEDERATION_PEER_UNKNOWN; what the configuration does not share: 403 FEDERATION_NOT_ALLOWED.',
        body: MessageEnvelope,
        response: { 200: MessageEnvelope, ...errorResponses(400, 403, 404, 409, 429) },
      },
    },
    async (req) => ({ message: await federation.inbound.receive(req.body.message) }),
  )

  app.get(
    '/federation/identity',
    {
      schema: {
        tags,
        summary:
          "This platform's SM2 public key, to give the peer's administrator (the system administrator)",
        security: bearer,
        response: { 200: IdentityView, ...errorResponses(401, 403, 409) },
      },
    },
    async (req) => federation.peers.identity(actorOf(req)),
  )

  app.get(
    '/federation/peers',
    {
      schema: {
        tags,
        summary: 'Peer platforms with their state and queue (the system administrator)',
        security: bearer,
        response: { 200: Items(PeerView), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await federation.peers.listPeers(actorOf(req)) }),
  )

  app.post(
    '/federation/peers',
    {
      schema: {
        tags,
        summary: 'Configure a peer platform: URL, SM2 public key, role, what is shared (audited)',
        security: bearer,
        body: PeerBody,
        response: { 201: PeerView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      reply.code(201)
      return federation.peers.createPeer(actorOf(req), req.body)
    },
  )

  app.get(
    '/federation/peers/:id',
    {
      schema: {
        tags,
        summary: 'One peer platform with its state',
        security: bearer,
        params: IdParams,
        response: { 200: PeerView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => federation.peers.getPeer(actorOf(req), req.params.id),
  )

  app.patch(
    '/federation/peers/:id',
    {
      schema: {
        tags,
        summary: 'Change a peer platform (audited)',
        security: bearer,
        params: IdParams,
        body: PeerPatch,
        response: { 200: PeerView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => federation.peers.updatePeer(actorOf(req), req.params.id, req.body),
  )

  app.get(
    '/federation/outbox',
    {
      schema: {
        tags,
        summary: 'Messages queued for peers, with attempts, next try and last error',
        security: bearer,
        querystring: OutboxQuery,
        response: { 200: Items(OutboxView), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => federation.outbox.listOutbox(actorOf(req), req.query),
  )

  app.post(
    '/federation/outbox/:id/requeue',
    {
      schema: {
        tags,
        summary: 'Put a dead message back in the queue, tried at the next sync (audited)',
        description:
          'Only a `dead` message (refused by the peer, or a week of failed tries): otherwise 409 ' +
          "FEDERATION_OUTBOX_NOT_DEAD. The same signed message goes again, signed anew if the peer's " +
          'key or ours changed since.',
        security: bearer,
        params: IdParams,
        response: { 200: OutboxView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => federation.outbox.requeue(actorOf(req), req.params.id),
  )

  app.post(
    '/federation/outbox/:id/discard',
    {
      schema: {
        tags,
        summary: 'Drop a dead message for good; it stays listed as discarded (audited)',
        security: bearer,
        params: IdParams,
        response: { 200: OutboxView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => federation.outbox.discard(actorOf(req), req.params.id),
  )

  app.post(
    '/federation/sync',
    {
      schema: {
        tags,
        summary: 'Sync with every peer now: push the catalog, deliver the queue, pull the province catalog',
        security: bearer,
        response: { 200: SyncReply, ...errorResponses(401, 403) },
      },
    },
    async (req) => federation.sync.syncNow(actorOf(req)),
  )

  app.get(
    '/federation/remote-resources',
    {
      schema: {
        tags,
        summary: "Peer platforms' sharing catalogs as mirrored here (search by name, summary or code)",
        security: bearer,
        querystring: RemoteQuery,
        response: { 200: Items(RemoteResourceView), ...errorResponses(400, 401) },
      },
    },
    async (req) => federation.remote.listRemoteResources(actorOf(req), req.query),
  )

  app.get(
    '/federation/remote-resources/:id',
    {
      schema: {
        tags,
        summary: "One resource of a peer platform's catalog",
        security: bearer,
        params: IdParams,
        response: { 200: RemoteResourceView, ...errorResponses(401, 404) },
      },
    },
    async (req) => federation.remote.getRemoteResource(actorOf(req), req.params.id),
  )

  app.post(
    '/federation/remote-resources/:id/requests',
    {
      schema: {
        tags,
        summary: "Apply for a peer platform's resource; the providing platform decides (a consumer)",
        security: bearer,
        params: IdParams,
        body: RemoteRequestBody,
        response: { 201: RemoteRequestView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      reply.code(201)
      return federation.remote.applyForRemote(actorOf(req), req.params.id, req.body)
    },
  )

  app.get(
    '/federation/remote-requests',
    {
      schema: {
        tags,
        summary:
          "Applications to peer platforms and the providers' answers (own department; the bureau: all)",
        security: bearer,
        response: { 200: Items(RemoteRequestView), ...errorResponses(401, 403) },
      },
    },
    async (req) => federation.remote.listRemoteRequests(actorOf(req)),
  )

  app.get(
    '/federation/remote-resources/:id/records/:key',
    {
      schema: {
        tags,
        summary: "One record of a peer platform's resource under its grant, masked by the provider",
        description:
          'Read through both platforms: the providing platform checks its grant to your department, ' +
          'masks by its own rules and logs the read; this platform logs it too, with the same ' +
          '`correlationId`. No grant here: 403 FEDERATION_GRANT_REQUIRED; the provider refused: ' +
          '403 FEDERATION_PEER_REFUSED (its code in details.code); the provider down: 503.',
        security: bearer,
        params: Type.Object({ id: Id, key: Type.String({ minLength: 1, maxLength: 500 }) }),
        querystring: RemoteReadQuery,
        response: { 200: RemoteReadReply, ...errorResponses(400, 401, 403, 404, 503) },
      },
    },
    async (req) => federation.remote.readRemote(actorOf(req), req.params.id, req.params.key, req.query),
  )

  app.post(
    '/federation/reports/:id/send',
    {
      schema: {
        tags,
        summary: "Send the city's submitted annual report to the provincial platform (Art. 39, the bureau)",
        security: bearer,
        params: IdParams,
        body: SendReportBody,
        response: { 200: Items(OutboxView), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => federation.reports.sendReport(actorOf(req), req.params.id, req.body.peerId),
  )

  app.get(
    '/federation/reports/:id/deliveries',
    {
      schema: {
        tags,
        summary: "Where the report's sending stands, with the province's receipt",
        security: bearer,
        params: IdParams,
        response: { 200: Items(OutboxView), ...errorResponses(401, 403) },
      },
    },
    async (req) => federation.reports.reportDeliveries(actorOf(req), req.params.id),
  )

  app.get(
    '/federation/received-reports',
    {
      schema: {
        tags,
        summary: 'Annual reports city platforms sent here (the province side, the bureau)',
        security: bearer,
        response: { 200: Items(ReceivedReportView), ...errorResponses(401, 403) },
      },
    },
    async (req) => federation.reports.receivedReports(actorOf(req)),
  )
}
