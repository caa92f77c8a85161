import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses } from '../../shared/schema.js'
import type { ChainEntry } from './rules.js'
import { EntryPage, EntryQuery, VerifyReply } from './schema.js'
import type { AuditService } from './service.js'

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/audit/entries',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log entries in seq order (auditor, platform_admin)',
        security: bearer,
        querystring: EntryQuery,
        response: { 200: EntryPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const { entries, total } = await audit.listEntries(actorOf(req), {
        ...req.query,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      })
      return { items: entries.map(toView), total }
    },
  )

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Check the SM3 hash chain of the whole log',
        security: bearer,
        response: { 200: VerifyReply, ...errorResponses(401, 403) },
      },
    },
    async (req) => audit.verify(actorOf(req)),
  )
}

function toView(entry: ChainEntry) {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actorName ?? entry.actorType,
    actorType: entry.actorType,
    actorId: entry.actorId,
    departmentId: entry.departmentId,
    action: entry.action,
    object: entry.objectId,
    objectType: entry.objectType,
    details: JSON.parse(entry.details) as unknown,
    prevHash: entry.prevHash,
    hash: entry.hash,
    alg: entry.alg,
  }
}
