/** Pieces of the printable HTML reports (evaluation, person access report): escaped, no scripts. */

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** A table row of escaped cells; `tags` name each cell's tag, the last one repeating (e.g. th, td). */
export function htmlRow(cells: readonly string[], tags: readonly string[] = ['td']): string {
  const tag = (i: number) => tags[Math.min(i, tags.length - 1)] ?? 'td'
  return `<tr>${cells.map((cell, i) => `<${tag(i)}>${escapeHtml(cell)}</${tag(i)}>`).join('')}</tr>`
}
