/** CSV out (RFC 4180) for the exports: statistics, bulk record exports. */

/** A cell a spreadsheet would run as a formula gets a leading quote (CSV injection). */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) {
    return ''
  }
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** UTF-8 with a byte-order mark, so Excel opens Chinese correctly; CRLF as RFC 4180 says. */
export function csvBody(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): Buffer {
  const lines = rows.map((row) => row.map(csvCell).join(','))
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}
