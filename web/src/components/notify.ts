/** API errors as readable, translated messages (the server already words them per Accept-Language). */
import { App } from 'antd'
import { useCallback } from 'react'
import { ApiError } from '../api/client'
import { type Translate, useI18n } from '../i18n'

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
  return field ? `${error.message}${t('error.field', { field })}` : error.message
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
