/**
 * The box `npm start` prints once listening (issue 15 item 5): where the portal is, the admin's
 * password when this start generated it, and where the demo accounts are. Printed last, so it is
 * not lost among the seed's and the logger's lines.
 */

export interface StartNotice {
  url: string
  /** Only on the start that generated it. */
  adminPassword?: string
  /** The demo accounts file, when there is one. */
  accountsFile?: string
}

export function formatStartNotice(notice: StartNotice): string {
  const lines = [`govshare is running: ${notice.url}`]
  if (notice.adminPassword !== undefined) {
    lines.push(
      '',
      'Sign in as admin with the generated password (change it after signing in):',
      `  ${notice.adminPassword}`,
    )
  }
  if (notice.accountsFile !== undefined) {
    lines.push(
      '',
      notice.adminPassword === undefined
        ? 'Demo accounts and passwords:'
        : 'It and the demo accounts are in:',
      `  ${notice.accountsFile}`,
    )
  }
  const width = Math.max(...lines.map(displayWidth))
  const row = (line: string) => `│ ${line}${' '.repeat(width - displayWidth(line))} │`
  return [`┌${'─'.repeat(width + 2)}┐`, ...lines.map(row), `└${'─'.repeat(width + 2)}┘`].join('\n')
}

/** Columns a terminal gives the text: CJK and full-width characters take two (paths may hold them). */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    width += isWide(code) ? 2 : 1
  }
  return width
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
}
