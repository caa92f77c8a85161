import { type Static, Type } from 'typebox'
import { Id, IsoTime, ROLES } from '../../shared/schema.js'
import { LEVELS } from './vocabulary.js'

export const Role = Type.Enum(ROLES)
export const Level = Type.Enum(LEVELS)
export const Zone = Type.Enum(['external', 'internal'])

export const NewDepartment = Type.Object({
  code: Type.String({
    minLength: 18,
    maxLength: 18,
    description: 'GB 32100-2015 unified social credit code',
  }),
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  level: Level,
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  zone: Type.Optional(Zone),
})
export type NewDepartment = Static<typeof NewDepartment>

export const DepartmentView = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  level: Level,
  parentId: Type.Union([Id, Type.Null()]),
  zone: Type.String(),
  createdAt: IsoTime,
})
export type DepartmentView = Static<typeof DepartmentView>

export const DepartmentList = Type.Object({ items: Type.Array(DepartmentView) })
export type DepartmentList = Static<typeof DepartmentList>

export const Username = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$' })

export const NewUser = Type.Object({
  username: Username,
  password: Type.String({ minLength: 1, maxLength: 256 }),
  displayName: Type.Optional(Type.String({ maxLength: 100 })),
  departmentId: Id,
  roles: Type.Array(Role, { minItems: 1, maxItems: ROLES.length }),
  mustChangePassword: Type.Optional(Type.Boolean()),
})
export type NewUser = Static<typeof NewUser>

export const UserView = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  departmentId: Id,
  roles: Type.Array(Role),
  status: Type.String(),
  mustChangePassword: Type.Boolean(),
  createdAt: IsoTime,
})
export type UserView = Static<typeof UserView>

export const UserList = Type.Object({ items: Type.Array(UserView) })
export type UserList = Static<typeof UserList>

export const NewClient = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  departmentId: Id,
  roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: ROLES.length })),
})
export type NewClient = Static<typeof NewClient>

export const ApiClientView = Type.Object({
  id: Id,
  clientId: Type.String(),
  name: Type.String(),
  departmentId: Id,
  roles: Type.Array(Role),
  status: Type.String(),
  createdAt: IsoTime,
})
export type ApiClientView = Static<typeof ApiClientView>

export const ApiClientList = Type.Object({ items: Type.Array(ApiClientView) })
export type ApiClientList = Static<typeof ApiClientList>

/** What creation answers: the view and the secret, shown once. */
export const CreatedClient = Type.Intersect([ApiClientView, Type.Object({ clientSecret: Type.String() })])
export type CreatedClient = Static<typeof CreatedClient>

/** One client's security settings; allowedCidrs null: any address may call. */
export const ClientSecurityView = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  name: Type.String(),
  departmentId: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
  allowedCidrs: Type.Union([Type.Array(Type.String()), Type.Null()]),
  secretRotatedAt: Type.Union([Type.String(), Type.Null()]),
})
export type ClientSecurityView = Static<typeof ClientSecurityView>

export const RotatedSecret = Type.Object({ clientId: Type.String(), clientSecret: Type.String() })
export type RotatedSecret = Static<typeof RotatedSecret>

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  /** The 6-digit TOTP code, for accounts with a second factor (issue 13). */
  totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  /** Or one of the recovery codes shown at enrolment (each works once). */
  recoveryCode: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
})
export type LoginBody = Static<typeof LoginBody>

export const SessionUser = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  departmentId: Id,
  roles: Type.Array(Role),
  mustChangePassword: Type.Boolean(),
})
export type SessionUser = Static<typeof SessionUser>

export const LoginReply = Type.Object({
  token: Type.String(),
  expiresAt: IsoTime,
  user: SessionUser,
  /**
   * How the second factor went: `none` (not enrolled, not required), `verified`, or
   * `enrolment_required`: the session may only enrol a second factor, change the password and sign out.
   */
  secondFactor: Type.Optional(
    Type.Union([Type.Literal('none'), Type.Literal('verified'), Type.Literal('enrolment_required')]),
  ),
})
export type LoginReply = Static<typeof LoginReply>

export const TokenBody = Type.Object({
  clientId: Type.String({ minLength: 1, maxLength: 100 }),
  clientSecret: Type.String({ minLength: 1, maxLength: 200 }),
})
export type TokenBody = Static<typeof TokenBody>

export const TokenReply = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.String(),
  expiresIn: Type.Integer(),
})

export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
})
export type PasswordChangeBody = Static<typeof PasswordChangeBody>

export const MeReply = Type.Object({
  kind: Type.String(),
  id: Type.Union([Id, Type.Null()]),
  name: Type.String(),
  departmentId: Type.Union([Id, Type.Null()]),
  roles: Type.Array(Role),
})

// Issue 13: user upkeep

export const RolesBody = Type.Object({ roles: Type.Array(Role, { minItems: 1, maxItems: ROLES.length }) })
export type RolesBody = Static<typeof RolesBody>

export const PasswordResetReply = Type.Object({
  user: UserView,
  /** Shown once; the user must change it at the next sign-in. */
  temporaryPassword: Type.String(),
})
export type PasswordResetReply = Static<typeof PasswordResetReply>

export const UpkeepReply = Type.Object({
  user: UserView,
  /** Sessions ended by this change (disable, reset). */
  sessionsEnded: Type.Integer(),
  /** Whether the account was locked or counting failures before an unlock. */
  wasLocked: Type.Optional(Type.Boolean()),
})
export type UpkeepReply = Static<typeof UpkeepReply>

export const SignInEntry = Type.Object({
  seq: Type.Integer(),
  at: IsoTime,
  /** auth.login | auth.login_failed | auth.locked | auth.logout */
  action: Type.String(),
  ok: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
})
export type SignInEntry = Static<typeof SignInEntry>
export const SignInList = Type.Object({ items: Type.Array(SignInEntry) })
export type SignInList = Static<typeof SignInList>

// Issue 13: second factor enrolment

export const EnrolReply = Type.Object({
  secret: Type.String(),
  otpauthUri: Type.String(),
  qrDataUrl: Type.String(),
})
export type EnrolReply = Static<typeof EnrolReply>

export const ConfirmReply = Type.Object({ recoveryCodes: Type.Array(Type.String()) })
export type ConfirmReply = Static<typeof ConfirmReply>
