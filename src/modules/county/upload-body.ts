/**
 * An uploaded county export as the files of its folder (decisions §59): a JSON body is the
 * single-file export; a multipart/form-data body carries one part per file, its filename the
 * file's path in the export folder (`manifest.json`, `resources.xlsx`, `records/XS-0001.csv`).
 * A folder picked in a browser arrives under its own name (`xishan/manifest.json`): that top
 * folder is dropped. Files the reader does not read are left out, so they are not stored.
 */
import { AppError } from '../../shared/errors.js'

const TABLE = /^(departments|resources|items|grants)\.(json|csv|xlsx)$/
const RECORDS = /^records\/[^/]+\.(json|csv|xlsx)$/
/** Part names are paths, never used on a disk, but kept to what a folder of an export may hold. */
const SAFE_NAME = /^[^\\:*?"<>|\0]{1,200}$/

/** name → bytes of an export upload, or COUNTY_EXPORT_INVALID saying why not. */
export function uploadedFiles(contentType: string | undefined, body: Buffer): Map<string, Buffer> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (body.length === 0) {
    throw invalid('upload', 'empty body')
  }
  if (type === 'application/json') {
    return new Map([['export.json', body]])
  }
  if (type !== 'multipart/form-data') {
    throw invalid('upload', 'send application/json or multipart/form-data')
  }
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1]
  if (!boundary) {
    throw invalid('upload', 'multipart without a boundary')
  }
  return exportFiles(multipartFiles(body, boundary))
}

function invalid(file: string, reason: string): AppError {
  return new AppError('COUNTY_EXPORT_INVALID', { file, reason })
}

/** The file parts of a multipart body, by filename. */
export function multipartFiles(body: Buffer, boundary: string): Array<{ name: string; data: Buffer }> {
  const delimiter = Buffer.from(`--${boundary}`)
  const out: Array<{ name: string; data: Buffer }> = []
  let at = body.indexOf(delimiter)
  if (at < 0) {
    throw invalid('upload', 'no multipart part')
  }
  for (;;) {
    const start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') {
      return out
    }
    const headerEnd = body.indexOf('\r\n\r\n', start)
    const next = body.indexOf(delimiter, start)
    if (headerEnd < 0 || next < 0 || headerEnd > next) {
      throw invalid('upload', 'a multipart part is cut short')
    }
    const headers = body.subarray(start, headerEnd).toString('utf8')
    // The part's data ends with the CRLF that precedes the next delimiter.
    const data = body.subarray(headerEnd + 4, next - 2)
    const name = filenameOf(headers)
    if (name !== undefined) {
      out.push({ name, data })
    }
    at = next
  }
}

function filenameOf(headers: string): string | undefined {
  const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? ''
  const extended = /filename\*=UTF-8''([^;\r\n]+)/i.exec(disposition)?.[1]
  if (extended) {
    return decodeURIComponent(extended)
  }
  // Browsers send the UTF-8 name as it is, with `"` and line breaks percent-encoded.
  const plain = /filename="([^"]*)"/i.exec(disposition)?.[1]
  return plain === undefined || plain === '' ? undefined : plain.replace(/%22/g, '"')
}

/** The parts as an export folder: relative names with `/`, the common top folder dropped. */
function exportFiles(parts: Array<{ name: string; data: Buffer }>): Map<string, Buffer> {
  const names = parts.map((part) => part.name.replace(/\\/g, '/').replace(/^\/+/, ''))
  for (const name of names) {
    if (!SAFE_NAME.test(name) || name.split('/').some((step) => step === '..' || step === '.')) {
      throw invalid(name.slice(0, 200), 'not a file name of an export folder')
    }
  }
  const [first] = names
  const top = first?.includes('/') ? first.slice(0, first.indexOf('/') + 1) : ''
  const strip =
    top !== '' && top !== 'records/' && names.every((name) => name.startsWith(top)) ? top.length : 0
  const files = new Map<string, Buffer>()
  parts.forEach((part, i) => {
    const name = (names[i] ?? '').slice(strip)
    const single = parts.length === 1 && name.endsWith('.json')
    if (name === 'manifest.json' || TABLE.test(name) || RECORDS.test(name) || single) {
      if (files.has(name)) {
        throw invalid(name, 'the same file twice')
      }
      files.set(name, part.data)
    }
  })
  if (files.size === 0) {
    throw invalid('upload', 'no file of a county export')
  }
  return files
}
