/**
 * The one way the portal talks to the API: bearer token from sessionStorage, Accept-Language from
 * the chosen language, and every failure turned into an ApiError carrying the server's stable code
 * and its already-translated message (never the raw JSON).
 */
import type { LoginReply } from '../../../src/modules/org/schema'

export type Lang = 'zh-CN' | 'en'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The server's stable code, or NETWORK / HTTP_<status> when the reply was not ours. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The portal's session is what signing in answered (token, expiry, user, second factor). */
export type Session = LoginReply

const SESSION_KEY = 'govshare.session'
let language: Lang = 'zh-CN'
/** Empty in the browser (same origin); a test running the portal's API code in Node sets the server. */
let apiBase = ''
let sessionExpired: () => void = () => {}

export function setApiLanguage(lang: Lang): void {
  language = lang
}

export function setApiBase(origin: string): void {
  apiBase = origin
}

/** Called once by the session provider: a 401 on a signed-in call ends the portal session. */
export function onSessionExpired(handler: () => void): void {
  sessionExpired = handler
}

export function loadSession(): Session | null {
  const text = sessionStorage.getItem(SESSION_KEY)
  if (text === null) {
    return null
  }
  try {
    const session = JSON.parse(text) as Session
    return Date.parse(session.expiresAt) > Date.now() ? session : null
  } catch {
    return null
  }
}

export function saveSession(session: Session | null): void {
  if (session === null) {
    sessionStorage.removeItem(SESSION_KEY)
  } else {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session))
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>

export interface RequestOptions {
  query?: Query
  /** A JSON body. */
  json?: unknown
  /** A binary body (Excel import). */
  binary?: { data: ArrayBuffer; type: string }
  /** A multipart body (a county export's files); the browser sets its content type and boundary. */
  form?: FormData
}

function urlFor(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value))
    }
  }
  const text = params.toString()
  return `${apiBase}/api/v1${path}${text ? `?${text}` : ''}`
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': language }
  const session = loadSession()
  if (session) {
    headers.authorization = `Bearer ${session.token}`
  }
  let body: BodyInit | undefined
  if (options.binary) {
    headers['content-type'] = options.binary.type
    body = options.binary.data
  } else if (options.form) {
    body = options.form
  } else if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  let response: Response
  try {
    response = await fetch(urlFor(path, options.query), { method, headers, body })
  } catch {
    throw new ApiError(0, 'NETWORK', '')
  }
  if (!response.ok) {
    const error = await errorOf(response)
    if (error.status === 401 && session && !path.startsWith('/auth/')) {
      saveSession(null)
      sessionExpired()
    }
    throw error
  }
  return response
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body: unknown = await response.json()
    if (isErrorBody(body)) {
      return new ApiError(response.status, body.error.code, body.error.message, body.error.details)
    }
  } catch {
    // Not our JSON (a proxy's HTML page, an empty 501): the UI words it from the status.
  }
  return new ApiError(response.status, `HTTP_${response.status}`, '')
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) {
    return false
  }
  const error = body.error
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options)
  if (response.status === 204) {
    return undefined as T // a 204 has no body; callers of such routes type T as void
  }
  return (await response.json()) as T
}

export async function apiBlob(path: string, query?: Query): Promise<Blob> {
  return (await send('GET', path, { query })).blob()
}

/** A file answered to a POST (a report whose input must not sit in a URL). */
export async function apiBlobPost(path: string, json: unknown): Promise<Blob> {
  return (await send('POST', path, { json })).blob()
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', path, { query })
export const post = <T>(path: string, json: unknown = {}) => api<T>('POST', path, { json })
export const put = <T>(path: string, json: unknown) => api<T>('PUT', path, { json })
export const del = <T>(path: string) => api<T>('DELETE', path)
