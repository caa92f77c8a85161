import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { ExportFile } from '../shared/export-file.js'

/** The OpenAPI shape of a file reply. */
export const FileReply = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' })

/** `inline` for a page the browser shows and prints (reports), `attachment` for a download. */
export function sendFile(
  reply: FastifyReply,
  file: ExportFile,
  disposition: 'attachment' | 'inline' = 'attachment',
) {
  return reply
    .type(file.contentType)
    .header(
      'content-disposition',
      `${disposition}; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileNameZh)}`,
    )
    .send(file.body)
}
