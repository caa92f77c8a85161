/**
 * A provider, a consumer and a third department with the people sharing involves, for the
 * sharing (and rectification) service tests; and a request answered in one call.
 */
import type { Services } from '../../src/container.js'
import type { Actor } from '../../src/shared/actor.js'
import { CONDITIONAL, publish } from './service-kit.js'
import type { ServiceTest } from './services.js'

type NewRequest = Parameters<Services['sharing']['requests']['createRequest']>[1]
type DecisionBody = Parameters<Services['sharing']['decisions']['decideRequest']>[2]

export interface SharingWorld {
  provider: string
  consumer: string
  other: string
  reviewer: Actor
  cataloger: Actor
  approver: Actor
  providerAdmin: Actor
  /** A consumer of the provider's own department. */
  insider: Actor
  applicant: Actor
  consumerAdmin: Actor
  outsider: Actor
  outsiderApprover: Actor
}

export async function sharingWorld(t: ServiceTest): Promise<SharingWorld> {
  const [provider, consumer, other] = [await t.department(), await t.department(), await t.department()]
  return {
    provider,
    consumer,
    other,
    reviewer: await t.person(t.bureauId, ['bureau_reviewer']),
    cataloger: await t.person(provider, ['cataloger']),
    approver: await t.person(provider, ['approver']),
    providerAdmin: await t.person(provider, ['dept_admin']),
    insider: await t.person(provider, ['consumer']),
    applicant: await t.person(consumer, ['consumer']),
    consumerAdmin: await t.person(consumer, ['dept_admin']),
    outsider: await t.person(other, ['consumer']),
    outsiderApprover: await t.person(other, ['approver']),
  }
}

/** A conditional resource of the provider, published; its id. */
export function publishConditional(t: ServiceTest, w: SharingWorld, name: string): Promise<string> {
  return publish(t, w.cataloger, w.reviewer, { name, ...CONDITIONAL })
}

/** The applicant asks for items of a resource; the request's view. */
export function ask(
  t: ServiceTest,
  w: SharingWorld,
  resourceId: string,
  items: string[],
  more: Partial<NewRequest> = {},
) {
  return t.services.sharing.requests.createRequest(w.applicant, {
    resourceId,
    items,
    purpose: '核验婚姻状况',
    ...more,
  })
}

/** The provider's approver answers a request. */
export function answer(t: ServiceTest, w: SharingWorld, requestId: string, body: DecisionBody) {
  return t.services.sharing.decisions.decideRequest(w.approver, requestId, body)
}
