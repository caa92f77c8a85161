/** Address ranges as the server's parseCidr accepts them (the allowlist of an API client). */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** `a.b.c.d[/n]` or `x::y[/n]`, as the server's parseCidr accepts them. */
export function isCidr(text: string): boolean {
  const parts = text.split('/')
  if (parts.length > 2 || text.length < 2 || text.length > 64) {
    return false
  }
  const [address = '', prefix] = parts
  let max: number
  if (IPV4.test(address)) {
    max = 32
  } else if (address.includes(':') && isIpv6(address)) {
    max = 128
  } else {
    return false
  }
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max)
}

/** The browser's own URL parser knows IPv6 (no zone ids, which the server refuses too). */
function isIpv6(address: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(address)) {
    return false
  }
  try {
    new URL(`http://[${address}]/`)
    return true
  } catch {
    return false
  }
}
