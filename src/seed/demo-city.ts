/**
 * The demo city seeded on first start (GOVSHARE_SEED=demo): the bureau's colleagues, six city
 * departments, the audit office, two districts with a sub-district each, and one user per role.
 * Everything goes through the org service as `admin`, so it is validated and audited like real work.
 * Idempotent: a start killed half-way finishes the rest on the next start.
 */
import type { Services } from '../container.js'
import { buildUscc, strongPassword } from '../modules/org/index.js'
import type { Actor, Role } from '../shared/actor.js'
import { AppError } from '../shared/errors.js'
import { seededRandom, syntheticName } from './names.js'

interface DemoDepartment {
  key: string
  name: string
  level: 'city' | 'county' | 'township'
  parent?: string
  division: string
  orgBase: string
  /** username prefix → roles of the demo users created in this department */
  users: Record<string, Role[]>
}

const STAFF: Record<string, Role[]> = {
  admin: ['dept_admin'],
  cataloger: ['cataloger'],
  approver: ['approver'],
  consumer: ['consumer'],
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { key: 'psb', name: '昆明市公安局', level: 'city', division: '530100', orgBase: 'MB000101', users: STAFF },
  {
    key: 'amr',
    name: '昆明市市场监督管理局',
    level: 'city',
    division: '530100',
    orgBase: 'MB000102',
    users: STAFF,
  },
  {
    key: 'hrss',
    name: '昆明市人力资源和社会保障局',
    level: 'city',
    division: '530100',
    orgBase: 'MB000103',
    users: STAFF,
  },
  {
    key: 'health',
    name: '昆明市卫生健康委员会',
    level: 'city',
    division: '530100',
    orgBase: 'MB000104',
    users: STAFF,
  },
  {
    key: 'civil',
    name: '昆明市民政局',
    level: 'city',
    division: '530100',
    orgBase: 'MB000105',
    users: STAFF,
  },
  {
    key: 'nr',
    name: '昆明市自然资源和规划局',
    level: 'city',
    division: '530100',
    orgBase: 'MB000106',
    users: STAFF,
  },
  { key: 'audit', name: '昆明市审计局', level: 'city', division: '530100', orgBase: 'MB000107', users: {} },
  {
    key: 'wuhua',
    name: '昆明市五华区人民政府',
    level: 'county',
    division: '530102',
    orgBase: 'MB000201',
    users: {
      admin: ['dept_admin'],
      cataloger: ['cataloger'],
      approver: ['approver'],
      consumer: ['consumer'],
    },
  },
  {
    key: 'huashan',
    name: '五华区华山街道办事处',
    level: 'township',
    parent: 'wuhua',
    division: '530102',
    orgBase: 'MB000202',
    users: { consumer: ['consumer'] },
  },
  {
    key: 'panlong',
    name: '昆明市盘龙区人民政府',
    level: 'county',
    division: '530103',
    orgBase: 'MB000301',
    // Issue 13: a department security contact reports the district's incidents (Art. 31).
    users: { admin: ['dept_admin'], consumer: ['consumer'], security: ['security_contact'] },
  },
  {
    key: 'tuodong',
    name: '盘龙区拓东街道办事处',
    level: 'township',
    parent: 'panlong',
    division: '530103',
    orgBase: 'MB000302',
    users: { consumer: ['consumer'] },
  },
]

/** Bureau-side users: one per bureau role (platform_admin is `admin` from bootstrap). */
const BUREAU_USERS: Record<string, Role[]> = {
  reviewer: ['bureau_reviewer'],
  security: ['security_officer'],
}

export interface DemoAccount {
  username: string
  password: string
  department: string
  roles: Role[]
  displayName: string
}

/** Creates the demo departments and users; returns the accounts and the department ids by key. */
export async function seedDemoCity(services: Services, admin: Actor, bureau: { id: string; name: string }) {
  const random = seededRandom(151)
  const accounts: DemoAccount[] = []
  const existing = await services.org.listDepartments(admin)
  const idByCode = new Map(existing.map((d) => [d.code, d.id]))
  const idByKey = new Map<string, string>()

  for (const dept of DEMO_DEPARTMENTS) {
    const code = buildUscc('11', dept.division, dept.orgBase)
    let id = idByCode.get(code)
    if (!id) {
      const parentId = dept.parent ? idByKey.get(dept.parent) : undefined
      const created = await services.org.createDepartment(admin, {
        code,
        name: dept.name,
        level: dept.level,
        parentId,
      })
      id = created.id
    }
    idByKey.set(dept.key, id)
  }

  const wanted: Array<{ username: string; departmentId: string; department: string; roles: Role[] }> = []
  for (const [prefix, roles] of Object.entries(BUREAU_USERS)) {
    wanted.push({ username: prefix, departmentId: bureau.id, department: bureau.name, roles })
  }
  for (const dept of DEMO_DEPARTMENTS) {
    for (const [suffix, roles] of Object.entries(dept.users)) {
      const departmentId = idByKey.get(dept.key) ?? ''
      wanted.push({ username: `${dept.key}_${suffix}`, departmentId, department: dept.name, roles })
    }
  }
  const auditOffice = idByKey.get('audit') ?? ''
  wanted.push({
    username: 'auditor',
    departmentId: auditOffice,
    department: '昆明市审计局',
    roles: ['auditor'],
  })

  for (const user of wanted) {
    const password = strongPassword(12)
    const displayName = syntheticName(random)
    try {
      await services.org.createUser(admin, { ...user, password, displayName, mustChangePassword: true })
      accounts.push({
        username: user.username,
        password,
        department: user.department,
        roles: user.roles,
        displayName,
      })
    } catch (error) {
      // Already created by an earlier, interrupted start: its password was printed then.
      if (!(error instanceof AppError && error.code === 'ORG_DUPLICATE_USERNAME')) {
        throw error
      }
    }
  }
  idByKey.set('bureau', bureau.id)
  return { accounts, departmentIds: idByKey }
}

export function formatAccounts(accounts: DemoAccount[], admin?: DemoAccount | string): string {
  const line = (a: DemoAccount) =>
    `${a.username}\t${a.password}\t${a.roles.join(',')}\t${a.department}\t${a.displayName}`
  // The admin first, as the account to start with; a note instead when its password is not known here.
  const adminLines = admin === undefined ? [] : [typeof admin === 'string' ? admin : line(admin)]
  return [
    '# govshare demo accounts (synthetic people; change the passwords on first sign-in)',
    'username\tpassword\troles\tdepartment\tname',
    ...adminLines,
    ...accounts.map(line),
    '',
  ].join('\n')
}

/** Keys a demo consumer can look up or verify (reads need keys one holds: issue 11). */
export function formatSampleKeys(samples: ReadonlyArray<{ resource: string; keys: string[] }>): string {
  if (samples.length === 0) {
    return ''
  }
  return [
    '# sample keys to look up or verify (synthetic; reads of personal data need a case reference, e.g. DEMO-001)',
    ...samples.map((sample) => `${sample.resource}\t${sample.keys.join('\t')}`),
    '',
  ].join('\n')
}
