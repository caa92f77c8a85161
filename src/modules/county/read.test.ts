/**
 * Decisions §59: an export uploaded over HTTP reads as the same folder on disk does (the same
 * digest, so the portal and the CLI name one export alike), and a multipart body becomes the
 * folder's files: a browser's top folder dropped, other files left out, a path out of it refused.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { countyExportFiles, exportForm } from '../../../test/support/county-kit.js'
import { readCountyExport, readCountyUpload } from './read.js'
import { exportDigest } from './service.js'
import { uploadedFiles } from './upload-body.js'

const PLACES = { county: { code: 'C1', name: '西山区' }, departments: ['D1', 'D2'] as [string, string] }

/** The form as the bytes and content type a browser would send. */
async function encoded(form: FormData) {
  const request = new Request('http://localhost/', { method: 'POST', body: form })
  return {
    contentType: request.headers.get('content-type') ?? '',
    body: Buffer.from(await request.arrayBuffer()),
  }
}

describe('county export upload', () => {
  it('reads an upload as the same folder on disk: rows, Excel cells and digest', async () => {
    const files = await countyExportFiles(PLACES)
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'county-read-'))
    try {
      for (const [name, data] of files) {
        fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true })
        fs.writeFileSync(path.join(folder, name), data)
      }
      const fromDisk = await readCountyExport(folder)
      const { contentType, body } = await encoded(exportForm(files))
      const fromUpload = await readCountyUpload(uploadedFiles(contentType, body))
      expect(fromUpload).toEqual(fromDisk)
      expect(exportDigest(fromUpload)).toBe(exportDigest(fromDisk))
      expect(fromUpload.records.find((r) => r.resourceCode === 'XS-0002')?.rows).toHaveLength(3)
    } finally {
      fs.rmSync(folder, { recursive: true, force: true })
    }
  })

  it('drops the top folder and files an export does not hold; refuses a path out of the folder', async () => {
    const files = await countyExportFiles(PLACES)
    const form = exportForm(files)
    form.append('files', new Blob(['notes']), 'xishan-export/README.txt')
    const { contentType, body } = await encoded(form)
    expect([...uploadedFiles(contentType, body).keys()].sort()).toEqual([...files.keys()].sort())

    const escaping = new FormData()
    escaping.append('files', new Blob(['{}']), '../manifest.json')
    const bad = await encoded(escaping)
    expect(() => uploadedFiles(bad.contentType, bad.body)).toThrow(
      expect.objectContaining({ code: 'COUNTY_EXPORT_INVALID' }),
    )
    expect(() => uploadedFiles('text/csv', Buffer.from('a,b'))).toThrow(
      expect.objectContaining({ code: 'COUNTY_EXPORT_INVALID' }),
    )
  })

  it('takes one JSON file as the single-file export', async () => {
    const single = { county: PLACES.county, resources: [], records: {} }
    const read = await readCountyUpload(
      uploadedFiles('application/json', Buffer.from(JSON.stringify(single))),
    )
    expect(read.county).toEqual(PLACES.county)
  })
})
