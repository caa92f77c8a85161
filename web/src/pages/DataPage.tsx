/** Page 6: read a record of a granted resource by its key — only the granted items, masked as granted. */
import { Alert, Button, Descriptions, Empty, Form, Input, Select, Tag, Typography } from 'antd'
import { useState } from 'react'
import { ApiError } from '../api/client'
import { exchange, sharing } from '../api/endpoints'
import type { Grant, RecordReply } from '../api/types'
import { DeptName } from '../components/departments'
import { errorText } from '../components/notify'
import { ObjectionModal } from '../components/ObjectionModal'
import { useUser } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

type Outcome =
  | { kind: 'record'; reply: RecordReply; grant: Grant; key: string }
  | { kind: 'none'; key: string }
  | { kind: 'unavailable' }
  | { kind: 'error'; text: string }

export function DataPage() {
  const { t } = useI18n()
  const user = useUser()
  const grants = useLoad(() => sharing.grants('live'), [])
  const mine = (grants.data?.items ?? []).filter((g) => g.consumerId === user.departmentId)
  const [grantId, setGrantId] = useState<string>()
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const grant = mine.find((g) => g.id === grantId)

  const query = async () => {
    if (!grant || !key.trim()) {
      return
    }
    setBusy(true)
    try {
      const reply = await exchange.record(grant.resourceId, key.trim(), grant.id)
      setOutcome({ kind: 'record', reply, grant, key: key.trim() })
    } catch (error) {
      setOutcome(classify(error, key.trim(), (e) => errorText(e, t)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={() => void query()}>
        <Form.Item label={t('data.grant')}>
          <Select
            data-testid="grant-select"
            style={{ width: 420 }}
            loading={grants.loading}
            value={grantId}
            onChange={(v: string) => {
              setGrantId(v)
              setOutcome(null)
            }}
            placeholder={t('data.pickGrant')}
            notFoundContent={<Empty description={t('data.noGrants')} />}
            options={mine.map((g) => ({
              value: g.id,
              label: `${g.resourceName}（${g.items.length} ${t('data.itemsCount')}）`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('data.key')}>
          <Input
            data-testid="record-key"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            style={{ width: 240 }}
            placeholder={t('data.keyHint')}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          disabled={!grant || !key.trim()}
          data-testid="query-record"
        >
          {t('data.query')}
        </Button>
      </Form>
      {grant ? (
        <Typography.Paragraph type="secondary">
          {t('resource.provider')}：<DeptName id={grant.providerId} />
          {' · '}
          {t('request.purpose')}：{grant.purpose}
          {grant.validTo ? ` · ${t('apply.validTo')}：${grant.validTo}` : ''}{' '}
          <Tag color={grant.plain ? 'red' : 'green'}>{grant.plain ? t('data.plain') : t('data.masked')}</Tag>
        </Typography.Paragraph>
      ) : null}
      <Result outcome={outcome} onObjected={() => void query()} />
    </>
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
      return <Alert type="error" showIcon title={outcome.text} />
  }
}

/** A record as granted, its Art. 26 "under verification" flag, and the way to object to it. */
function RecordView({
  reply,
  grant,
  recordKey,
  onObjected,
}: {
  reply: RecordReply
  grant: Grant
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
function classify(error: unknown, key: string, text: (e: unknown) => string): Outcome {
  if (error instanceof ApiError) {
    if (error.code === 'EXCHANGE_RECORD_NOT_FOUND') {
      return { kind: 'none', key }
    }
    if (error.status === 501 || (error.status === 404 && !error.code.startsWith('EXCHANGE_'))) {
      return { kind: 'unavailable' }
    }
  }
  return { kind: 'error', text: text(error) }
}
