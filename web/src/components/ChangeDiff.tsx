/** A version's field-by-field changes: what it was (struck out) and what it became. */
import { Table, Typography } from 'antd'
import type { FieldChange } from '../../../src/modules/catalog/schema'
import { type MessageKey, useI18n } from '../i18n'

/** Field name → its label, and the vocabulary its values come from (if any). */
const FIELDS: Record<string, { label: MessageKey; kind?: string }> = {
  name: { label: 'resource.name' },
  summary: { label: 'resource.summary' },
  category: { label: 'resource.category', kind: 'category' },
  theme: { label: 'resource.theme', kind: 'theme' },
  format: { label: 'resource.format', kind: 'format' },
  shareType: { label: 'resource.shareType', kind: 'shareType' },
  shareCondition: { label: 'resource.shareCondition' },
  shareMethod: { label: 'resource.shareMethod', kind: 'shareMethod' },
  legalBasis: { label: 'resource.legalBasis' },
  updateCycle: { label: 'resource.updateCycle', kind: 'updateCycle' },
  zone: { label: 'resource.zone', kind: 'zone' },
  dataType: { label: 'item.dataType', kind: 'dataType' },
  key: { label: 'item.key' },
  sensitivity: { label: 'item.sensitivity', kind: 'sensitivity' },
  description: { label: 'item.description' },
}

export function ChangeDiff({ changes }: { changes: FieldChange[] }) {
  const { t, label } = useI18n()
  if (changes.length === 0) {
    return <Typography.Text type="secondary">{t('diff.none')}</Typography.Text>
  }
  // 'items.姓名.sensitivity' names an item by its name; other fields are resource metadata.
  const describe = (field: string) => {
    const [head = '', name, rest] = field.split('.')
    const own = head === 'items' ? rest : head
    const meta = own ? FIELDS[own] : undefined
    const fieldLabel = own ? (meta ? t(meta.label) : own) : ''
    const itemLabel = head === 'items' && name ? `${t('diff.item')}「${name}」` : ''
    return { text: [itemLabel, fieldLabel].filter(Boolean).join(' · '), kind: meta?.kind }
  }
  const show = (value: unknown, kind?: string): string => {
    if (value === null || value === undefined) {
      return '—'
    }
    if (typeof value === 'string') {
      return kind ? label(kind, value) : value
    }
    if (typeof value === 'boolean') {
      return value ? '✓' : '✗'
    }
    if (typeof value === 'object') {
      // A whole item added or removed: its attributes, labelled.
      return Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined && v !== '' && v !== false)
        .map(([k, v]) => {
          const meta = FIELDS[k]
          return `${meta ? t(meta.label) : k}: ${typeof v === 'object' ? JSON.stringify(v) : show(v, meta?.kind)}`
        })
        .join('；')
    }
    return String(value)
  }
  return (
    <Table<FieldChange>
      data-testid="change-diff"
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={changes}
      columns={[
        {
          title: t('diff.field'),
          dataIndex: 'field',
          width: 220,
          render: (field: string) => describe(field).text,
        },
        {
          title: t('diff.before'),
          dataIndex: 'before',
          render: (value: unknown, change) =>
            value === null ? (
              '—'
            ) : (
              <span style={{ background: '#fff1f0', textDecoration: 'line-through' }}>
                {show(value, describe(change.field).kind)}
              </span>
            ),
        },
        {
          title: t('diff.after'),
          dataIndex: 'after',
          render: (value: unknown, change) =>
            value === null ? (
              '—'
            ) : (
              <span style={{ background: '#f6ffed' }}>{show(value, describe(change.field).kind)}</span>
            ),
        },
      ]}
    />
  )
}
