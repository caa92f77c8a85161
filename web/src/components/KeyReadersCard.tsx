/**
 * Issue 11, "who read this person's record": a key (an ID number) in, the reads of that record out,
 * and a printable report to hand to the person. The key stays in this form only: it is posted in a
 * body, never put in a URL, and the reply carries it masked.
 */
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { KeyReader, KeyReadersReply } from '../../../src/modules/exchange/schema'
import { catalog, exchange } from '../api/endpoints'
import { useI18n } from '../i18n'
import { formatTime } from './dates'
import { openInNewTab } from './download'
import { errorText } from './notify'
import { Person } from './Person'

/** With `resourceId`, that resource (the provider's page); without, a search for one (auditors, bureau). */
export function KeyReadersCard({ resourceId }: { resourceId?: string }) {
  const { t, lang } = useI18n()
  const [picked, setPicked] = useState<string>()
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState(false)
  const [reply, setReply] = useState<KeyReadersReply | null>(null)
  const [failure, setFailure] = useState<{ target?: string; text: string } | null>(null)
  const target = resourceId ?? picked
  // A result or failure belongs to one resource: another choice hides it.
  const shown = reply?.resourceId === target ? reply : null
  const failed = failure && failure.target === target ? failure.text : null

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setFailure(null)
    try {
      await action()
    } catch (error) {
      setFailure({ target, text: errorText(error, t) })
    } finally {
      setBusy(false)
    }
  }
  const ready = target !== undefined && key.trim() !== ''
  const search = () => run(async () => setReply(await exchange.keyReaders(target ?? '', key.trim())))
  const print = () => run(() => openInNewTab(() => exchange.keyReadersReport(target ?? '', key.trim(), lang)))

  return (
    <Card size="small" title={t('keyReaders.title')} style={{ margin: '16px 0' }} data-testid="key-readers">
      <Typography.Paragraph type="secondary">{t('keyReaders.hint')}</Typography.Paragraph>
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }} onFinish={() => void search()}>
        {resourceId === undefined ? (
          <Form.Item label={t('keyReaders.resource')}>
            <ResourcePicker value={picked} onChange={setPicked} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('keyReaders.key')}>
          <Input
            data-testid="key-readers-key"
            style={{ width: 260 }}
            autoComplete="off"
            placeholder={t('keyReaders.keyPlaceholder')}
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            disabled={!ready}
            loading={busy}
            data-testid="key-readers-search"
          >
            {t('keyReaders.search')}
          </Button>
          <Button onClick={() => void print()} disabled={!ready} data-testid="key-readers-print">
            {t('keyReaders.print')}
          </Button>
        </Space>
      </Form>
      {failed ? <Alert type="error" showIcon title={failed} style={{ marginBottom: 12 }} /> : null}
      {shown ? <ReadersTable reply={shown} /> : null}
    </Card>
  )
}

function ReadersTable({ reply }: { reply: KeyReadersReply }) {
  const { t } = useI18n()
  return (
    <>
      <Typography.Paragraph data-testid="key-readers-summary">
        {t('keyReaders.summary', { key: reply.key, n: reply.items.length, seq: reply.querySeq })}
      </Typography.Paragraph>
      {reply.capped ? (
        <Alert type="warning" showIcon title={t('keyReaders.capped', { n: reply.items.length })} />
      ) : null}
      <Table<KeyReader>
        data-testid="key-readers-table"
        size="small"
        rowKey="seq"
        dataSource={reply.items}
        locale={{ emptyText: t('keyReaders.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('keyReaders.seq'), dataIndex: 'seq', width: 90 },
          { title: t('provider.at'), dataIndex: 'at', width: 160, render: (at: string) => formatTime(at) },
          {
            title: t('provider.readerDept'),
            key: 'department',
            render: (_, r) => r.departmentName ?? r.departmentId ?? '—',
          },
          {
            title: t('provider.reader'),
            key: 'actor',
            render: (_, r) => <Person login={r.actor} name={r.actorName} />,
          },
          {
            title: t('provider.outcome'),
            key: 'outcome',
            render: (_, r) =>
              r.action === 'exchange.denied' ? (
                <Tag color="red">{t('provider.denied')}</Tag>
              ) : (
                <Tag color="green">
                  {r.keysAsked > 1 ? t('keyReaders.batch', { n: r.keysAsked }) : t('keyReaders.read')}
                </Tag>
              ),
          },
          { title: t('provider.purpose'), dataIndex: 'purpose', render: (v: string | null) => v ?? '—' },
          { title: t('provider.caseRef'), dataIndex: 'caseRef', render: (v: string | null) => v ?? '—' },
          {
            title: t('keyReaders.grant'),
            dataIndex: 'grantId',
            ellipsis: true,
            render: (v: string | null) => v ?? '—',
          },
        ]}
      />
    </>
  )
}

/** Published resources by name, searched on the server as the user types (the shared catalog). */
function ResourcePicker({ value, onChange }: { value?: string; onChange(id: string | undefined): void }) {
  const { t } = useI18n()
  const [q, setQ] = useState('')
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([])
  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      catalog
        .shared({ q: q || undefined, pageSize: 20 })
        .then((result) => {
          if (live) {
            setOptions(result.items.map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` })))
          }
        })
        .catch(() => {
          // The picker stays as it was; a failing search is not worth a toast on every keystroke.
        })
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [q])
  return (
    <Select
      data-testid="key-readers-resource"
      style={{ width: 360 }}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('keyReaders.pickResource')}
      value={value}
      onChange={onChange}
      options={options}
    />
  )
}
