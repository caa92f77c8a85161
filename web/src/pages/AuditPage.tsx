/** Page 9 (auditor): search the audit log, verify its SM3 hash chain, see who read one person's record. */
import { Alert, Button, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { audit } from '../api/endpoints'
import type { AuditEntry, VerifyReply } from '../api/types'
import { formatTime } from '../components/dates'
import { DeptName, useDepartments } from '../components/departments'
import { KeyReadersCard } from '../components/KeyReadersCard'
import { errorText } from '../components/notify'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

interface Filters {
  action?: string
  departmentId?: string
  afterSeq?: number
}

const PAGE_SIZE = 50

export function AuditPage() {
  const { t } = useI18n()
  const { list: departments } = useDepartments()
  const [filters, setFilters] = useState<Filters>({})
  const [page, setPage] = useState(1)
  const entries = useLoad(() => audit.entries({ ...filters, page, pageSize: PAGE_SIZE }), [filters, page])

  return (
    <>
      <VerifyBar />
      <KeyReadersCard />
      <Form<Filters>
        layout="inline"
        style={{ margin: '16px 0', rowGap: 8 }}
        onFinish={(values) => {
          setFilters({ ...values, action: values.action?.trim() || undefined })
          setPage(1)
        }}
      >
        <Form.Item name="action" label={t('audit.action')}>
          <Input data-testid="audit-action" placeholder="exchange.read" style={{ width: 200 }} allowClear />
        </Form.Item>
        <Form.Item name="departmentId" label={t('audit.department')}>
          <Select
            data-testid="audit-department"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 240 }}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="afterSeq" label={t('audit.afterSeq')}>
          <InputNumber min={0} style={{ width: 120 }} data-testid="audit-after-seq" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-search">
          {t('shared.search')}
        </Button>
      </Form>
      <Table<AuditEntry>
        data-testid="audit-entries"
        rowKey="seq"
        size="small"
        loading={entries.loading}
        dataSource={entries.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: entries.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        expandable={{
          expandedRowRender: (e) => (
            <Typography.Paragraph style={{ marginBottom: 0, fontFamily: 'monospace', fontSize: 12 }}>
              {t('audit.details')}: {describe(e.details)}
              <br />
              SM3: {e.hash}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 80 },
          { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v) },
          { title: t('audit.actor'), dataIndex: 'actor', width: 150 },
          {
            title: t('audit.department'),
            dataIndex: 'departmentId',
            render: (id: string | null) => <DeptName id={id} />,
          },
          { title: t('audit.action'), dataIndex: 'action', width: 200 },
          {
            title: t('audit.object'),
            key: 'object',
            ellipsis: true,
            render: (_, e) => (e.object ? `${e.objectType ?? ''} ${e.object}` : ''),
          },
        ]}
      />
    </>
  )
}

function VerifyBar() {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ reply?: VerifyReply; error?: string } | null>(null)
  const verify = async () => {
    setBusy(true)
    try {
      setResult({ reply: await audit.verify() })
    } catch (error) {
      setResult({ error: errorText(error, t) })
    } finally {
      setBusy(false)
    }
  }
  const reply = result?.reply
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => void verify()} loading={busy} data-testid="audit-verify">
        {t('audit.verify')}
      </Button>
      {reply?.ok ? (
        <Alert
          data-testid="verify-result"
          type="success"
          showIcon
          title={t('audit.chainOk', { entries: reply.entries })}
          description={`head: ${reply.head ?? ''}`}
        />
      ) : null}
      {reply && !reply.ok ? (
        <Alert
          data-testid="verify-result"
          type="error"
          showIcon
          title={t('audit.chainBad', { seq: reply.firstBadSeq ?? '?' })}
          description={reply.problem}
        />
      ) : null}
      {result?.error ? <Alert type="error" showIcon title={result.error} /> : null}
    </Space>
  )
}

/** Details are a small JSON object chosen by the server; shown as key: value pairs, not raw JSON. */
function describe(details: unknown): string {
  if (typeof details !== 'object' || details === null) {
    return details === undefined || details === null ? '—' : String(details)
  }
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join('; ')
}
