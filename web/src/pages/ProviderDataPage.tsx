/**
 * The providing department's side of the exchange (Art. 9, 18): load a published resource's records
 * from a CSV file, set how it is served (issue 11: default daily budget per grant, case reference
 * rule), see who read them and why (one person's record too), and how fresh they are.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd'
import { useEffect, useState } from 'react'
import type { FreshnessItem } from '../../../src/modules/exchange/freshness/schema'
import type { AccessLogEntry, FileIngestReply } from '../../../src/modules/exchange/schema'
import { ApiError } from '../api/client'
import { catalog, exchange } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { DeptName } from '../components/departments'
import { KeyReadersCard } from '../components/KeyReadersCard'
import { errorText } from '../components/notify'
import { Person } from '../components/Person'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

export function ProviderDataPage() {
  const { t } = useI18n()
  const mine = useLoad(() => catalog.mine({ pageSize: 200 }), [])
  // Only a published version can hold records.
  const published = (mine.data?.items ?? []).filter((r) => r.publishedVersion !== null)
  const [resourceId, setResourceId] = useState<string>()
  const [round, setRound] = useState(0)

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('provider.resource')}</span>
        <Select
          data-testid="provider-resource"
          style={{ width: 420 }}
          showSearch={{ optionFilterProp: 'label' }}
          loading={mine.loading}
          value={resourceId}
          onChange={setResourceId}
          placeholder={t('provider.pickResource')}
          notFoundContent={<Empty description={t('provider.noResources')} />}
          options={published.map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` }))}
        />
      </Space>
      {resourceId ? (
        <>
          <UploadCard resourceId={resourceId} onLoaded={() => setRound((n) => n + 1)} />
          <SettingsCard resourceId={resourceId} />
          <FreshnessCard resourceId={resourceId} round={round} />
          <AccessLogCard resourceId={resourceId} round={round} />
          <KeyReadersCard resourceId={resourceId} />
        </>
      ) : null}
    </>
  )
}

function UploadCard({ resourceId, onLoaded }: { resourceId: string; onLoaded(): void }) {
  const { t } = useI18n()
  const [dryRun, setDryRun] = useState(false)
  const [busy, setBusy] = useState(false)
  const [reply, setReply] = useState<FileIngestReply | null>(null)
  const [failure, setFailure] = useState<string | null>(null)

  const send = async (file: File) => {
    setBusy(true)
    setReply(null)
    setFailure(null)
    try {
      const result = await exchange.uploadCsv(resourceId, await file.arrayBuffer(), dryRun)
      setReply(result)
      if (!result.dryRun && result.stored > 0) {
        onLoaded()
      }
    } catch (error) {
      setFailure(errorText(error, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card size="small" title={t('provider.upload')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('provider.uploadHint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void send(file)
            return false // the file goes as the raw body, not antd's multipart form
          }}
        >
          <Button type="primary" loading={busy} data-testid="upload-csv">
            {t('provider.chooseFile')}
          </Button>
        </Upload>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
          {t('provider.dryRun')}
        </Checkbox>
      </Space>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
      {reply ? <UploadSummary reply={reply} /> : null}
    </Card>
  )
}

function UploadSummary({ reply }: { reply: FileIngestReply }) {
  const { t } = useI18n()
  const ok = reply.complete && reply.problems.length === 0
  return (
    <div data-testid="upload-summary">
      <Alert
        type={ok ? 'success' : 'warning'}
        showIcon
        style={{ marginBottom: 12 }}
        title={
          reply.dryRun
            ? t(ok ? 'provider.dryRunOk' : 'provider.dryRunProblems', { read: reply.read })
            : t(ok ? 'provider.loaded' : 'provider.stopped', { stored: reply.stored, read: reply.read })
        }
        description={
          reply.missingItems.length > 0
            ? t('provider.missingItems', { items: reply.missingItems.join('、') })
            : undefined
        }
      />
      <Descriptions size="small" bordered column={{ xs: 2, md: 4 }}>
        <Descriptions.Item label={t('provider.read')}>{reply.read}</Descriptions.Item>
        <Descriptions.Item label={t('provider.inserted')}>{reply.inserted}</Descriptions.Item>
        <Descriptions.Item label={t('provider.updated')}>{reply.updated}</Descriptions.Item>
        <Descriptions.Item label={t('provider.unchanged')}>{reply.unchanged}</Descriptions.Item>
        <Descriptions.Item label={t('provider.badRows')}>{reply.badRows}</Descriptions.Item>
        <Descriptions.Item label={t('provider.batches')}>{reply.batches}</Descriptions.Item>
        <Descriptions.Item label={t('provider.resumeSkip')}>{reply.resumeSkip}</Descriptions.Item>
        <Descriptions.Item label={t('provider.seconds')}>{reply.seconds.toFixed(1)}</Descriptions.Item>
      </Descriptions>
      {reply.problems.length > 0 ? (
        <Table<FileIngestReply['problems'][number]>
          data-testid="upload-problems"
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(p) => `${p.row}-${p.item}`}
          dataSource={reply.problems}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('provider.row'), dataIndex: 'row' },
            { title: t('provider.item'), dataIndex: 'item' },
            { title: t('provider.reason'), dataIndex: 'reason' },
          ]}
        />
      ) : null}
    </div>
  )
}

/** Issue 11: the resource's default daily budget per grant and whether personal reads name a case. */
function SettingsCard({ resourceId }: { resourceId: string }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const settings = useLoad(() => exchange.settings(resourceId), [resourceId])
  const [form] = Form.useForm<{ dailyBudget: number; caseRefRequired: boolean }>()
  const [busy, setBusy] = useState(false)
  const current = settings.data

  useEffect(() => {
    if (current) {
      form.setFieldsValue({ dailyBudget: current.dailyBudget, caseRefRequired: current.caseRefRequired })
    }
  }, [current, form])

  const save = async () => {
    const fields = await form.validateFields()
    setBusy(true)
    try {
      await exchange.saveSettings(resourceId, fields)
      message.success(t('provider.settingsSaved'))
      settings.reload()
    } catch (error) {
      message.error(errorText(error, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card
      size="small"
      title={t('provider.settings')}
      style={{ marginBottom: 16 }}
      loading={settings.loading && !current}
      data-testid="exchange-settings"
    >
      <Typography.Paragraph type="secondary">{t('provider.settingsHint')}</Typography.Paragraph>
      {settings.error && !current ? (
        <Alert type="error" showIcon title={errorText(settings.error, t)} />
      ) : (
        <Form form={form} layout="inline" style={{ rowGap: 8 }} onFinish={() => void save().catch(() => {})}>
          <Form.Item
            name="dailyBudget"
            label={t('provider.dailyBudget')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <InputNumber
              data-testid="settings-budget"
              min={1}
              max={1_000_000}
              precision={0}
              style={{ width: 140 }}
            />
          </Form.Item>
          <Form.Item name="caseRefRequired" label={t('provider.caseRefRequired')} valuePropName="checked">
            <Switch data-testid="settings-case-ref" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-settings">
            {t('provider.saveSettings')}
          </Button>
          {current?.updatedAt ? (
            <Typography.Text type="secondary" style={{ alignSelf: 'center', marginLeft: 12 }}>
              {t('provider.settingsUpdated', {
                at: formatTime(current.updatedAt),
                by: current.updatedByName || current.updatedBy || '—',
              })}
            </Typography.Text>
          ) : null}
        </Form>
      )}
    </Card>
  )
}

function FreshnessCard({ resourceId, round }: { resourceId: string; round: number }) {
  const { t, label } = useI18n()
  // quiet: a missing freshness service is worded below, not toasted.
  const list = useLoad(() => exchange.freshness(), [round], { quiet: true })
  const item: FreshnessItem | undefined = list.data?.items.find((f) => f.resourceId === resourceId)
  const missing = list.error instanceof ApiError && (list.error.status === 404 || list.error.status === 501)
  return (
    <Card size="small" title={t('provider.freshness')} style={{ marginBottom: 16 }} loading={list.loading}>
      {missing ? (
        <Alert type="info" showIcon title={t('provider.freshnessUnavailable')} />
      ) : list.error ? (
        <Alert type="error" showIcon title={errorText(list.error, t)} />
      ) : item ? (
        <Descriptions data-testid="freshness" size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('provider.records')}>{item.records}</Descriptions.Item>
          <Descriptions.Item label={t('provider.updateCycle')}>
            {label('updateCycle', item.updateCycle)}
          </Descriptions.Item>
          <Descriptions.Item label={t('provider.lastArrival')}>
            {formatTime(item.lastArrivalAt) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('provider.medianLag')}>{item.medianLagDays ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('provider.lateRecords')}>{item.lateRecords}</Descriptions.Item>
          <Descriptions.Item label={t('provider.cycle')}>
            {item.cycleOverdue ? (
              <Tag color="red">{t('provider.cycleOverdue')}</Tag>
            ) : (
              <Tag color="green">{t('provider.cycleOk')}</Tag>
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty description={t('provider.noFreshness')} />
      )}
    </Card>
  )
}

/** What the audit log keeps about a read; denied reads carry the refusal code instead of a purpose. */
function detailsOf(entry: AccessLogEntry): {
  purpose?: string
  caseRef?: string
  records?: number
  code?: string
} {
  const d = entry.details
  if (typeof d !== 'object' || d === null) {
    return {}
  }
  const field = (name: string) => (name in d ? (d as Record<string, unknown>)[name] : undefined)
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined)
  const records = field('records')
  return {
    purpose: text(field('purpose')),
    caseRef: text(field('caseRef')),
    code: text(field('code')),
    records: typeof records === 'number' ? records : undefined,
  }
}

function AccessLogCard({ resourceId, round }: { resourceId: string; round: number }) {
  const { t } = useI18n()
  const log = useLoad(() => exchange.accessLog(resourceId), [resourceId, round])
  return (
    <Card
      size="small"
      title={t('provider.accessLog')}
      extra={
        <Button size="small" onClick={log.reload} data-testid="reload-access-log">
          {t('provider.reload')}
        </Button>
      }
    >
      <Table<AccessLogEntry>
        data-testid="access-log"
        size="small"
        rowKey="seq"
        loading={log.loading}
        dataSource={log.data?.items ?? []}
        locale={{ emptyText: t('provider.noReads') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('provider.at'), dataIndex: 'at', render: (at: string) => formatTime(at) },
          {
            title: t('provider.reader'),
            key: 'actor',
            render: (_, e) => <Person login={e.actor} name={e.actorName} />,
          },
          {
            title: t('provider.readerDept'),
            dataIndex: 'departmentId',
            render: (id: string | null) => <DeptName id={id} />,
          },
          {
            title: t('provider.outcome'),
            key: 'outcome',
            render: (_, e) =>
              e.action === 'exchange.denied' ? (
                <Tag color="red">{t('provider.denied')}</Tag>
              ) : (
                <Tag color="green">{t('provider.readRecords', { n: detailsOf(e).records ?? 0 })}</Tag>
              ),
          },
          { title: t('provider.purpose'), key: 'purpose', render: (_, e) => detailsOf(e).purpose ?? '—' },
          { title: t('provider.caseRef'), key: 'caseRef', render: (_, e) => detailsOf(e).caseRef ?? '—' },
        ]}
      />
    </Card>
  )
}
