/** Issue 11: what the data page's panels share: the grant, the read's context and how a refused read shows. */
import { Alert } from 'antd'
import { Value } from 'typebox/value'
import { QuotaDetails } from '../../../src/modules/exchange/schema'
import type { GrantView } from '../../../src/modules/sharing/schema'
import { ApiError } from '../api/client'
import { catalog, type ReadContext } from '../api/endpoints'
import { useI18n } from '../i18n'
import { formatTime } from './dates'
import { errorText } from './notify'
import { useLoad } from './use-load'

/** Hands a panel the read's context, or null (and the case field marked) when the case is missing. */
export type ContextOf = () => ReadContext | null

export interface PanelProps {
  grant: GrantView
  contextOf: ContextOf
  onError(error: unknown): void
}

/** A refused read; over the budget or suspended (429), with the day's use and when reads resume. */
export function ReadFailure({ error }: { error: unknown }) {
  const { t } = useI18n()
  const quota =
    error instanceof ApiError && error.status === 429 && Value.Check(QuotaDetails, error.details)
      ? error.details
      : undefined
  const lines: string[] = []
  if (quota?.used !== undefined && quota.dailyBudget !== undefined) {
    lines.push(t('data.quotaUsed', { used: quota.used, budget: quota.dailyBudget }))
  }
  if (quota?.resetAt) {
    lines.push(t('data.quotaReset', { time: formatTime(quota.resetAt) }))
  }
  return (
    <Alert
      data-testid={quota ? 'quota-error' : 'read-error'}
      type={quota ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 12 }}
      title={errorText(error, t)}
      description={lines.length > 0 ? lines.join('；') : undefined}
    />
  )
}

/**
 * The resource's key items (e.g. 公民身份号码) from its published items, and the key field's label
 * by their names: the generic word until they are loaded, or if they cannot be.
 */
export function useKeyItems(resourceId: string): { names: string[]; label: string } {
  const { t } = useI18n()
  const resource = useLoad(() => catalog.resource(resourceId), [resourceId], { quiet: true })
  const names = resource.data?.items.filter((item) => item.key).map((item) => item.name) ?? []
  return { names, label: names.length > 0 ? names.join(' + ') : t('data.key') }
}
