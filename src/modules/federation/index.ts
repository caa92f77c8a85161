/** Federation between platforms, city ↔ province (Art. 21, 39; decisions §52). */
import { createChannel } from './channel.js'
import type { FederationDeps } from './deps.js'
import { createInbound } from './inbound.js'
import { createMirror } from './mirror.js'
import { createOutbox } from './outbox.js'
import { createPeers } from './peers.js'
import { createRemote } from './remote.js'
import { createReportSending } from './reports.js'
import { createSync } from './sync.js'

export { federationApiDocs } from './api-docs.js'
export type { FederationDeps } from './deps.js'
export { MESSAGE_FORMAT, sealMessage } from './envelope.js'
export { federationRoutes } from './routes.js'

export function createFederationModule(deps: FederationDeps) {
  const channel = createChannel(deps)
  const outbox = createOutbox(deps, channel)
  const mirror = createMirror(deps)
  const peers = createPeers(deps)
  const remote = createRemote(deps, channel, outbox)
  const reports = createReportSending(deps, outbox)
  const inbound = createInbound(deps, channel, mirror)
  const sync = createSync(deps, channel, outbox, mirror, remote)
  return { peers, remote, reports, inbound, sync, outbox }
}

export type FederationModule = ReturnType<typeof createFederationModule>
