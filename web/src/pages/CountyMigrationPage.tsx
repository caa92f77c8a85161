/**
 * 区县平台迁移 (Art. 21, decisions §59): the bureau uploads a county platform's export, reads the
 * dry run (counts per entity and outcome, every refused and changed row), confirms, and watches the
 * batches go in; an interrupted run is resumed from here with the same button.
 */
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Progress,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { ApplyReply, CountyCounts, ImportReport, ImportStatus } from '../../../src/modules/county/schema'
import { county } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { errorText } from '../components/notify'
import { type MessageKey, useI18n } from '../i18n'

const ENTITIES = ['department', 'resource', 'grant', 'record'] as const
const OUTCOMES = ['create', 'change', 'unchanged', 'refused'] as const
const TABLE_FILE = /^(manifest\.json|(departments|resources|items|grants)\.(json|csv|xlsx))$/
const OUTCOME_COLOR = { create: 'green', change: 'blue', unchanged: 'default', refused: 'red' } as const

type Filter = 'all' | 'refused' | 'change'

interface DetailRow {
  id: string
  entity: (typeof ENTITIES)[number]
  key: string
  row: number | null
  outcome: 'refused' | 'change'
  code: string
  reason: string
}

/** What the check that refused a row named: the item or field, and why (as the CLI prints it). */
function detailOf(details: unknown): string {
  const facts = (typeof details === 'object' && details !== null ? details : {}) as Record<string, unknown>
  const parts = [facts.item ?? facts.field, facts.reason].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  )
  return parts.length > 0 ? ` — ${parts.join(': ')}` : ''
}

/** A picked file's path in the export folder: a folder's own name dropped; loose record files go to records/. */
function exportPath(file: File): string {
  const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath ?? ''
  if (relative !== '') {
    return relative
  }
  return TABLE_FILE.test(file.name) || file.name.endsWith('.json') ? file.name : `records/${file.name}`
}

export function CountyMigrationPage() {
  const { t } = useI18n()
  const [report, setReport] = useState<ImportReport | null>(null)
  const [status, setStatus] = useState<ImportStatus | null>(null)
  const [applied, setApplied] = useState<ApplyReply | null>(null)
  const [busy, setBusy] = useState<'planning' | 'applying' | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const polling = useRef<number | undefined>(undefined)

  useEffect(() => () => window.clearInterval(polling.current), [])

  const upload = async (files: File[]) => {
    const form = new FormData()
    // One picked JSON file is the single-file export; several files are the folder's tables.
    const single = files.length === 1 && files[0]?.name.endsWith('.json') && files[0].name !== 'manifest.json'
    for (const file of files) {
      form.append('files', file, single ? file.name : exportPath(file))
    }
    setBusy('planning')
    setFailure(null)
    setReport(null)
    setApplied(null)
    try {
      const planned = await county.upload(form)
      setReport(planned)
      setStatus(planned)
    } catch (error) {
      setFailure(errorText(error, t))
    } finally {
      setBusy(null)
    }
  }

  const apply = async () => {
    if (!report) {
      return
    }
    setBusy('applying')
    setFailure(null)
    // The apply request answers at the end; the status shows the batches meanwhile.
    polling.current = window.setInterval(() => {
      county.status(report.id).then(setStatus, () => undefined)
    }, 1000)
    try {
      const done = await county.apply(report.id, report.planDigest)
      setApplied(done)
      setStatus(done)
    } catch (error) {
      setFailure(errorText(error, t))
      county.status(report.id).then(setStatus, () => undefined)
    } finally {
      window.clearInterval(polling.current)
      setBusy(null)
    }
  }

  return (
    <>
      <Card size="small" title={t('county.upload')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('county.intro')}</Typography.Paragraph>
        <Space>
          <Picker
            directory
            label={t('county.pickFolder')}
            busy={busy !== null}
            onFiles={upload}
            testId="county-folder"
          />
          <Picker label={t('county.pickFiles')} busy={busy !== null} onFiles={upload} testId="county-files" />
        </Space>
        {busy === 'planning' ? (
          <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('county.planning')} />
        ) : null}
        {failure ? (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title={failure}
            data-testid="county-failure"
          />
        ) : null}
      </Card>
      {report && status ? (
        <ReportCard report={report} status={status} applied={applied} busy={busy} onApply={apply} />
      ) : null}
    </>
  )
}

function Picker(props: {
  label: string
  busy: boolean
  directory?: boolean
  testId: string
  onFiles(files: File[]): void
}) {
  return (
    <Upload
      directory={props.directory}
      multiple
      accept={props.directory ? undefined : '.json,.csv,.xlsx'}
      showUploadList={false}
      beforeUpload={(file, list) => {
        // Called once per file with the whole selection: send it with the last one.
        if (file === list[list.length - 1]) {
          props.onFiles(list)
        }
        return false // the files go in one multipart request, not antd's one request per file
      }}
    >
      <Button type={props.directory ? 'primary' : 'default'} loading={props.busy} data-testid={props.testId}>
        {props.label}
      </Button>
    </Upload>
  )
}

function ReportCard(props: {
  report: ImportReport
  status: ImportStatus
  applied: ApplyReply | null
  busy: 'planning' | 'applying' | null
  onApply(): void
}) {
  const { t, lang } = useI18n()
  const { report, status } = props
  const [filter, setFilter] = useState<Filter>('all')
  const rows: DetailRow[] = [
    ...report.refused.map((r, i) => ({
      id: `r${i}`,
      entity: r.entity,
      key: r.key,
      row: r.row,
      outcome: 'refused' as const,
      code: r.code,
      reason: `${lang === 'en' ? r.en : r.zh}${detailOf(r.details)}`,
    })),
    ...report.changes.map((c, i) => ({
      id: `c${i}`,
      entity: c.entity,
      key: c.key,
      row: null,
      outcome: 'change' as const,
      code: c.fields.join('、'),
      reason: '',
    })),
  ]
  const shown = filter === 'all' ? rows : rows.filter((row) => row.outcome === filter)
  const writes = ENTITIES.some((e) => report.planned[e].create + report.planned[e].change > 0)
  const run = status.run
  return (
    <Card
      size="small"
      data-testid="county-report"
      title={t('county.reportTitle', { county: `${report.county.name}（${report.county.code}）` })}
      extra={<Tag data-testid="county-state">{t(`county.state.${status.state}` as MessageKey)}</Tag>}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('county.digest')}>
          <Typography.Text code copyable style={{ fontSize: 12 }}>
            {report.id}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('county.uploadedBy')}>
          {report.uploadedBy} · {formatTime(report.uploadedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('county.filesRead')}>{report.files}</Descriptions.Item>
      </Descriptions>
      <CountsTable counts={report.planned} testId="county-counts" />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('county.details')}
      </Typography.Title>
      <Segmented<Filter>
        data-testid="county-filter"
        style={{ marginBottom: 8 }}
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: `${t('county.all')} (${rows.length})` },
          { value: 'refused', label: `${t('county.outcome.refused')} (${report.refused.length})` },
          { value: 'change', label: `${t('county.outcome.change')} (${report.changes.length})` },
        ]}
      />
      <Table<DetailRow>
        data-testid="county-details"
        size="small"
        rowKey="id"
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('county.noDetails') }}
        columns={[
          {
            title: t('county.entity'),
            dataIndex: 'entity',
            width: 96,
            render: (e: string) => t(`county.entity.${e}` as MessageKey),
          },
          { title: t('county.key'), dataIndex: 'key', width: 260 },
          { title: t('county.row'), dataIndex: 'row', width: 56, render: (r: number | null) => r ?? '' },
          {
            title: t('county.outcome'),
            dataIndex: 'outcome',
            width: 96,
            render: (o: DetailRow['outcome']) => (
              <Tag color={OUTCOME_COLOR[o]}>{t(`county.outcome.${o}` as MessageKey)}</Tag>
            ),
          },
          {
            title: t('county.code'),
            dataIndex: 'code',
            render: (c: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                {c}
              </Typography.Text>
            ),
          },
          { title: t('county.reason'), dataIndex: 'reason' },
        ]}
      />
      <ApplyPanel {...props} writes={writes} run={run} />
    </Card>
  )
}

function ApplyPanel(props: {
  status: ImportStatus
  applied: ApplyReply | null
  busy: 'planning' | 'applying' | null
  writes: boolean
  run: ImportStatus['run']
  onApply(): void
}) {
  const { t } = useI18n()
  const { status, applied, run } = props
  const percent = run && run.batches > 0 ? Math.round((run.cursor / run.batches) * 100) : 0
  return (
    <div style={{ marginTop: 16 }} data-testid="county-apply">
      {!props.writes && status.state === 'planned' ? (
        <Alert style={{ marginBottom: 12 }} type="info" showIcon title={t('county.nothingToDo')} />
      ) : null}
      {status.state !== 'applied' ? (
        <Popconfirm title={t('county.applyConfirm')} onConfirm={props.onApply}>
          <Button
            type="primary"
            danger={status.state === 'running'}
            loading={props.busy === 'applying'}
            data-testid="county-apply-button"
          >
            {t(status.state === 'running' ? 'county.resume' : 'county.apply')}
          </Button>
        </Popconfirm>
      ) : null}
      {run ? (
        <div style={{ marginTop: 12, maxWidth: 480 }} data-testid="county-progress">
          <Progress percent={percent} status={run.status === 'done' ? 'success' : 'active'} />
          <Typography.Text type="secondary">
            {t('county.progress', { cursor: run.cursor, batches: run.batches })} · {formatTime(run.updatedAt)}
          </Typography.Text>
        </div>
      ) : null}
      {applied ? (
        <>
          <Alert
            style={{ margin: '12px 0' }}
            type="success"
            showIcon
            data-testid="county-applied"
            title={t(
              applied.repeated ? 'county.repeated' : applied.resumed ? 'county.resumed' : 'county.applied',
            )}
          />
          {applied.result ? (
            <CountsTable counts={applied.result} testId="county-result" title={t('county.result')} />
          ) : null}
        </>
      ) : null}
    </div>
  )
}

function CountsTable({ counts, testId, title }: { counts: CountyCounts; testId: string; title?: string }) {
  const { t } = useI18n()
  return (
    <Table
      data-testid={testId}
      title={title ? () => title : undefined}
      size="small"
      pagination={false}
      rowKey="entity"
      dataSource={ENTITIES.map((entity) => ({ entity, ...counts[entity] }))}
      columns={[
        {
          title: t('county.entity'),
          dataIndex: 'entity',
          render: (e: string) => t(`county.entity.${e}` as MessageKey),
        },
        ...OUTCOMES.map((outcome) => ({
          title: <Tag color={OUTCOME_COLOR[outcome]}>{t(`county.outcome.${outcome}` as MessageKey)}</Tag>,
          dataIndex: outcome,
          align: 'right' as const,
        })),
      ]}
    />
  )
}
