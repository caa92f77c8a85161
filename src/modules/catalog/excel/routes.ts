import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../../http/auth.js'
import { AppError } from '../../../shared/errors.js'
import { bearer, errorResponses } from '../../../shared/schema.js'
import type { CatalogService } from '../service.js'
import { ImportSummary } from './schema.js'
import { exportCatalogWorkbook, importCatalogWorkbook, XLSX_TYPE } from './service.js'

const tags = ['catalog']

/** A department's whole catalog in one workbook is a few MB at most; 20 MB leaves room for images. */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024

const Workbook = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: XLSX_TYPE })

/** Excel import and export of the signed-in department's catalog. */
export const catalogExcelRoutes: FastifyPluginAsyncTypebox<{ catalog: CatalogService }> = async (
  app,
  deps,
) => {
  const { catalog } = deps
  // This plugin's routes take workbooks only: a JSON body here is a 415, not a parse attempt.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    [XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  )

  app.post(
    '/catalog/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Import an Excel catalog (信息资源 + 信息项 sheets): all rows or none (cataloger)',
        description:
          'Body: the .xlsx file itself. A bad row → 400 CATALOG_IMPORT_INVALID with details.problems ' +
          '[{sheet,row,column,reason,code}] and nothing stored.',
        security: bearer,
        consumes: [XLSX_TYPE],
        response: { 200: ImportSummary, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (req) => {
      const actor = actorOf(req)
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new AppError('CATALOG_IMPORT_FILE_UNREADABLE')
      }
      return importCatalogWorkbook(catalog, actor, req.body)
    },
  )

  app.get(
    '/catalog/export',
    {
      schema: {
        tags,
        summary: "My department's catalog as an Excel file that imports back unchanged",
        security: bearer,
        produces: [XLSX_TYPE],
        response: { 200: Workbook, ...errorResponses(401) },
      },
    },
    async (req, reply) => {
      const { workbook } = await exportCatalogWorkbook(catalog, actorOf(req))
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="catalog.xlsx"; filename*=UTF-8''${encodeURIComponent('资源目录.xlsx')}`,
        )
        .send(workbook)
    },
  )
}
