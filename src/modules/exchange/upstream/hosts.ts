/** Which addresses the gateway may call (GOVSHARE_UPSTREAM_HOSTS), and an endpoint URL checked. */
import { AppError } from '../../../shared/errors.js'

/** http(s) only, no credentials, query or fragment in the URL (the key is appended as a path segment). */
export function checkUrl(raw: string, allowedHosts: readonly string[]): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new AppError('VALIDATION_FAILED', { field: 'body.url', reason: 'not a URL' })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('VALIDATION_FAILED', { field: 'body.url', reason: 'http or https only' })
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'body.url',
      reason: 'no credentials, query or fragment (use authHeader for credentials)',
    })
  }
  if (!isAllowedHost(url.hostname, allowedHosts)) {
    throw new AppError('EXCHANGE_UPSTREAM_HOST_NOT_ALLOWED', { field: 'body.url', host: url.hostname })
  }
  return url.toString()
}

/**
 * Whether the platform may call this host (GOVSHARE_UPSTREAM_HOSTS): without a list a provider
 * could point the gateway at any address the platform reaches (its database, cloud metadata).
 * Entries are exact host names or addresses, or `*.domain` for its subdomains.
 */
export function isAllowedHost(hostname: string, allowed: readonly string[]): boolean {
  const host = hostname.toLowerCase()
  return allowed.some((entry) => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) : host === entry))
}
