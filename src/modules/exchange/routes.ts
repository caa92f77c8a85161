import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../http/auth.js'
import { FileReply, sendFile } from '../../http/files.js'
import { AppError } from '../../shared/errors.js'
import { bearer, errorResponses, IdParams } from '../../shared/schema.js'
import type { ExchangeModule } from './index.js'
import { keyReadersRoutes } from './key-readers/routes.js'
import {
  AccessLogReply,
  BatchReply,
  ExportQuery,
  IngestBody,
  IngestReply,
  KeysBody,
  ListQuery,
  ListReply,
  ReadQuery,
  ReadReply,
  RecordParams,
  SettingsBody,
  SettingsView,
  VerifyBody,
  VerifyReply,
} from './schema.js'

const tags = ['exchange']

export const exchangeRoutes: FastifyPluginAsyncTypebox<{ exchange: ExchangeModule }> = async (
  app,
  { exchange },
) => {
  await app.register(keyReadersRoutes, { exchange })

  app.post(
    '/exchange/resources/:id/records',
    {
      schema: {
        tags,
        summary: 'Load records (upsert by key, merge or replace, all or nothing): the providing department',
        description:
          'Upserts by the key item(s). `mode` "merge" (default): an item left out of a record keeps its ' +
          'stored value, an explicit null clears it, a new record stores null for it. `mode` "replace": ' +
          'every item of the resource is required in every record, or 400 EXCHANGE_INVALID_RECORD ' +
          '{index, item, reason}. One bad record stores nothing of the batch. `sourceChangedAt` more ' +
          'than 5 minutes ahead of the platform clock: 400 EXCHANGE_SOURCE_TIME_IN_FUTURE; left out, ' +
          'the records are marked "change time not declared" (Art. 18), which counts against update timeliness.',
        security: bearer,
        params: IdParams,
        body: IngestBody,
        response: { 200: IngestReply, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => exchange.ingest.ingest(actorOf(req), req.params.id, req.body),
  )

  app.post(
    '/exchange/resources/:id/records/delete',
    {
      schema: {
        tags,
        summary: 'Delete records by key (kept in history)',
        security: bearer,
        params: IdParams,
        body: Type.Object({ keys: KeysBody.properties.keys }),
        response: {
          200: Type.Object({ deleted: Type.Integer(), missing: Type.Array(Type.String()) }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => exchange.ingest.deleteRecords(actorOf(req), req.params.id, req.body.keys),
  )

  app.get(
    '/exchange/resources/:id/records/:key',
    {
      schema: {
        tags,
        summary: 'One record by key under a live grant: granted items only, personal items masked',
        security: bearer,
        params: RecordParams,
        querystring: ReadQuery,
        response: { 200: ReadReply, ...errorResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (req) =>
      exchange.query.readByKey(actorOf(req), req.params.id, req.params.key, {
        ...req.query,
        access: req.access,
      }),
  )

  app.get(
    '/exchange/resources/:id/records',
    {
      schema: {
        tags,
        summary:
          'A page of records under a live bulk grant, optionally filtered (lookup and verify grants: 403)',
        security: bearer,
        params: IdParams,
        querystring: ListQuery,
        response: { 200: ListReply, ...errorResponses(400, 401, 403, 429, 503) },
      },
    },
    async (req) =>
      exchange.query.list(actorOf(req), req.params.id, {
        grantId: req.query.grantId,
        caseRef: req.query.caseRef,
        access: req.access,
        page: req.query.page ?? 1,
        pageSize: Math.min(req.query.pageSize ?? 50, 500),
        filters: parseFilters(req.query.filters),
      }),
  )

  app.post(
    '/exchange/resources/:id/records/batch',
    {
      schema: {
        tags,
        summary: 'Records by key in one call: up to 20 under a lookup grant, 1 000 under bulk',
        security: bearer,
        params: IdParams,
        body: KeysBody,
        response: { 200: BatchReply, ...errorResponses(400, 401, 403, 429, 503) },
      },
    },
    async (req) =>
      exchange.query.readBatch(actorOf(req), req.params.id, req.body.keys, {
        grantId: req.body.grantId,
        caseRef: req.body.caseRef,
        access: req.access,
      }),
  )

  app.post(
    '/exchange/resources/:id/verify',
    {
      schema: {
        tags,
        summary:
          'Verify (核验) values held against the record: match / no match per item, never a stored value; any grant',
        security: bearer,
        params: IdParams,
        body: VerifyBody,
        response: { 200: VerifyReply, ...errorResponses(400, 401, 403, 429, 503) },
      },
    },
    async (req) =>
      exchange.verify.verify(actorOf(req), req.params.id, req.body.checks, {
        grantId: req.body.grantId,
        caseRef: req.body.caseRef,
        access: req.access,
      }),
  )

  app.get(
    '/exchange/resources/:id/export',
    {
      schema: {
        tags,
        summary: 'Every record a bulk grant may read, filtered, as CSV (UTF-8 with BOM); masked like a page',
        security: bearer,
        params: IdParams,
        querystring: ExportQuery,
        produces: ['text/csv'],
        response: { 200: FileReply, ...errorResponses(400, 401, 403, 429, 503) },
      },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await exchange.exports.exportRecords(actorOf(req), req.params.id, {
          grantId: req.query.grantId,
          caseRef: req.query.caseRef,
          access: req.access,
          filters: parseFilters(req.query.filters),
        }),
      ),
  )

  app.get(
    '/exchange/resources/:id/settings',
    {
      schema: {
        tags,
        summary:
          "The resource's exchange settings: default daily budget, caseRef rule (its provider, the bureau)",
        security: bearer,
        params: IdParams,
        response: { 200: SettingsView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => exchange.settings.getSettings(actorOf(req), req.params.id),
  )

  app.put(
    '/exchange/resources/:id/settings',
    {
      schema: {
        tags,
        summary: "Set the resource's exchange settings (its provider's dept_admin or cataloger, the bureau)",
        security: bearer,
        params: IdParams,
        body: SettingsBody,
        response: { 200: SettingsView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => exchange.settings.updateSettings(actorOf(req), req.params.id, req.body),
  )

  app.get(
    '/exchange/resources/:id/access-log',
    {
      schema: {
        tags,
        summary: 'Who read this resource, under which grant and why (its provider, the bureau)',
        security: bearer,
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
        response: { 200: AccessLogReply, ...errorResponses(401, 404) },
      },
    },
    async (req) => ({
      items: await exchange.query.accessLog(actorOf(req), req.params.id, req.query.limit ?? 100),
    }),
  )
}

function parseFilters(raw: string | undefined): Record<string, string> {
  if (raw === undefined || raw === '') {
    return {}
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new AppError('VALIDATION_FAILED', { field: 'querystring.filters', reason: 'not JSON' })
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AppError('VALIDATION_FAILED', { field: 'querystring.filters', reason: 'not an object' })
  }
  return Object.fromEntries(Object.entries(parsed).map(([item, value]) => [item, String(value)]))
}
