/** Issue 12: the auditor's search of the audit log, by a record's key (POST: the key is in the body), and as a file. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../../http/auth.js'
import { FileReply, sendFile } from '../../../http/files.js'
import { languageOf } from '../../../shared/errors.js'
import { bearer, errorResponses } from '../../../shared/schema.js'
import {
  ActionCatalog,
  ByKeyBody,
  ExportQuery,
  ResourceMatches,
  ResourceQuery,
  SearchPage,
  SearchQuery,
} from './schema.js'
import type { AuditSearch } from './service.js'

const tags = ['audit']

export const auditSearchRoutes: FastifyPluginAsyncTypebox<{ search: AuditSearch }> = async (
  app,
  { search },
) => {
  app.get(
    '/audit/actions',
    {
      schema: {
        tags,
        summary: 'Every audit action with its zh-CN and en label and its category (auditor, platform_admin)',
        security: bearer,
        response: { 200: ActionCatalog, ...errorResponses(401, 403) },
      },
    },
    async (req) => search.actions(actorOf(req)),
  )

  app.get(
    '/audit/search',
    {
      schema: {
        tags,
        summary: 'Search the audit log, newest first, with names and labels (auditor, platform_admin)',
        description:
          'Days are Beijing-time dates, both included. `actor` matches a part of a username, client id, ' +
          'display name or client name. `resourceId` finds entries about the resource and about the grants ' +
          'and requests on it. `caseRef` is an exact case reference.',
        security: bearer,
        querystring: SearchQuery,
        response: { 200: SearchPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => search.search(actorOf(req), req.query, languageOf(req.headers['accept-language'])),
  )

  app.post(
    '/audit/search/by-key',
    {
      schema: {
        tags,
        summary:
          "Entries that read (or were refused) one record, by the record's plain key; the search is logged",
        security: bearer,
        body: ByKeyBody,
        response: { 200: SearchPage, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (req) => search.searchByKey(actorOf(req), req.body, languageOf(req.headers['accept-language'])),
  )

  app.get(
    '/audit/search/export',
    {
      schema: {
        tags,
        summary: 'The search as CSV or .xlsx (at most 50 000 entries); the export is logged',
        security: bearer,
        querystring: ExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: FileReply, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (req, reply) => {
      const file = await search.exportSearch(
        actorOf(req),
        req.query,
        languageOf(req.headers['accept-language']),
      )
      return sendFile(reply, file)
    },
  )

  app.get(
    '/audit/resources',
    {
      schema: {
        tags,
        summary: 'Resources of any status by a part of their name or code, to filter the log by',
        security: bearer,
        querystring: ResourceQuery,
        response: { 200: ResourceMatches, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => search.resources(actorOf(req), req.query.q),
  )
}
