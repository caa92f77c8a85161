import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import type { PublishedItem } from '../../catalog/index.js'
import { parseCsv } from './csv-reader.js'
import type { SheetRow } from './file-rows.js'
import { type FileRecord, openRecordFile } from './files.js'
import { typedValue } from './typed-value.js'
import { readXlsxRows } from './xlsx-reader.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-files-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function rowsOf(...chunks: string[]): Promise<SheetRow[]> {
  const rows: SheetRow[] = []
  for await (const row of parseCsv(Readable.from(chunks))) {
    rows.push(row)
  }
  return rows
}

/** The text split into chunks of `size` characters: every boundary a real stream may cut at. */
function chunked(text: string, size: number): string[] {
  const chunks: string[] = []
  for (let i = 0; i < text.length; i += size) {
    chunks.push(text.slice(i, i + size))
  }
  return chunks
}

function item(name: string, dataType: PublishedItem['dataType'], extra: Partial<PublishedItem> = {}) {
  return { code: name, name, dataType, key: false, sensitivity: 'none', ...extra } satisfies PublishedItem
}

const ITEMS: PublishedItem[] = [
  item('编号', 'string', { key: true }),
  item('人数', 'integer'),
  item('金额', 'decimal'),
  item('在职', 'boolean'),
  item('日期', 'date'),
  item('时间', 'datetime'),
  item('备注', 'string'),
]

async function recordsOf(bytes: Buffer | string, format: 'csv' | 'xlsx', items = ITEMS) {
  const file = await openRecordFile(Readable.from([Buffer.from(bytes)]), format, items)
  const records: FileRecord[] = []
  for await (const record of file.records) {
    records.push(record)
  }
  return { records, missingItems: file.missingItems }
}

describe('parseCsv (RFC 4180)', () => {
  const tricky =
    '\uFEFFa,b,c\r\n' +
    '"x, y","say ""hi""","line1\r\nline2"\r\n' +
    ',,\r\n' +
    'plain,"",tail\r\n' +
    'last,row,"no newline at the end"'

  it('reads quotes, doubled quotes, commas and line breaks in quoted fields, BOM, CRLF, empty cells', async () => {
    const rows = await rowsOf(tricky)
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['x, y', 'say "hi"', 'line1\r\nline2'] },
      { row: 4, cells: ['', '', ''] },
      { row: 5, cells: ['plain', '', 'tail'] },
      { row: 6, cells: ['last', 'row', 'no newline at the end'] },
    ])
  })

  it('gives the same records whatever the chunk boundaries', async () => {
    const whole = await rowsOf(tricky)
    for (const size of [1, 2, 3, 5, 7]) {
      expect(await rowsOf(...chunked(tricky, size))).toEqual(whole)
    }
  })

  it('takes LF and lone CR line ends, a trailing comma, and no record after the last line end', async () => {
    expect(await rowsOf('a,b\nc,\rd,e\n')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['c', ''] },
      { row: 3, cells: ['d', 'e'] },
    ])
    expect(await rowsOf('')).toEqual([])
    expect(await rowsOf('\uFEFF')).toEqual([])
  })

  it('keeps a stray quote inside an unquoted field as text, as Excel does', async () => {
    expect(await rowsOf('5" disk,x\n')).toEqual([{ row: 1, cells: ['5" disk', 'x'] }])
  })

  it('reports text after a closing quote and an unclosed quote, with the line they start on', async () => {
    const rows = await rowsOf('h\n"ok"x,1\nfine\n"open\nnever closed')
    expect(rows[0]).toEqual({ row: 1, cells: ['h'] })
    expect(rows[1]).toMatchObject({ row: 2, problem: 'text after the closing quote of a field' })
    expect(rows[2]).toEqual({ row: 3, cells: ['fine'] })
    expect(rows[3]).toMatchObject({ row: 4, problem: expect.stringContaining('not closed') })
  })
})

describe('typedValue', () => {
  it('types text by the item and leaves what does not parse for validateRecord to refuse', () => {
    expect(typedValue(item('n', 'integer'), ' 42 ')).toBe(42)
    expect(typedValue(item('n', 'integer'), '4x')).toBe('4x')
    expect(typedValue(item('n', 'decimal'), '-3.25')).toBe(-3.25)
    expect(typedValue(item('b', 'boolean'), '是')).toBe(true)
    expect(typedValue(item('b', 'boolean'), 'FALSE')).toBe(false)
    expect(typedValue(item('b', 'boolean'), 'maybe')).toBe('maybe')
    expect(typedValue(item('d', 'date'), '2026/1/5')).toBe('2026-01-05')
    expect(typedValue(item('d', 'date'), 46027)).toBe('2026-01-05')
    expect(typedValue(item('d', 'date'), new Date(Date.UTC(2026, 0, 5)))).toBe('2026-01-05')
    expect(typedValue(item('t', 'datetime'), '2026-01-05 09:30')).toBe('2026-01-05T09:30+08:00')
    expect(typedValue(item('t', 'datetime'), new Date(Date.UTC(2026, 0, 5, 9, 30)))).toBe(
      '2026-01-05T09:30:00+08:00',
    )
    expect(typedValue(item('s', 'string'), 19900000001)).toBe('19900000001')
    expect(typedValue(item('s', 'string'), '')).toBeNull()
    expect(typedValue(item('s', 'string'), ' kept as is ')).toBe(' kept as is ')
  })
})

describe('openRecordFile', () => {
  it('types a CSV by the header, numbers rows and records, and names the items it lacks', async () => {
    const csv = '编号,人数,金额,在职,日期\nA1,3,1.5,是,2026-01-05\n\nA2,,,,\n'
    const { records, missingItems } = await recordsOf(csv, 'csv')
    expect(missingItems).toEqual(['时间', '备注'])
    expect(records).toEqual([
      { row: 2, ordinal: 1, values: { 编号: 'A1', 人数: 3, 金额: 1.5, 在职: true, 日期: '2026-01-05' } },
      { row: 4, ordinal: 2, values: { 编号: 'A2', 人数: null, 金额: null, 在职: null, 日期: null } },
    ])
  })

  it('reports a row of another width than the header (a line break outside quotes)', async () => {
    const { records } = await recordsOf('编号,备注\nA1,broken\nline\nA3,x,y\n', 'csv')
    expect(records[0]?.problem).toBeUndefined()
    expect(records[1]).toMatchObject({ row: 3, problem: { reason: '1 fields where the header has 2' } })
    expect(records[2]).toMatchObject({ row: 4, problem: { reason: '3 fields where the header has 2' } })
  })

  it('refuses a header with an unknown, doubled or missing key column', async () => {
    for (const header of ['编号,不存在', '编号,备注,备注', '备注', '编号,,备注']) {
      await expect(recordsOf(`${header}\nx\n`, 'csv')).rejects.toMatchObject({
        code: 'EXCHANGE_FILE_HEADER_INVALID',
      })
    }
    await expect(recordsOf('\n\n', 'csv')).rejects.toMatchObject({ code: 'EXCHANGE_FILE_HEADER_INVALID' })
  })

  it('refuses text that is not UTF-8 (a GB18030 export)', async () => {
    const gb = Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x0a]) // 编号 in GB18030
    await expect(recordsOf(gb, 'csv')).rejects.toMatchObject({ code: 'EXCHANGE_FILE_UNREADABLE' })
  })

  it('reads the first tab of a workbook: text, rich text, numbers, dates, formulas, booleans', async () => {
    const book = new ExcelJS.Workbook()
    const data = book.addWorksheet('数据')
    book.addWorksheet('说明').addRow(['not data'])
    data.addRow(['编号', '人数', '日期', '时间', '在职', '备注'])
    data.addRow([
      'A1',
      7,
      new Date(Date.UTC(2026, 0, 5)),
      new Date(Date.UTC(2026, 0, 5, 9, 30)),
      true,
      { richText: [{ text: '富' }, { text: '文本' }] },
    ])
    data.addRow(['A2', { formula: '1+1', result: 2 }, null, null, false, 'x'])
    const { records } = await recordsOf(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx')
    expect(records.map((r) => [r.row, r.values])).toEqual([
      [
        2,
        {
          编号: 'A1',
          人数: 7,
          日期: '2026-01-05',
          时间: '2026-01-05T09:30:00+08:00',
          在职: true,
          备注: '富文本',
        },
      ],
      [3, { 编号: 'A2', 人数: 2, 日期: null, 时间: null, 在职: false, 备注: 'x' }],
    ])
  })

  it('reads a workbook written by the streaming writer (strings inline, sheet before the rest)', async () => {
    const file = path.join(dir, 'stream.xlsx')
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false })
    const sheet = writer.addWorksheet('d')
    sheet.addRow(['编号', '人数']).commit()
    for (let i = 1; i <= 300; i++) {
      sheet.addRow([`K${i}`, i]).commit()
    }
    await writer.commit()
    const rows: SheetRow[] = []
    for await (const row of readXlsxRows(fs.createReadStream(file))) {
      rows.push(row)
    }
    expect(rows).toHaveLength(301)
    expect(rows[300]).toEqual({ row: 301, cells: ['K300', 300] })
  })

  it('names an Excel error cell as the row problem, and a file that is no workbook as unreadable', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('d')
    sheet.addRow(['编号', '人数'])
    sheet.addRow(['A1', { error: '#N/A' }])
    const { records } = await recordsOf(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx')
    expect(records[0]?.problem?.reason).toContain('#N/A')
    await expect(recordsOf('编号\nA1\n', 'xlsx')).rejects.toMatchObject({ code: 'EXCHANGE_FILE_UNREADABLE' })
  })
})
