/**
 * Page 6: use a grant of another department's resource, as the grant's access mode allows
 * (issue 11): verify values held (match / no match, every grant), read records by key (lookup and
 * bulk grants: only the granted items, masked as granted), browse pages and export CSV (bulk).
 * Every read names the case it serves (办件编号), which the log keeps.
 */

import {
  Alert,
  Button,
  Descriptions,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { Value } from 'typebox/value'
import {
  type ListReply,
  QuotaDetails,
  type ReadReply,
  type VerifyReply,
} from '../../../src/modules/exchange/schema'
import type { GrantView } from '../../../src/modules/sharing/schema'
import { ApiError } from '../api/client'
import { catalog, exchange, type ReadContext, sharing } from '../api/endpoints'
import { GrantLimits, modeAllows } from '../components/access-mode'
import { formatTime } from '../components/dates'
import { DeptName } from '../components/departments'
import { saveBlob } from '../components/download'
import { errorText } from '../components/notify'
import { ObjectionModal } from '../components/ObjectionModal'
import { useUser } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

type Outcome =
  | { kind: 'record'; reply: ReadReply; grant: GrantView; key: string }
  | { kind: 'none'; key: string }
  | { kind: 'unavailable' }
  | { kind: 'error'; error: unknown }

/** Hands a panel the read's context, or null (and the case field marked) when the case is missing. */
type ContextOf = () => ReadContext | null

export function DataPage() {
  const { t, label } = useI18n()
  const user = useUser()
  const grants = useLoad(() => sharing.grants('live'), [])
  const mine = (grants.data?.items ?? []).filter((g) => g.consumerId === user.departmentId)
  const [grantId, setGrantId] = useState<string>()
  const [caseRef, setCaseRef] = useState('')
  const [caseRefMissing, setCaseRefMissing] = useState(false)
  const grant = mine.find((g) => g.id === grantId)

  const contextOf: ContextOf = () => {
    const ref = caseRef.trim()
    if (!grant) {
      return null
    }
    if (ref === '') {
      setCaseRefMissing(true)
      return null
    }
    return { grantId: grant.id, caseRef: ref }
  }
  /** The server asked for the case after all (a panel's read failed with EXCHANGE_CASE_REF_REQUIRED). */
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'EXCHANGE_CASE_REF_REQUIRED') {
      setCaseRefMissing(true)
    }
  }

  const tabs = grant
    ? [
        {
          key: 'verify',
          label: t('data.tab.verify'),
          children: <VerifyPanel grant={grant} contextOf={contextOf} onError={onError} />,
        },
        ...(modeAllows(grant.accessMode, 'lookup')
          ? [
              {
                key: 'lookup',
                label: t('data.tab.lookup'),
                children: <LookupPanel grant={grant} contextOf={contextOf} onError={onError} />,
              },
            ]
          : []),
        ...(grant.accessMode === 'bulk'
          ? [
              {
                key: 'browse',
                label: t('data.tab.browse'),
                children: <BrowsePanel grant={grant} contextOf={contextOf} onError={onError} />,
              },
            ]
          : []),
      ]
    : []

  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('data.grant')}>
          <Select
            data-testid="grant-select"
            style={{ width: 420 }}
            loading={grants.loading}
            value={grantId}
            onChange={(v: string) => setGrantId(v)}
            placeholder={t('data.pickGrant')}
            notFoundContent={<Empty description={t('data.noGrants')} />}
            options={mine.map((g) => ({
              value: g.id,
              label: `${g.resourceName}（${label('accessMode', g.accessMode)} · ${g.items.length} ${t('data.itemsCount')}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t('data.caseRef')}
          required
          validateStatus={caseRefMissing ? 'error' : undefined}
          help={caseRefMissing ? t('data.caseRefRequired') : undefined}
        >
          <Input
            data-testid="case-ref"
            value={caseRef}
            maxLength={100}
            onChange={(e) => {
              setCaseRef(e.target.value)
              if (e.target.value.trim()) {
                setCaseRefMissing(false)
              }
            }}
            style={{ width: 220 }}
            placeholder={t('data.caseRefHint')}
          />
        </Form.Item>
      </Form>
      {grant ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('resource.provider')}：<DeptName id={grant.providerId} />
            {' · '}
            {t('request.purpose')}：{grant.purpose}
            {grant.validTo ? ` · ${t('apply.validTo')}：${grant.validTo}` : ''}{' '}
            <Tag color={grant.plain ? 'red' : 'green'}>
              {grant.plain ? t('data.plain') : t('data.masked')}
            </Tag>
            <GrantLimits grant={grant} />
          </Typography.Paragraph>
          {grant.accessMode === 'verify' ? (
            <Alert
              data-testid="verify-only"
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('data.verifyOnly')}
            />
          ) : null}
          <Tabs
            key={grant.id}
            data-testid="data-tabs"
            defaultActiveKey={grant.accessMode === 'verify' ? 'verify' : 'lookup'}
            items={tabs}
          />
        </>
      ) : null}
    </>
  )
}

interface PanelProps {
  grant: GrantView
  contextOf: ContextOf
  onError(error: unknown): void
}

/** Verification: the key and the values held; the answer is ✓ / ✗ per item, never a value. */
function VerifyPanel({ grant, contextOf, onError }: PanelProps) {
  const { t } = useI18n()
  // The key items are asked once, as the key; the others are what can be checked.
  const resource = useLoad(() => catalog.resource(grant.resourceId), [grant.resourceId], { quiet: true })
  const keyNames = new Set((resource.data?.items ?? []).filter((i) => i.key).map((i) => i.name))
  const checkable = grant.items.filter((name) => !keyNames.has(name))
  const [key, setKey] = useState('')
  const [values, setValues] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [needOne, setNeedOne] = useState(false)
  const [reply, setReply] = useState<VerifyReply | null>(null)
  const [failure, setFailure] = useState<unknown>(null)

  const run = async () => {
    const items = Object.fromEntries(
      Object.entries(values)
        .map(([name, value]) => [name, value.trim()] as const)
        .filter(([name, value]) => value !== '' && checkable.includes(name)),
    )
    setNeedOne(Object.keys(items).length === 0)
    const context = contextOf()
    if (!key.trim() || Object.keys(items).length === 0 || context === null) {
      return
    }
    setBusy(true)
    setFailure(null)
    try {
      setReply(await exchange.verify(grant.resourceId, [{ key: key.trim(), items }], context))
    } catch (error) {
      setReply(null)
      setFailure(error)
      onError(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Typography.Paragraph type="secondary">{t('data.verifyHint')}</Typography.Paragraph>
      <Form
        layout="horizontal"
        labelCol={{ flex: '140px' }}
        style={{ maxWidth: 640 }}
        onFinish={() => void run()}
      >
        <Form.Item label={t('data.key')} required>
          <Input
            data-testid="verify-key"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder={t('data.keyHint')}
          />
        </Form.Item>
        <Typography.Text strong>{t('data.verifyValues')}</Typography.Text>
        <div style={{ margin: '8px 0 0' }}>
          {checkable.map((name) => (
            <Form.Item key={name} label={name} style={{ marginBottom: 8 }}>
              <Input
                data-testid={`verify-value-${name}`}
                value={values[name] ?? ''}
                placeholder={t('data.verifyValueHint')}
                onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
              />
            </Form.Item>
          ))}
        </div>
        {needOne ? <Typography.Text type="danger">{t('data.verifyNeedOne')}</Typography.Text> : null}
        <Form.Item label=" " colon={false} style={{ marginTop: 8 }}>
          <Button
            type="primary"
            htmlType="submit"
            loading={busy}
            disabled={!key.trim()}
            data-testid="run-verify"
          >
            {t('data.verify')}
          </Button>
        </Form.Item>
      </Form>
      {failure ? <ReadFailure error={failure} /> : null}
      {reply?.results.map((result) => (
        <Descriptions
          key={result.key}
          data-testid="verify-result"
          bordered
          size="small"
          column={1}
          style={{ maxWidth: 640 }}
          title={t('data.verifyResult', { key: result.key })}
        >
          <Descriptions.Item label={t('data.recordFound')}>
            <Verdict ok={result.recordFound} yes={t('data.recordFound')} no={t('data.recordMissing')} />
          </Descriptions.Item>
          {Object.entries(result.matches).map(([name, ok]) => (
            <Descriptions.Item key={name} label={name}>
              <Verdict ok={ok} yes={t('data.match')} no={t('data.noMatch')} />
            </Descriptions.Item>
          ))}
        </Descriptions>
      ))}
    </>
  )
}

function Verdict({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <Tag color={ok ? 'success' : 'error'} data-testid={ok ? 'verdict-yes' : 'verdict-no'}>
      {ok ? `✓ ${yes}` : `✗ ${no}`}
    </Tag>
  )
}

/** Lookup: one record by a key the consumer holds. */
function LookupPanel({ grant, contextOf, onError }: PanelProps) {
  const { t } = useI18n()
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const query = async () => {
    const context = contextOf()
    if (!key.trim() || context === null) {
      return
    }
    setBusy(true)
    try {
      const reply = await exchange.record(grant.resourceId, key.trim(), context)
      setOutcome({ kind: 'record', reply, grant, key: key.trim() })
    } catch (error) {
      onError(error)
      setOutcome(classify(error, key.trim()))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={() => void query()}>
        <Form.Item label={t('data.key')}>
          <Input
            data-testid="record-key"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            style={{ width: 280 }}
            placeholder={t('data.keyHint')}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          disabled={!key.trim()}
          data-testid="query-record"
        >
          {t('data.query')}
        </Button>
      </Form>
      <Result outcome={outcome} onObjected={() => void query()} />
    </>
  )
}

const PAGE_SIZE = 20

/** Bulk: pages of the records the grant may read, and the whole as CSV. */
function BrowsePanel({ grant, contextOf, onError }: PanelProps) {
  const { t } = useI18n()
  const [page, setPage] = useState(1)
  const [data, setData] = useState<ListReply | null>(null)
  const [busy, setBusy] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [failure, setFailure] = useState<unknown>(null)

  const load = async (target: number) => {
    const context = contextOf()
    if (context === null) {
      return
    }
    setBusy(true)
    setFailure(null)
    try {
      setData(await exchange.records(grant.resourceId, { ...context, page: target, pageSize: PAGE_SIZE }))
      setPage(target)
    } catch (error) {
      setFailure(error)
      onError(error)
    } finally {
      setBusy(false)
    }
  }

  const exportCsv = async () => {
    const context = contextOf()
    if (context === null) {
      return
    }
    setExporting(true)
    setFailure(null)
    try {
      saveBlob(
        await exchange.exportCsv(grant.resourceId, context),
        t('data.exportFile', { name: grant.resourceName }),
      )
    } catch (error) {
      setFailure(error)
      onError(error)
    } finally {
      setExporting(false)
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" loading={busy} onClick={() => void load(1)} data-testid="browse-records">
          {t('data.browse')}
        </Button>
        <Button loading={exporting} onClick={() => void exportCsv()} data-testid="export-csv">
          {t('data.exportCsv')}
        </Button>
        {data ? (
          <Typography.Text type="secondary">{t('data.total', { total: data.total })}</Typography.Text>
        ) : null}
      </Space>
      {failure ? <ReadFailure error={failure} /> : null}
      {data ? (
        <Table<Record<string, unknown>>
          data-testid="record-page"
          size="small"
          rowKey={(_, index) => String((page - 1) * PAGE_SIZE + (index ?? 0))}
          loading={busy}
          dataSource={data.items}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data.total,
            showSizeChanger: false,
            onChange: (next) => void load(next),
          }}
          columns={grant.items.map((name) => ({
            title: name,
            dataIndex: name,
            render: (value: unknown) => (value === null || value === undefined ? '—' : String(value)),
          }))}
        />
      ) : null}
    </>
  )
}

/** A refused read; over the budget or suspended (429), with the day's use and when reads resume. */
function ReadFailure({ error }: { error: unknown }) {
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

function Result({ outcome, onObjected }: { outcome: Outcome | null; onObjected(): void }) {
  const { t } = useI18n()
  if (outcome === null) {
    return null
  }
  switch (outcome.kind) {
    case 'record':
      return (
        <RecordView
          reply={outcome.reply}
          grant={outcome.grant}
          recordKey={outcome.key}
          onObjected={onObjected}
        />
      )
    case 'none':
      return (
        <Alert
          data-testid="record-missing"
          type="warning"
          showIcon
          title={t('data.notFound', { key: outcome.key })}
        />
      )
    case 'unavailable':
      return (
        <Alert
          data-testid="exchange-unavailable"
          type="info"
          showIcon
          title={t('data.unavailable')}
          description={t('data.unavailableHint')}
        />
      )
    case 'error':
      return <ReadFailure error={outcome.error} />
  }
}

/** A record as granted, its Art. 26 "under verification" flag, and the way to object to it. */
function RecordView({
  reply,
  grant,
  recordKey,
  onObjected,
}: {
  reply: ReadReply
  grant: GrantView
  recordKey: string
  onObjected(): void
}) {
  const { t } = useI18n()
  const [objecting, setObjecting] = useState(false)
  return (
    <>
      {reply.underVerification ? (
        <Alert
          data-testid="under-verification"
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('data.underVerification')}
          description={t('data.underVerificationHint')}
        />
      ) : null}
      <Descriptions
        data-testid="record"
        bordered
        size="small"
        column={1}
        title={t('data.record')}
        extra={
          <Button data-testid="raise-objection" onClick={() => setObjecting(true)}>
            {t('objection.raise')}
          </Button>
        }
      >
        {Object.entries(reply.record).map(([name, value]) => (
          <Descriptions.Item key={name} label={name}>
            {value === null || value === undefined ? '—' : String(value)}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {objecting ? (
        <ObjectionModal
          resourceId={grant.resourceId}
          recordKey={recordKey}
          items={grant.items}
          onClose={(raised) => {
            setObjecting(false)
            if (raised) {
              onObjected()
            }
          }}
        />
      ) : null}
    </>
  )
}

/** A 404 is "no such key" only when the exchange itself says so; any other 404 or a 501 means it is not deployed. */
function classify(error: unknown, key: string): Outcome {
  if (error instanceof ApiError) {
    if (error.code === 'EXCHANGE_RECORD_NOT_FOUND') {
      return { kind: 'none', key }
    }
    if (error.status === 501 || (error.status === 404 && !error.code.startsWith('EXCHANGE_'))) {
      return { kind: 'unavailable' }
    }
  }
  return { kind: 'error', error }
}
