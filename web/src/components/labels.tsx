/** Coloured tags for the statuses and share types that recur across pages. */
import { Tag } from 'antd'
import { useI18n } from '../i18n'

const COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  published: 'success',
  withdrawn: 'default',
  pending: 'processing',
  overdue: 'error',
  granted: 'success',
  rejected: 'error',
  disputed: 'warning',
  live: 'success',
  expired: 'default',
  revoked: 'error',
  unconditional: 'green',
  conditional: 'gold',
  none: 'default',
  due: 'processing',
  met: 'success',
  open: 'warning',
  resolved: 'success',
  verify: 'green',
  lookup: 'blue',
  bulk: 'orange',
  issued: 'processing',
  escalated: 'error',
  responded: 'warning',
  closed: 'default',
  missing: 'default',
  up: 'success',
  down: 'error',
  unknown: 'default',
  delivered: 'success',
  dead: 'error',
  discarded: 'default',
  sending: 'processing',
  refused: 'error',
}

export function EnumTag({ kind, value }: { kind: string; value: string | null | undefined }) {
  const { label } = useI18n()
  if (!value) {
    return null
  }
  return <Tag color={COLORS[value] ?? 'default'}>{label(kind, value)}</Tag>
}
