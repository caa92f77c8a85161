/** API errors as readable, translated messages (the server already words them per Accept-Language). */
import { App } from 'antd'
import { useCallback } from 'react'
import { ApiError } from '../api/client'
import { type MessageKey, type Translate, useI18n } from '../i18n'
import { zh } from '../i18n/zh'

export function errorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    return t('error.unexpected')
  }
  if (error.code === 'NETWORK') {
    return t('error.network')
  }
  if (error.message === '') {
    return t('error.http', { status: error.status })
  }
  const field = fieldOf(error.details)
  const name = field === undefined ? undefined : fieldLabelKey(field)
  // A field is named as people read it; a name with no label is left out rather than shown raw.
  return name ? `${error.message}${t('error.field', { field: t(name) })}` : error.message
}

/** The label key of a field path (`items/0/name` → field.name), if the portal has one. */
function fieldLabelKey(field: string): MessageKey | undefined {
  const last = field
    .split(/[./]/)
    .filter((part) => part !== '' && !/^\d+$/.test(part))
    .pop()
  const key = `field.${last}`
  return key in zh ? (key as MessageKey) : undefined
}

/** The failing field named in details, without the 'body.' prefix the server adds for schema errors. */
export function fieldOf(details: unknown): string | undefined {
  if (
    typeof details === 'object' &&
    details !== null &&
    'field' in details &&
    typeof details.field === 'string'
  ) {
    return details.field.replace(/^(body|querystring|params)\./, '')
  }
  return undefined
}

/** The failing field of an API error, if it names one. */
export function errorField(error: unknown): string | undefined {
  return error instanceof ApiError ? fieldOf(error.details) : undefined
}

/** Returns a function that shows any error as an antd message toast. */
export function useReportError(): (error: unknown) => void {
  const { message } = App.useApp()
  const { t } = useI18n()
  return useCallback((error: unknown) => void message.error(errorText(error, t)), [message, t])
}
