/**
 * What counts as English in the zh-CN portal and as a raw field name in an error (issue 15). The
 * allowed words are abbreviations Chinese staff use as such, the language switch, and demo values.
 */

/** Words written in Latin letters on purpose in the Chinese portal. */
export const ALLOWED_WORDS = new Set([
  'API',
  'ID',
  'SM2',
  'SM3',
  'SM4',
  'Excel',
  'CSV',
  'JSON',
  'URL',
  'XLSX',
  'HTML',
  'English',
  'IP',
  'CIDR',
  'TOTP',
  'MFA',
  'Key',
  'HMAC',
])

/**
 * Tokens that are data, not words: logins (amr_consumer, admin…), codes (USCC, resource and
 * item codes), ids, version tags (v1), hashes, e-mail addresses and host names.
 */
function isDataValue(token: string): boolean {
  return (
    /\d/.test(token) ||
    /[_.@:/-]/.test(token) ||
    /^[A-Z0-9]{2,}$/.test(token) ||
    /^(admin|auditor|reviewer|security)$/.test(token)
  )
}

/** Latin words of a page's text that are neither allowed abbreviations nor data values. */
export function englishWords(text: string): string[] {
  const words = new Set<string>()
  for (const token of text.split(/[\s，。、；：（）()「」“”《》【】,;!?·|]+/)) {
    if (!/[A-Za-z]{2,}/.test(token) || isDataValue(token)) {
      continue
    }
    for (const word of token.match(/[A-Za-z]{2,}/g) ?? []) {
      if (!ALLOWED_WORDS.has(word)) {
        words.add(word)
      }
    }
  }
  return [...words]
}

/** camelCase or snake_case identifiers in an error message: a field name the user never sees as such. */
export function rawFieldNames(errors: string): string[] {
  return [...new Set(errors.match(/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b|\b[a-z]+_[a-z_]+\b/g) ?? [])]
}
