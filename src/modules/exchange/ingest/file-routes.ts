import { Readable, Transform } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../../http/auth.js'
import { AppError } from '../../../shared/errors.js'
import { bearer, CSV_TYPE, errorResponses, IdParams, IsoTime } from '../../../shared/schema.js'
import type { ExchangeModule } from '../index.js'
import { FileIngestReply, IngestModeSchema } from '../schema.js'

const tags = ['exchange']

/** A department without the CLI sends a file at a time; beyond 50 MB it should use the CLI or the API. */
export const FILE_BODY_LIMIT = 50 * 1024 * 1024

const FileQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean()),
  skip: Type.Optional(Type.Integer({ minimum: 0 })),
  batchSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  sourceChangedAt: Type.Optional(IsoTime),
  mode: Type.Optional(IngestModeSchema),
})

/** Bulk CSV upload (Art. 9, 18): the body is streamed into the batches, never held whole. */
export const exchangeFileRoutes: FastifyPluginAsyncTypebox<{ exchange: ExchangeModule }> = async (
  app,
  { exchange },
) => {
  // This plugin's one route takes CSV only: the body stays a stream for importStream to read.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(CSV_TYPE, (_req, payload, done) => done(null, payload))

  app.post(
    '/exchange/resources/:id/records/file',
    {
      schema: {
        tags,
        summary: 'Load records from a CSV file (UTF-8, header row = item names), batch by batch',
        description:
          'Body: the CSV itself (text/csv, up to 50 MB). Each batch is all or nothing; the first bad ' +
          'record stops the import. 200 either way: `complete`, the batches stored before a problem, ' +
          '`problems` [{row, record, item, reason}] and `resumeSkip` for the next try. dryRun=true ' +
          'checks every row and stores nothing. mode=merge (default): items without a column (or ' +
          'left out) keep their stored values, an empty cell clears one; mode=replace: every item ' +
          'needs a column and a record missing one is a problem row.',
        security: bearer,
        consumes: [CSV_TYPE],
        params: IdParams,
        querystring: FileQuery,
        response: { 200: FileIngestReply, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (req) => {
      const actor = actorOf(req)
      const size = Number(req.headers['content-length'] ?? 0)
      if (size > FILE_BODY_LIMIT) {
        throw new AppError('PAYLOAD_TOO_LARGE', { limit: FILE_BODY_LIMIT })
      }
      if (!(req.body instanceof Readable)) {
        throw new AppError('EXCHANGE_FILE_UNREADABLE', { reason: 'no body' })
      }
      // Not pipeline(): a refusal must not destroy the request, or the reply never reaches the client.
      const stream = req.body.pipe(limitBytes(FILE_BODY_LIMIT))
      return exchange.files.importStream(actor, req.params.id, { stream, size, format: 'csv' }, req.query)
    },
  )
}

/** Passes bytes through and fails with PAYLOAD_TOO_LARGE past `limit` (chunked bodies have no length). */
function limitBytes(limit: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      done(seen > limit ? new AppError('PAYLOAD_TOO_LARGE', { limit }) : null, chunk)
    },
  })
}
