/**
 * Sign-in lockout, user upkeep and the password policy (Art. 28-29; 等保 2.0 level 3) on the
 * services, every dialect: what each step does to sessions and sign-ins, and what it logs.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { logged } from '../../../test/support/service-kit.js'
import { type Person, type ServiceTest, setup, USER_PASSWORD } from '../../../test/support/services.js'
import type { Actor } from '../../shared/actor.js'

const WRONG = 'Wrong#2026pass'

for (const dialect of DIALECTS) {
  describe(`${dialect}: org sign-in and user upkeep`, () => {
    let t: ServiceTest
    let department: string
    let deptAdmin: Person
    afterEach(async () => {
      await t?.cleanup()
    })
    const start = async () => {
      t = await setup(dialect)
      department = await t.department()
      deptAdmin = await t.person(department, ['dept_admin'])
    }
    const login = (user: Actor, password = USER_PASSWORD) =>
      t.services.auth.login({ username: user.name, password })

    it('locks an account at the 5th failure in a row for 15 minutes, even for the right password', async () => {
      await start()
      const user = await t.person(department, ['consumer'])
      for (let i = 0; i < 4; i++) {
        await expect(login(user, WRONG)).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' })
      }
      // A success in between starts the count again.
      await login(user)
      for (let i = 0; i < 5; i++) {
        await expect(login(user, WRONG)).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' })
      }
      await expect(login(user)).rejects.toMatchObject({ code: 'AUTH_LOCKED' })
      const locked = await logged(t, 'auth.locked')
      expect(locked).toEqual([
        expect.objectContaining({ objectId: user.id, details: { lockedUntil: '2026-11-25T02:15:00.000Z' } }),
      ])
      const failures = (await logged(t, 'auth.login_failed')).filter((e) => e.objectId === user.id)
      expect(failures.map((e) => e.details.reason)).toEqual([...Array(9).fill('wrong_password'), 'locked'])
      t.clock.advance(15 * 60_000)
      expect((await login(user)).user.id).toBe(user.id)
    })

    it('locks nothing for an unknown username, yet logs the attempt', async () => {
      await start()
      for (let i = 0; i < 6; i++) {
        await expect(t.services.auth.login({ username: 'nobody', password: WRONG })).rejects.toMatchObject({
          code: 'AUTH_INVALID_CREDENTIALS',
        })
      }
      const failures = (await logged(t, 'auth.login_failed')).filter((e) => e.details.username === 'nobody')
      expect(failures).toHaveLength(6)
      expect(failures.every((e) => e.details.reason === 'unknown_user' && e.objectId === null)).toBe(true)
      expect(await logged(t, 'auth.locked')).toEqual([])
    })

    it("unlocks at the department admin's hand, and lists the account's sign-ins newest first", async () => {
      await start()
      const user = await t.person(department, ['consumer'])
      for (let i = 0; i < 5; i++) {
        await login(user, WRONG).catch(() => undefined)
      }
      await expect(login(user)).rejects.toMatchObject({ code: 'AUTH_LOCKED' })
      const outsider = await t.person(await t.department(), ['dept_admin'])
      await expect(t.services.org.unlock(outsider, user.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(t.services.org.signIns(outsider, user.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      expect(await t.services.org.unlock(deptAdmin, user.id)).toMatchObject({ wasLocked: true })
      await login(user)
      const { items } = await t.services.org.signIns(deptAdmin, user.id)
      expect(items[0]).toMatchObject({ action: 'auth.login', ok: true })
      expect(items.filter((s) => s.action === 'auth.login_failed').map((s) => s.reason)).toContain('locked')
      expect((await logged(t, 'user.unlock'))[0]).toMatchObject({
        objectId: user.id,
        actor: deptAdmin.name,
        details: { wasLocked: true },
      })
      expect((await t.services.org.unlock(deptAdmin, user.id)).wasLocked).toBe(false)
    })

    it("ends a disabled user's sessions at once and lets them back in when enabled", async () => {
      await start()
      const user = await t.person(department, ['consumer'])
      const { token } = await login(user)
      expect((await t.services.auth.resolveToken(token))?.id).toBe(user.id)
      await expect(t.services.org.setStatus(deptAdmin, deptAdmin.id, 'disabled')).rejects.toMatchObject({
        code: 'ORG_SELF_CHANGE',
      })
      const disabled = await t.services.org.setStatus(deptAdmin, user.id, 'disabled')
      expect(disabled).toMatchObject({ user: { status: 'disabled' }, sessionsEnded: 1 })
      expect(await t.services.auth.resolveToken(token)).toBeNull()
      await expect(login(user)).rejects.toMatchObject({ code: 'AUTH_ACCOUNT_DISABLED' })
      // A wrong password still says only that: no hint the account exists but is disabled.
      await expect(login(user, WRONG)).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' })
      expect((await t.services.org.setStatus(deptAdmin, user.id, 'active')).user.status).toBe('active')
      expect((await login(user)).user.id).toBe(user.id)
      expect((await logged(t, 'user.disable'))[0]).toMatchObject({
        objectId: user.id,
        details: { previous: 'active', sessionsEnded: 1 },
      })
      expect((await logged(t, 'user.enable'))[0]?.details).toMatchObject({ previous: 'disabled' })
    })

    it('resets a password to a temporary one that must be changed, and ends the old sessions', async () => {
      await start()
      const user = await t.person(department, ['cataloger'])
      const { token } = await login(user)
      const reset = await t.services.org.resetPassword(deptAdmin, user.id)
      expect(reset.user.mustChangePassword).toBe(true)
      expect(await t.services.auth.resolveToken(token)).toBeNull()
      await expect(login(user)).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' })
      const signedIn = await login(user, reset.temporaryPassword)
      expect(signedIn.user.mustChangePassword).toBe(true)
      expect((await t.services.auth.resolveRequest(signedIn.token))?.restrictions).toContain(
        'password_change',
      )
      const self = await t.services.auth.resolveToken(signedIn.token)
      await t.services.auth.changePassword(self ?? user, {
        currentPassword: reset.temporaryPassword,
        newPassword: 'Fresh#2026word',
      })
      expect((await login(user, 'Fresh#2026word')).user.mustChangePassword).toBe(false)
      expect((await logged(t, 'user.password_reset'))[0]).toMatchObject({
        objectId: user.id,
        details: { sessionsEnded: 1 },
      })
    })

    it('ends one session at logout, and any session idle past the limit', async () => {
      await start()
      const user = await t.person(department, ['consumer'])
      const [first, second] = [await login(user), await login(user)]
      const self = await t.services.auth.resolveToken(first.token)
      await t.services.auth.logout(self ?? user)
      expect(await t.services.auth.resolveToken(first.token)).toBeNull()
      expect((await t.services.auth.resolveToken(second.token))?.id).toBe(user.id)
      expect((await logged(t, 'auth.logout')).map((e) => e.objectId)).toEqual([user.id])
      // 30 idle minutes by default: use keeps a session alive, silence ends it.
      t.clock.advance(29 * 60_000)
      expect((await t.services.auth.resolveToken(second.token))?.id).toBe(user.id)
      t.clock.advance(29 * 60_000)
      expect((await t.services.auth.resolveToken(second.token))?.id).toBe(user.id)
      t.clock.advance(31 * 60_000)
      expect(await t.services.auth.resolveToken(second.token)).toBeNull()
      await expect(t.services.auth.logout(user)).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    })

    it('applies the configured policy: length, history depth and password age', async () => {
      t = await setup(dialect, {
        config: { passwordMinLength: 12, passwordHistory: 1, passwordMaxAgeDays: 90 },
      })
      const user = await t.person(await t.department(), ['consumer'])
      const change = (currentPassword: string, newPassword: string) =>
        t.services.auth.changePassword(user, { currentPassword, newPassword })
      await expect(change(USER_PASSWORD, 'Fresh#2026w')).rejects.toMatchObject({
        details: { problems: ['too_short'], minLength: 12 },
      })
      await change(USER_PASSWORD, 'Fresh#2026word!!')
      // A history of one: only the current password is refused, the one before may come back.
      await expect(change('Fresh#2026word!!', 'Fresh#2026word!!')).rejects.toMatchObject({
        details: { problems: ['reused'], history: 1 },
      })
      await change('Fresh#2026word!!', USER_PASSWORD)
      const { token } = await login(user)
      expect((await t.services.auth.resolveRequest(token))?.restrictions).toEqual([])
      t.clock.advance(91 * 86_400_000)
      const { token: later } = await login(user)
      expect((await t.services.auth.resolveRequest(later))?.restrictions).toEqual(['password_change'])
    })

    it('changes a password only under the policy, knowing the current one, and never back to a recent one', async () => {
      await start()
      const user = await t.person(department, ['consumer'])
      const change = (currentPassword: string, newPassword: string) =>
        t.services.auth.changePassword(user, { currentPassword, newPassword })
      await expect(change(WRONG, 'Fresh#2026word')).rejects.toMatchObject({
        code: 'AUTH_INVALID_CREDENTIALS',
      })
      await expect(change(USER_PASSWORD, 'short#1A')).rejects.toMatchObject({
        code: 'AUTH_WEAK_PASSWORD',
        details: { problems: ['too_short'], minLength: 10 },
      })
      await expect(change(USER_PASSWORD, `X#1${user.name}abc`)).rejects.toMatchObject({
        code: 'AUTH_WEAK_PASSWORD',
        details: { problems: ['contains_username'] },
      })
      await expect(change(USER_PASSWORD, `Aa1#${'x'.repeat(130)}`)).rejects.toMatchObject({
        details: { problems: expect.arrayContaining(['too_long']) },
      })
      await expect(change(USER_PASSWORD, USER_PASSWORD)).rejects.toMatchObject({
        code: 'AUTH_WEAK_PASSWORD',
        details: { problems: ['reused'] },
      })
      await change(USER_PASSWORD, 'Fresh#2026word')
      await change('Fresh#2026word', 'Second#2026word')
      // The first password is in the history now: still refused.
      await expect(change('Second#2026word', USER_PASSWORD)).rejects.toMatchObject({
        details: { problems: ['reused'] },
      })
      await expect(login(user)).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' })
      expect((await login(user, 'Second#2026word')).user.id).toBe(user.id)
      expect((await logged(t, 'auth.password_change')).map((e) => e.objectId)).toEqual([user.id, user.id])
      const client: Actor = { ...user, kind: 'client' }
      await expect(
        t.services.auth.changePassword(client, { currentPassword: 'x', newPassword: 'y' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    })
  })
}
