import { type Static, Type } from 'typebox'
import { PageQuery } from '../../shared/schema.js'

export const EntryQuery = Type.Object({
  afterSeq: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  departmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  ...PageQuery,
})
export type EntryQuery = Static<typeof EntryQuery>

export const EntryView = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.String({ description: 'username, client id, or what an unknown caller claimed' }),
  actorType: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  object: Type.Union([Type.String(), Type.Null()], { description: 'id of the thing acted on' }),
  objectType: Type.Union([Type.String(), Type.Null()]),
  details: Type.Unknown(),
  prevHash: Type.String(),
  hash: Type.String(),
  alg: Type.String(),
})

export type EntryView = Static<typeof EntryView>

export const EntryPage = Type.Object({ items: Type.Array(EntryView), total: Type.Integer() })
export type EntryPage = Static<typeof EntryPage>

export const VerifyReply = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  head: Type.Optional(Type.String()),
  firstBadSeq: Type.Optional(Type.Integer()),
  problem: Type.Optional(Type.String()),
  checkpoint: Type.Optional(
    Type.Object({ treeSize: Type.Integer(), root: Type.String(), keyId: Type.String(), at: Type.String() }),
  ),
  foreignRows: Type.Optional(
    Type.Array(
      Type.Object({
        seq: Type.Integer(),
        hash: Type.String(),
        quarantinedAt: Type.Union([Type.String(), Type.Null()]),
      }),
      {
        description: 'issue 12: rows that are not entries of the chain, past the head or moved to quarantine',
      },
    ),
  ),
})
export type VerifyReply = Static<typeof VerifyReply>
