/** Page 4: my department's catalog — list, new/edit, submit, version history, Excel in and out. */

import { App, Button, Popconfirm, Select, Space, Table } from 'antd'
import { useState } from 'react'
import type { ResourceSummary } from '../../../src/modules/catalog/schema'
import type { ResourceStatus } from '../../../src/modules/catalog/vocabulary'
import { RESOURCE_STATUSES } from '../../../src/modules/catalog/vocabulary'
import { catalog } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { ExcelButtons } from '../components/ExcelImport'
import { EnumTag } from '../components/labels'
import { errorText } from '../components/notify'
import { navigate } from '../components/router'
import { useLoad } from '../components/use-load'
import { VersionHistory } from '../components/VersionHistory'
import { useI18n } from '../i18n'

const EDITABLE = new Set(['draft', 'returned', 'published'])
const SUBMITTABLE = new Set(['draft', 'returned'])

export function MyCatalogPage() {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const [status, setStatus] = useState<ResourceStatus>()
  const [page, setPage] = useState(1)
  const [history, setHistory] = useState<ResourceSummary | null>(null)
  const list = useLoad(() => catalog.mine({ status, page, pageSize: 20 }), [status, page])

  const submit = async (resource: ResourceSummary) => {
    try {
      await catalog.submit(resource.id)
      message.success(t('catalog.submitted', { name: resource.name }))
      list.reload()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => navigate('/my-catalog/new')} data-testid="new-resource">
          {t('catalog.new')}
        </Button>
        <Select
          allowClear
          placeholder={t('resource.status')}
          style={{ width: 160 }}
          value={status}
          onChange={(value?: ResourceStatus) => {
            setStatus(value)
            setPage(1)
          }}
          options={RESOURCE_STATUSES.map((s) => ({ value: s, label: label('resourceStatus', s) }))}
        />
        <ExcelButtons onImported={list.reload} />
      </Space>
      <Table<ResourceSummary>
        data-testid="my-catalog"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: t('resource.code'), dataIndex: 'code', width: 110 },
          { title: t('resource.name'), dataIndex: 'name' },
          {
            title: t('resource.category'),
            dataIndex: 'category',
            width: 130,
            render: (v: string) => label('category', v),
          },
          {
            title: t('resource.shareType'),
            dataIndex: 'shareType',
            width: 120,
            render: (v: string) => <EnumTag kind="shareType" value={v} />,
          },
          {
            title: t('resource.status'),
            dataIndex: 'status',
            width: 130,
            render: (v: string, r) => (
              <>
                <EnumTag kind="resourceStatus" value={v} /> v{r.version}
              </>
            ),
          },
          {
            title: t('resource.updatedAt'),
            dataIndex: 'updatedAt',
            width: 150,
            render: (v: string) => formatTime(v),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_, r) => (
              <Space size={0}>
                {EDITABLE.has(r.status) ? (
                  <Button type="link" size="small" onClick={() => navigate(`/my-catalog/${r.id}/edit`)}>
                    {t('common.edit')}
                  </Button>
                ) : null}
                {SUBMITTABLE.has(r.status) ? (
                  <Popconfirm title={t('catalog.submitConfirm')} onConfirm={() => submit(r)}>
                    <Button type="link" size="small">
                      {t('catalog.submit')}
                    </Button>
                  </Popconfirm>
                ) : null}
                <Button type="link" size="small" onClick={() => setHistory(r)}>
                  {t('history.title')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {history ? (
        <VersionHistory id={history.id} name={history.name} onClose={() => setHistory(null)} />
      ) : null}
    </>
  )
}
