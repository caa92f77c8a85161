/** Issue 12: audit entries as an auditor reads them: Beijing time, names, action labels; a row opens to its details. */
import { Descriptions, Table, Tag, Typography } from 'antd'
import type { SearchEntry } from '../../../src/modules/audit/search/schema'
import { useI18n } from '../i18n'
import { formatTime } from './dates'

const CATEGORY_COLORS: Record<string, string> = {
  account: 'blue',
  catalog: 'cyan',
  sharing: 'geekblue',
  exchange: 'green',
  quality: 'gold',
  supervision: 'purple',
  security: 'red',
  system: 'default',
}

export function AuditTable(props: {
  items: SearchEntry[]
  total: number
  loading: boolean
  page: number
  pageSize: number
  onPage(page: number): void
}) {
  const { t, label } = useI18n()
  return (
    <Table<SearchEntry>
      data-testid="audit-entries"
      rowKey="seq"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      locale={{ emptyText: t('audit.none') }}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        onChange: props.onPage,
        showSizeChanger: false,
        showTotal: (n) => t('audit.total', { n }),
      }}
      expandable={{ expandedRowRender: (e) => <EntryDetails entry={e} /> }}
      columns={[
        { title: '#', dataIndex: 'seq', width: 80 },
        {
          title: t('audit.beijingTime'),
          dataIndex: 'at',
          width: 150,
          render: (at: string) => formatTime(at),
        },
        {
          title: t('audit.actor'),
          key: 'actor',
          width: 200,
          render: (_, e) => (
            <>
              {e.actorName ?? e.actor}
              {e.actorName && e.actorName !== e.actor ? (
                <Typography.Text type="secondary"> {e.actor}</Typography.Text>
              ) : null}
              {e.actorType === 'client' ? (
                <Tag style={{ marginInlineStart: 6 }}>{t('audit.actorClient')}</Tag>
              ) : null}
            </>
          ),
        },
        {
          title: t('audit.department'),
          key: 'department',
          width: 170,
          render: (_, e) => e.departmentName ?? e.departmentId ?? '—',
        },
        {
          title: t('audit.action'),
          key: 'action',
          width: 230,
          render: (_, e) => (
            <>
              {e.category ? <Tag color={CATEGORY_COLORS[e.category]}>{e.categoryLabel}</Tag> : null}
              {e.actionLabel}
            </>
          ),
        },
        {
          title: t('audit.object'),
          key: 'object',
          render: (_, e) =>
            e.objectType === null ? (
              '—'
            ) : (
              <>
                <Typography.Text type="secondary">{label('objectType', e.objectType)} </Typography.Text>
                {e.objectName ?? e.objectId ?? ''}
              </>
            ),
        },
      ]}
    />
  )
}

function EntryDetails({ entry }: { entry: SearchEntry }) {
  const { t, label } = useI18n()
  const details = describe(entry.details)
  return (
    <Descriptions size="small" column={1} bordered data-testid="audit-entry-details">
      <Descriptions.Item label={t('audit.actionCode')}>
        <Typography.Text code>{entry.action}</Typography.Text>
      </Descriptions.Item>
      {entry.objectId ? (
        <Descriptions.Item label={t('audit.objectId')}>
          <Typography.Text copyable>{entry.objectId}</Typography.Text>
        </Descriptions.Item>
      ) : null}
      {details.map(([name, value, raw]) => {
        const named = label('auditDetail', name)
        // The log's own words, unlabelled keys and nested values alike, are shown as recorded (code),
        // not translated: an auditor compares them with the stored entry.
        return (
          <Descriptions.Item
            key={name}
            label={named === name ? <Typography.Text code>{name}</Typography.Text> : named}
          >
            {raw || named === name ? (
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {value}
              </Typography.Text>
            ) : (
              <span style={{ wordBreak: 'break-all' }}>{value}</span>
            )}
          </Descriptions.Item>
        )
      })}
      <Descriptions.Item label={t('audit.hash')}>
        <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{entry.hash}</Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  )
}

/**
 * Details are a small JSON object chosen by the server: one line per field; nested values and
 * booleans as JSON (raw: shown as code).
 */
function describe(details: unknown): Array<[string, string, boolean]> {
  if (typeof details !== 'object' || details === null) {
    return []
  }
  return Object.entries(details).map(([k, v]) => {
    const raw = (typeof v === 'object' && v !== null) || typeof v === 'boolean'
    return [k, raw ? JSON.stringify(v) : String(v), raw]
  })
}
