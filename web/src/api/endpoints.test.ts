/**
 * The portal's own API functions (endpoints.ts, client.ts) run in Node against a real platform: the
 * replies they are typed with are the server's reply schemas, and the replies that come back fit
 * them. Issue 14: decide and dispute were typed as a whole request, which neither answers.
 */
import { Value } from 'typebox/value'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import type { RequestView } from '../../../src/modules/sharing/schema'
import { DecisionReply, DisputeReply } from '../../../src/modules/sharing/schema'
import type { Credentials, PortalKit, PortalStory } from '../../../test/portal/story'
import { MemoryStorage } from '../testing/memory-storage'
import { saveSession, setApiBase } from './client'
import { auth, sharing } from './endpoints'

// The kit starts the platform (Node code the portal's type program must not read): loaded at run time.
const KIT_PATH = '../../../test/portal/kit.ts'
const { kit }: { kit: PortalKit } = await import(/* @vite-ignore */ KIT_PATH)

async function signIn(who: Credentials) {
  saveSession(null)
  saveSession(await auth.login(who.username, who.password))
}

describe('the portal’s API functions are typed with the server’s reply schemas', () => {
  it('decide and dispute answer their own replies, not a request', () => {
    expectTypeOf(sharing.decide).returns.resolves.toEqualTypeOf<DecisionReply>()
    expectTypeOf(sharing.dispute).returns.resolves.toEqualTypeOf<DisputeReply>()
    expectTypeOf(sharing.request).returns.resolves.toEqualTypeOf<RequestView>()
  })
})

for (const dialect of kit.DIALECTS) {
  describe(`${dialect}: the portal’s sharing calls against a real platform`, () => {
    let story: PortalStory

    beforeAll(async () => {
      globalThis.sessionStorage = new MemoryStorage()
      story = await kit.startPortalStory(dialect)
      setApiBase(story.baseUrl)
    })

    afterAll(async () => {
      setApiBase('')
      await story?.close()
    })

    it('decide answers a DecisionReply (no resource name, no purpose: reload the request to show it)', async () => {
      const [approved, refused] = story.requestIds
      await signIn(story.approver)
      const reply = await sharing.decide(approved, { decision: 'approve', items: ['姓名'] })
      expect(Value.Check(DecisionReply, reply)).toBe(true)
      expect(reply).toMatchObject({ id: approved, status: 'granted', items: ['姓名'] })
      expect(reply).not.toHaveProperty('resourceName')
      const rejected = await sharing.decide(refused, { decision: 'reject', reason: '不符合共享条件' })
      expect(Value.Check(DecisionReply, rejected)).toBe(true)
      expect(rejected).toMatchObject({ status: 'rejected', grantId: null })
    })

    it('dispute answers a DisputeReply, and the request then shows the dispute', async () => {
      const refused = story.requestIds[1]
      await signIn(story.consumer)
      const reply = await sharing.dispute(refused, '该数据为履行法定职责所必需')
      expect(Value.Check(DisputeReply, reply)).toBe(true)
      expect(reply).toEqual({ id: refused, status: 'disputed' })
      const request = await sharing.request(refused)
      expect(request.dispute?.reason).toBe('该数据为履行法定职责所必需')
    })
  })
}
