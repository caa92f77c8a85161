/**
 * First start: the bureau department and the `admin` user (API-CONTRACT.md "Start-up settings").
 * Runs in one transaction, so a start killed half-way leaves nothing and the next start redoes it.
 */

import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { newId } from '../../shared/ids.js'
import type { AuditService } from '../audit/index.js'
import { type PasswordHasher, standardHasher } from './password-hash.js'
import { strongPassword } from './passwords.js'
import * as repo from './repo.js'
import { buildUscc } from './rules.js'

export const BUREAU_NAME = '昆明市大数据管理局'
/** Synthetic but valid (GB 32100-2015): 11 = organ of state, 530100 = Kunming. */
export const BUREAU_CODE = buildUscc('11', '530100', 'MB000001')
export const BUREAU_SETTING = 'bureau_department_id'

export interface BootstrapResult {
  /** True on the start that created them. */
  created: boolean
  bureauId: string
  admin: Actor
  /** Set only when the password was generated here: print it once. */
  generatedPassword?: string
}

export async function ensureBureauAndAdmin(
  deps: { db: Db; clock: Clock; audit: AuditService; passwords?: PasswordHasher },
  adminPassword: string | undefined,
): Promise<BootstrapResult> {
  const { db, clock, audit } = deps
  const passwords = deps.passwords ?? standardHasher
  const existing = await loadAdmin(db)
  if (existing) {
    return { created: false, ...existing }
  }
  const password = adminPassword ?? strongPassword()
  const passwordHash = await passwords.hash(password)
  const now = clock.now().toISOString()
  const bureauId = newId()
  const adminId = newId()
  await inTransaction(db, async (trx) => {
    await repo.insertDepartment(trx, {
      id: bureauId,
      code: BUREAU_CODE,
      name: BUREAU_NAME,
      level: 'city',
      parent_id: null,
      path: `/${bureauId}/`,
      zone: 'external',
      created_at: now,
      updated_at: now,
    })
    await repo.insertUser(
      trx,
      {
        id: adminId,
        username: 'admin',
        password_hash: passwordHash,
        display_name: '平台管理员',
        department_id: bureauId,
        status: 'active',
        locked_until: null,
        must_change_password: 0,
        created_at: now,
        updated_at: now,
      },
      ['platform_admin'],
    )
    await repo.writeSetting(trx, BUREAU_SETTING, bureauId, now)
    await audit.append(trx, SYSTEM_ACTOR, {
      action: 'platform.bootstrap',
      objectType: 'department',
      objectId: bureauId,
      details: { bureau: BUREAU_NAME, code: BUREAU_CODE, admin: 'admin' },
    })
  })
  const admin = await loadAdmin(db)
  if (!admin) {
    throw new Error('bootstrap wrote the bureau and admin but cannot read them back')
  }
  return { created: true, ...admin, ...(adminPassword ? {} : { generatedPassword: password }) }
}

async function loadAdmin(db: Db): Promise<{ bureauId: string; admin: Actor } | undefined> {
  const bureauId = await repo.readSetting(db, BUREAU_SETTING)
  const user = await repo.findUserByUsername(db, 'admin')
  const bureau = bureauId ? await repo.findDepartment(db, bureauId) : undefined
  if (!bureauId || !user || !bureau) {
    return undefined
  }
  const roles = (await repo.rolesOfUsers(db, [user.id])).get(user.id) ?? []
  return {
    bureauId,
    admin: {
      kind: 'user',
      id: user.id,
      name: user.username,
      departmentId: bureau.id,
      departmentPath: bureau.path,
      departmentLevel: bureau.level,
      roles,
    },
  }
}
