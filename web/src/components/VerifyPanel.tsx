/** Verification (核验) on the data page: values held in, match / no match per item out, never a value. */
import { Button, Descriptions, Form, Input, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { VerifyReply } from '../../../src/modules/exchange/schema'
import { exchange } from '../api/endpoints'
import { useI18n } from '../i18n'
import { type PanelProps, ReadFailure, useKeyItems } from './read-panel'

/** Verification: the key and the values held; the answer is ✓ / ✗ per item, never a value. */
export function VerifyPanel({ grant, contextOf, onError }: PanelProps) {
  const { t } = useI18n()
  // The key items are asked once, as the key; the others are what can be checked.
  const keyItems = useKeyItems(grant.resourceId)
  const keyLabel = keyItems.label
  const keyNames = new Set(keyItems.names)
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
        <Form.Item label={keyLabel} required>
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
