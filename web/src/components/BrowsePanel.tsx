/** Bulk use on the data page: pages of the records a bulk grant may read, filters, and the whole as CSV. */
import { Button, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import type { ListReply } from '../../../src/modules/exchange/schema'
import { exchange } from '../api/endpoints'
import { useI18n } from '../i18n'
import { saveBlob } from './download'
import { type PanelProps, ReadFailure } from './read-panel'

const PAGE_SIZE = 20

/** Bulk: pages of the records the grant may read, and the whole as CSV. */
export function BrowsePanel({ grant, contextOf, onError }: PanelProps) {
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
