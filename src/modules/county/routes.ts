import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses } from '../../shared/schema.js'
import type { CountyImports, UploadBody } from './imports.js'
import { ApplyQuery, ApplyReply, ImportParams, ImportReport, ImportStatus } from './schema.js'

const tags = ['county']

/** A county's catalog with a few hundred thousand records; beyond that, the CLI reads the folder. */
export const COUNTY_UPLOAD_LIMIT = 64 * 1024 * 1024

const EXPORT_TYPES = ['multipart/form-data', 'application/json']

const BODY =
  'Body: the export as the CLI reads it — either the single-file JSON export (application/json), ' +
  'or multipart/form-data with one part per file of the export folder, its filename the path in ' +
  'the folder (manifest.json, resources.csv|json|xlsx, items.*, grants.*, departments.*, ' +
  'records/<resource code>.*; a common top folder is dropped).'

function bodyOf(request: { headers: Record<string, unknown>; body: unknown }): UploadBody {
  const type = request.headers['content-type']
  return {
    contentType: typeof type === 'string' ? type : undefined,
    body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  }
}

/** County platform migration over HTTP (Art. 21, decisions §59): upload → dry run, apply, status. */
export const countyRoutes: FastifyPluginAsyncTypebox<{ imports: CountyImports }> = async (
  app,
  { imports },
) => {
  // Exports stay bytes here: the kept copy is what was sent, and the reader parses it as the CLI does.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    EXPORT_TYPES,
    { parseAs: 'buffer', bodyLimit: COUNTY_UPLOAD_LIMIT },
    (_req, body, done) => done(null, body),
  )

  app.post(
    '/county/imports',
    {
      bodyLimit: COUNTY_UPLOAD_LIMIT,
      schema: {
        tags,
        summary:
          "Upload a county platform's export: its dry run, and the export kept for apply (system administrator)",
        description: `${BODY} Writes nothing but the log and the kept export; the reply is the plan: counts per entity and outcome, every refused row with its code and reason in both languages, every changed row with its fields. \`id\` is the SM3 digest of the export as read, \`planDigest\` that of the plan.`,
        security: bearer,
        consumes: EXPORT_TYPES,
        response: { 200: ImportReport, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (req) => imports.upload(actorOf(req), bodyOf(req)),
  )

  app.post(
    '/county/imports/:id/apply',
    {
      bodyLimit: COUNTY_UPLOAD_LIMIT,
      schema: {
        tags,
        summary: 'Apply the planned import, or resume it after an interruption (system administrator)',
        description:
          'Runs exactly the plan of the dry run, in batches, from the kept export. `plan`: the planDigest ' +
          'the person confirmed. The body may carry the export again (as for the upload): it must be the ' +
          'same export. Applied before: nothing runs (`repeated`). 409 COUNTY_EXPORT_CHANGED: another ' +
          'export under this id; 409 COUNTY_IMPORT_STALE: the platform changed since the dry run, so the ' +
          'plan would differ (upload again); 409 COUNTY_RUN_IN_PROGRESS: another export of the county is ' +
          'being migrated, or this run is being applied by another request.',
        security: bearer,
        consumes: EXPORT_TYPES,
        params: ImportParams,
        querystring: ApplyQuery,
        response: { 200: ApplyReply, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (req) =>
      imports.apply(actorOf(req), req.params.id, {
        ...(req.query.plan === undefined ? {} : { plan: req.query.plan }),
        again: bodyOf(req),
      }),
  )

  app.get(
    '/county/imports/:id',
    {
      schema: {
        tags,
        summary: "An uploaded export's state and its run's progress: batches done, cursor",
        security: bearer,
        params: ImportParams,
        response: { 200: ImportStatus, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => imports.status(actorOf(req), req.params.id),
  )
}
