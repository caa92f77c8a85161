import type { Actor } from '../../shared/actor.js'
import { authorize } from '../../shared/policy.js'
import { withDisplayNames } from '../org/index.js'
import { createCountyGrants } from './county.js'
import { createDecisions } from './decisions.js'
import type { SharingDeps } from './deps.js'
import { createGrants } from './grants.js'
import { createSharingJobs } from './jobs.js'
import * as repo from './repo.js'
import { createRequests } from './requests.js'

export { type AccessMode, modeAllows, type RowScope } from './access.js'
export { sharingApiDocs } from './api-docs.js'
export type { CountyGrantPlan, CountyGrants, WantedGrant } from './county.js'
export type { LiveGrant } from './grants.js'
export {
  countLiveGrants,
  type OverdueRequest,
  overdueRequests,
  type ReceivedRequest,
  requestOutcome,
  requestsReceived,
  resourceIdsOf,
  sharingObjectsOf,
} from './lookup.js'
export { sharingRoutes } from './routes.js'
export { isRequestOverdue } from './rules.js'
export { SHARING_ACCESS_TABLES } from './tables.js'

/** The sharing module's services, built from one set of dependencies. */
export function createSharingModule(deps: SharingDeps) {
  const grants = createGrants(deps)
  const requests = createRequests(deps, grants)
  const decisions = createDecisions(deps, requests, grants)

  /** The bureau's arbitration queue (Art. 25). */
  async function listDisputes(actor: Actor, status?: string) {
    authorize(actor, 'sharing.arbitrate')
    const disputes = (await repo.listDisputes(deps.db, status)).map((d) => ({
      id: d.id,
      requestId: d.request_id,
      resourceId: d.resource_id,
      resourceName: d.resource_name,
      consumerId: d.consumer_id,
      providerId: d.provider_id,
      reason: d.reason,
      status: d.status,
      raisedAt: d.raised_at,
      resolution: d.resolution,
      resolutionReason: d.resolution_reason,
      raisedBy: d.raised_by,
    }))
    return withDisplayNames(deps.db, disputes, ['raisedBy'])
  }

  return {
    requests,
    decisions,
    grants,
    county: createCountyGrants(deps, grants),
    jobs: createSharingJobs(deps),
    listDisputes,
  }
}

export type SharingModule = ReturnType<typeof createSharingModule>
