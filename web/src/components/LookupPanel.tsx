/** Lookup on the data page: one record by a key the consumer holds, as granted, with the way to object to it. */
import { Alert, Button, Descriptions, Form, Input } from 'antd'
import { useState } from 'react'
import type { ReadReply } from '../../../src/modules/exchange/schema'
import type { GrantView } from '../../../src/modules/sharing/schema'
import { ApiError } from '../api/client'
import { exchange } from '../api/endpoints'
import { useI18n } from '../i18n'
import { ObjectionModal } from './ObjectionModal'
import { type PanelProps, ReadFailure, useKeyItems } from './read-panel'

type Outcome =
  | { kind: 'record'; reply: ReadReply; grant: GrantView; key: string }
  | { kind: 'none'; key: string }
  | { kind: 'unavailable' }
  | { kind: 'error'; error: unknown }

/** Lookup: one record by a key the consumer holds. */
export function LookupPanel({ grant, contextOf, onError }: PanelProps) {
  const { t } = useI18n()
  const keyLabel = useKeyItems(grant.resourceId).label
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
        <Form.Item label={keyLabel}>
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
