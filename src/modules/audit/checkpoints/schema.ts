import { type Static, Type } from 'typebox'
import { PageQuery } from '../../../shared/schema.js'

const Hex = Type.String({ pattern: '^[0-9a-f]+$' })
const Size = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })

export const CheckpointView = Type.Object({
  treeSize: Type.Integer({ description: 'entries 1..treeSize are the leaves' }),
  root: Type.String({ description: 'hex SM3 RFC 6962 Merkle root over the entries’ chain hashes' }),
  headHash: Type.String({ description: 'chain hash of entry treeSize' }),
  at: Type.String(),
  keyId: Type.String({ description: 'SM3 of the signing public key' }),
  signature: Type.String({ description: 'hex DER SM2 signature (default signer ID) of the canonical JSON' }),
  hashAlg: Type.String(),
  sigAlg: Type.String(),
})

export const CheckpointQuery = Type.Object({
  latest: Type.Optional(Type.Boolean({ description: 'only the latest checkpoint' })),
  ...PageQuery,
})
export type CheckpointQuery = Static<typeof CheckpointQuery>

export const CheckpointPage = Type.Object({ items: Type.Array(CheckpointView), total: Type.Integer() })

export const SizeParams = Type.Object({ size: Size })

export const InclusionQuery = Type.Object({ seq: Size, treeSize: Size })
export const ConsistencyQuery = Type.Object({ from: Size, to: Size })

export const InclusionReply = Type.Object({
  seq: Type.Integer(),
  treeSize: Type.Integer(),
  leaf: Type.String({ description: 'the entry’s chain hash; the leaf hash is SM3(0x00 || its bytes)' }),
  proof: Type.Array(Hex),
  checkpoint: Type.Optional(CheckpointView),
})

export const ConsistencyReply = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  proof: Type.Array(Hex),
  checkpoint: Type.Optional(CheckpointView),
})

export const KeysReply = Type.Object({
  log: Type.String(),
  hashAlg: Type.String(),
  keys: Type.Array(Type.Object({ keyId: Type.String(), publicKey: Type.String(), algorithm: Type.String() })),
})
