/**
 * Checkpoints and proofs (issue 12). They carry hashes only, no personal data: any signed-in
 * caller (a user of any role or an API client, e.g. the audit bureau's witness) may read
 * checkpoints and consistency proofs; inclusion proofs, which point at one entry, are for those
 * who read entries (`audit.read`: the auditor). The public keys are published without sign-in.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../../http/auth.js'
import { bearer, errorResponses } from '../../../shared/schema.js'
import type { AuditService } from '../service.js'
import {
  CheckpointPage,
  CheckpointQuery,
  CheckpointView,
  ConsistencyQuery,
  ConsistencyReply,
  InclusionQuery,
  InclusionReply,
  KeysReply,
  SizeParams,
} from './schema.js'

export const checkpointRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (
  app,
  { audit },
) => {
  const checkpoints = audit.checkpoints
  app.get(
    '/audit/checkpoints',
    {
      schema: {
        tags: ['audit'],
        summary: 'Signed checkpoints of the audit log, newest first (any signed-in caller)',
        security: bearer,
        querystring: CheckpointQuery,
        response: { 200: CheckpointPage, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      actorOf(req)
      return checkpoints.page({
        latest: req.query.latest,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      })
    },
  )

  app.get(
    '/audit/checkpoints/:size',
    {
      schema: {
        tags: ['audit'],
        summary: 'The signed checkpoint of one tree size',
        security: bearer,
        params: SizeParams,
        response: { 200: CheckpointView, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => {
      actorOf(req)
      return checkpoints.get(req.params.size)
    },
  )

  app.get(
    '/audit/proofs/inclusion',
    {
      schema: {
        tags: ['audit'],
        summary: 'RFC 6962 inclusion proof of entry seq in the tree of treeSize (auditor)',
        security: bearer,
        querystring: InclusionQuery,
        response: { 200: InclusionReply, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => checkpoints.inclusionProofFor(actorOf(req), req.query.seq, req.query.treeSize),
  )

  app.get(
    '/audit/proofs/consistency',
    {
      schema: {
        tags: ['audit'],
        summary: 'RFC 6962 consistency proof that the tree of `to` extends the tree of `from`',
        security: bearer,
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyReply, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      actorOf(req)
      return checkpoints.consistencyProof(req.query.from, req.query.to)
    },
  )
}

/** At the site root, no sign-in: a witness or anyone checks signatures with these keys. */
export const auditKeyRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/.well-known/govshare-audit-keys.json',
    {
      schema: {
        tags: ['audit'],
        summary: 'SM2 public keys of audit checkpoints',
        response: { 200: KeysReply },
      },
    },
    async () => ({ log: 'govshare-audit/v1', hashAlg: 'SM3', keys: audit.checkpoints.publicKeys() }),
  )
}
