/** Art. 27 statistics: platform totals, queries and records served by department and by month, export. */
import { Alert, Button, Card, Col, Row, Segmented, Space, Statistic, Table } from 'antd'
import { useMemo, useState } from 'react'
import { GROUP_BY, type GroupBy, type StatisticsRow } from '../../../src/modules/supervision/schema'
import { statistics } from '../api/endpoints'
import { saveBlob } from '../components/download'
import { useReportError } from '../components/notify'
import { lastTwelveMonths, PeriodPicker } from '../components/PeriodPicker'
import { SeriesChart } from '../components/SeriesChart'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

const GROUP_LABEL = {
  department: 'stats.groupDepartment',
  resource: 'stats.groupResource',
  month: 'stats.groupMonth',
} as const

export function StatsPage() {
  const { t } = useI18n()
  const report = useReportError()
  const [period, setPeriod] = useState(lastTwelveMonths)
  const [groupBy, setGroupBy] = useState<GroupBy>('department')
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null)
  const summary = useLoad(() => statistics.summary(), [])
  const byDepartment = useLoad(() => statistics.view({ ...period, groupBy: 'department' }), [period])
  const byMonth = useLoad(() => statistics.view({ ...period, groupBy: 'month' }), [period])
  // The table follows the chosen grouping; department and month are already loaded for the charts.
  const byResource = useLoad(
    () => (groupBy === 'resource' ? statistics.view({ ...period, groupBy }) : Promise.resolve(undefined)),
    [period, groupBy],
  )
  const table = groupBy === 'department' ? byDepartment : groupBy === 'month' ? byMonth : byResource

  const departmentChart = useMemo(() => {
    // Departments nobody queried only crowd the axis.
    const rows = (byDepartment.data?.rows ?? []).filter((r) => r.queries > 0 || r.recordsServed > 0)
    return {
      categories: rows.map((r) => r.label),
      series: [
        { name: t('stats.queries'), values: rows.map((r) => r.queries) },
        { name: t('stats.recordsServed'), values: rows.map((r) => r.recordsServed) },
      ],
    }
  }, [byDepartment.data, t])
  const monthChart = useMemo(() => {
    const rows = byMonth.data?.rows ?? []
    return {
      categories: rows.map((r) => r.label),
      series: [
        { name: t('stats.queries'), values: rows.map((r) => r.queries) },
        { name: t('stats.recordsServed'), values: rows.map((r) => r.recordsServed) },
        { name: t('stats.grantsCreated'), values: rows.map((r) => r.grantsCreated) },
      ],
    }
  }, [byMonth.data, t])

  const download = async (format: 'csv' | 'xlsx') => {
    setExporting(format)
    try {
      const blob = await statistics.export({ ...period, groupBy, format })
      saveBlob(blob, `statistics-${groupBy}-${period.from}-${period.to}.${format}`)
    } catch (error) {
      report(error)
    } finally {
      setExporting(null)
    }
  }

  const s = summary.data
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="stats-summary">
        {(
          [
            ['stats.departments', s?.departments],
            ['stats.publishedResources', s?.publishedResources],
            ['stats.items', s?.items],
            ['stats.grantsLive', s?.grantsLive],
            ['stats.queries30', s?.queriesLast30Days],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small" loading={summary.loading}>
              <Statistic title={t(key)} value={value ?? '—'} />
            </Card>
          </Col>
        ))}
      </Row>
      <Space wrap style={{ marginBottom: 16 }}>
        <PeriodPicker value={period} onChange={setPeriod} />
        <Button data-testid="export-csv" loading={exporting === 'csv'} onClick={() => void download('csv')}>
          {t('stats.exportCsv')}
        </Button>
        <Button
          data-testid="export-xlsx"
          loading={exporting === 'xlsx'}
          onClick={() => void download('xlsx')}
        >
          {t('stats.exportXlsx')}
        </Button>
      </Space>
      {byDepartment.error ? <Alert type="error" showIcon title={t('stats.loadFailed')} /> : null}
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" loading={byDepartment.loading}>
            {byDepartment.data?.totals.queries === 0 ? (
              <Alert type="info" title={t('stats.noQueries')} style={{ marginBottom: 8 }} />
            ) : null}
            <SeriesChart kind="bar" testId="bar-chart" title={t('stats.byDepartment')} {...departmentChart} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" loading={byMonth.loading}>
            <SeriesChart kind="line" testId="line-chart" title={t('stats.byMonth')} {...monthChart} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={
          <Segmented<GroupBy>
            data-testid="stats-group"
            value={groupBy}
            onChange={setGroupBy}
            options={GROUP_BY.map((value) => ({
              value,
              label: t(GROUP_LABEL[value]),
            }))}
          />
        }
      >
        <Table<StatisticsRow>
          data-testid="stats-table"
          size="small"
          rowKey="key"
          loading={table.loading}
          dataSource={table.data?.rows ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t(GROUP_LABEL[groupBy]), dataIndex: 'label' },
            {
              title: t('stats.queries'),
              dataIndex: 'queries',
              align: 'right',
              sorter: (a, b) => a.queries - b.queries,
            },
            {
              title: t('stats.recordsServed'),
              dataIndex: 'recordsServed',
              align: 'right',
              sorter: (a, b) => a.recordsServed - b.recordsServed,
            },
            { title: t('stats.grantsCreated'), dataIndex: 'grantsCreated', align: 'right' },
            { title: t('stats.requests'), dataIndex: 'requests', align: 'right' },
            { title: t('stats.resourcesPublished'), dataIndex: 'resourcesPublished', align: 'right' },
            { title: t('stats.itemsPublished'), dataIndex: 'itemsPublished', align: 'right' },
          ]}
        />
      </Card>
    </>
  )
}
