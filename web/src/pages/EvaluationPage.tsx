/** Art. 34-35 evaluation: departments ranked by weighted score, the indicators, weights and report. */
import { Alert, App, Button, Card, Form, InputNumber, Space, Table, Tag, Tooltip } from 'antd'
import { useState } from 'react'
import type { EvaluationRow, Weights } from '../../../src/modules/supervision/schema'
import { INDICATOR_KEYS, type IndicatorKey } from '../../../src/modules/supervision/vocabulary'
import { evaluation } from '../api/endpoints'
import { openInNewTab, saveBlob } from '../components/download'
import { useReportError } from '../components/notify'
import { lastTwelveMonths, PeriodPicker } from '../components/PeriodPicker'
import { useSession } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

/** Below this the table scrolls instead of squeezing the indicator columns unreadably. */
const MIN_TABLE_WIDTH = 1000

/** Indicator values and scores are on a 0–100 scale: one decimal is plenty. */
const fmt = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : value.toFixed(1)

export function EvaluationPage() {
  const { t, lang } = useI18n()
  const { hasRole } = useSession()
  const report = useReportError()
  const [period, setPeriod] = useState(lastTwelveMonths)
  const [busy, setBusy] = useState<'html' | 'xlsx' | null>(null)
  const view = useLoad(() => evaluation.view(period), [period])
  const indicators = view.data?.indicators ?? []
  const name = (key: IndicatorKey) => {
    const found = indicators.find((i) => i.key === key)
    return found ? (lang === 'en' ? found.en : found.zh) : key
  }

  const download = async (format: 'html' | 'xlsx') => {
    setBusy(format)
    try {
      const load = () => evaluation.report({ ...period, format, lang })
      if (format === 'html') {
        await openInNewTab(load)
      } else {
        saveBlob(await load(), `evaluation-${period.from}-${period.to}.xlsx`)
      }
    } catch (error) {
      report(error)
    } finally {
      setBusy(null)
    }
  }

  const rows = [...(view.data?.items ?? [])].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <PeriodPicker value={period} onChange={setPeriod} />
        <Button data-testid="report-html" loading={busy === 'html'} onClick={() => void download('html')}>
          {t('eval.reportHtml')}
        </Button>
        <Button data-testid="report-xlsx" loading={busy === 'xlsx'} onClick={() => void download('xlsx')}>
          {t('eval.reportXlsx')}
        </Button>
      </Space>
      {view.error ? (
        <Alert type="error" showIcon title={t('eval.loadFailed')} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<EvaluationRow>
        data-testid="evaluation-table"
        size="small"
        rowKey="departmentId"
        loading={view.loading}
        dataSource={rows}
        pagination={false}
        // Issue 15: fourteen columns fit a 1366-wide screen (indicator headers wrap in small type);
        // narrower than that the table scrolls, rank and department staying in view.
        tableLayout="fixed"
        scroll={{ x: MIN_TABLE_WIDTH }}
        expandable={{
          rowExpandable: (row) => row.advice.length > 0,
          expandedRowRender: (row) => (
            <ul style={{ margin: 0 }}>
              {row.advice.map((a) => (
                <li key={a.indicator}>{lang === 'en' ? a.en : a.zh}</li>
              ))}
            </ul>
          ),
        }}
        columns={[
          {
            title: t('eval.rank'),
            dataIndex: 'rank',
            width: 56,
            fixed: 'left',
            render: (rank: number | null) => rank ?? '—',
          },
          {
            title: t('eval.department'),
            dataIndex: 'departmentName',
            width: 176,
            fixed: 'left',
            ellipsis: { showTitle: true },
          },
          {
            title: t('eval.score'),
            dataIndex: 'score',
            width: 64,
            render: (score: number | null) => <Tag color="blue">{fmt(score)}</Tag>,
          },
          ...INDICATOR_KEYS.map((key) => ({
            key,
            title: (
              <Tooltip title={`${t('eval.weight')} ${fmt(view.data?.weights[key])}`}>
                <span style={{ fontSize: 12, lineHeight: 1.3, display: 'block' }}>{name(key)}</span>
              </Tooltip>
            ),
            align: 'right' as const,
            render: (_: unknown, row: EvaluationRow) => fmt(row.values[key]),
          })),
        ]}
      />
      {hasRole('bureau_reviewer') && view.data ? (
        <WeightsEditor weights={view.data.weights} name={name} onSaved={view.reload} />
      ) : null}
    </>
  )
}

function WeightsEditor({
  weights,
  name,
  onSaved,
}: {
  weights: Weights
  name(key: IndicatorKey): string
  onSaved(): void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const report = useReportError()
  const [saving, setSaving] = useState(false)
  const save = async (values: Weights) => {
    setSaving(true)
    try {
      await evaluation.setWeights(values)
      void message.success(t('common.saved'))
      onSaved()
    } catch (error) {
      report(error)
    } finally {
      setSaving(false)
    }
  }
  return (
    <Card size="small" title={t('eval.weights')} style={{ marginTop: 16 }} data-testid="weights-editor">
      <Form<Weights>
        layout="inline"
        initialValues={weights}
        onFinish={(v) => void save(v)}
        style={{ rowGap: 8 }}
      >
        {INDICATOR_KEYS.map((key) => (
          <Form.Item
            key={key}
            name={key}
            label={name(key)}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <InputNumber min={0} max={1000} step={1} style={{ width: 90 }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="save-weights">
          {t('eval.saveWeights')}
        </Button>
      </Form>
    </Card>
  )
}
