/**
 * Art. 21 (§52): a city department and the provincial platform — the province's catalog as this
 * platform mirrors it, applying for a resource (the province decides), the department's
 * cross-level applications, and reading a granted one by key through this platform.
 */
import { Button, Input, Space, Table, Tabs, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { RemoteRequestView, RemoteResourceView } from '../../../src/modules/federation/schema'
import { federation } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { DeptName } from '../components/departments'
import { EnumTag } from '../components/labels'
import { Person } from '../components/Person'
import { RemoteApplyModal } from '../components/RemoteApplyModal'
import { RemoteReadModal } from '../components/RemoteReadModal'
import { useSession } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

export function ProvincePage() {
  const { t } = useI18n()
  const [tab, setTab] = useState('catalog')
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      // Each visit loads afresh: an application's status changes on the province, between visits.
      destroyOnHidden
      items={[
        { key: 'catalog', label: t('fed.catalogTab'), children: <RemoteCatalog /> },
        { key: 'requests', label: t('fed.requestsTab'), children: <RemoteRequests /> },
      ]}
    />
  )
}

function RemoteCatalog() {
  const { t } = useI18n()
  const { hasRole } = useSession()
  const [q, setQ] = useState('')
  const [applying, setApplying] = useState<RemoteResourceView | null>(null)
  const list = useLoad(() => federation.remoteResources({ q: q || undefined, pageSize: 200 }), [q])
  // sharing.request: a consumer of this platform applies; the province decides.
  const mayApply = hasRole('consumer')

  return (
    <>
      <Input.Search
        data-testid="remote-search"
        placeholder={t('fed.searchHint')}
        enterButton={t('fed.search')}
        allowClear
        maxLength={100}
        onSearch={(value) => setQ(value.trim())}
        style={{ maxWidth: 560, marginBottom: 12 }}
      />
      <Table<RemoteResourceView>
        data-testid="remote-resources"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('fed.none') }}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical">
              <Typography.Paragraph style={{ marginBottom: 0 }}>{r.summary}</Typography.Paragraph>
              <Space wrap size={4}>
                {r.items.map((item) => (
                  <Tag key={item.name} color={item.key ? 'blue' : undefined}>
                    {item.name}
                    {item.key ? ` (${t('fed.key')})` : ''}
                  </Tag>
                ))}
              </Space>
            </Space>
          ),
        }}
        columns={[
          { title: t('fed.code'), dataIndex: 'code', width: 200 },
          { title: t('fed.name'), dataIndex: 'name' },
          { title: t('fed.provider'), dataIndex: 'providerName', width: 200 },
          {
            title: t('resource.shareType'),
            dataIndex: 'shareType',
            width: 110,
            render: (v: string) => <EnumTag kind="shareType" value={v} />,
          },
          { title: t('fed.source'), dataIndex: 'peerName', width: 180 },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_, r) =>
              mayApply ? (
                <Button type="link" size="small" onClick={() => setApplying(r)} data-testid="remote-apply">
                  {t('fed.apply')}
                </Button>
              ) : null,
          },
        ]}
      />
      {applying ? <RemoteApplyModal resource={applying} onClose={() => setApplying(null)} /> : null}
    </>
  )
}

function RemoteRequests() {
  const { t } = useI18n()
  const { hasRole } = useSession()
  const [reading, setReading] = useState<RemoteRequestView | null>(null)
  const list = useLoad(() => federation.requests(), [])
  // exchange.read: a consumer reads under a grant the province gave the department.
  // A department's own list needs no department column; the bureau's, listing all, does.
  const departments = new Set((list.data?.items ?? []).map((r) => r.departmentId)).size
  const mayRead = (r: RemoteRequestView) =>
    hasRole('consumer') && r.status === 'granted' && r.remoteResourceId !== null

  return (
    <>
      <Table<RemoteRequestView>
        data-testid="remote-requests"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('fed.noRequests') }}
        columns={[
          { title: t('fed.name'), dataIndex: 'resourceName' },
          { title: t('fed.source'), dataIndex: 'peerName', width: 150 },
          ...(departments > 1
            ? [
                {
                  title: t('fed.department'),
                  dataIndex: 'departmentId',
                  width: 140,
                  render: (id: string) => <DeptName id={id} />,
                },
              ]
            : []),
          {
            title: t('fed.requester'),
            dataIndex: 'requester',
            width: 120,
            render: (login: string, r) => <Person login={login} name={r.requesterName} />,
          },
          {
            title: t('fed.items'),
            dataIndex: 'items',
            width: 150,
            render: (items: string[]) => items.join('、'),
          },
          { title: t('fed.purpose'), dataIndex: 'purpose', width: 180, ellipsis: true },
          {
            title: t('fed.status'),
            dataIndex: 'status',
            width: 120,
            render: (v: string) => <EnumTag kind="remoteRequestStatus" value={v} />,
          },
          {
            title: t('fed.updatedAt'),
            dataIndex: 'updatedAt',
            width: 150,
            render: (v: string) => formatTime(v),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 70,
            render: (_, r) =>
              mayRead(r) ? (
                <Button type="link" size="small" onClick={() => setReading(r)} data-testid="remote-read">
                  {t('fed.read')}
                </Button>
              ) : null,
          },
        ]}
      />
      {reading?.remoteResourceId ? (
        <RemoteReadModal
          resourceId={reading.remoteResourceId}
          name={reading.resourceName}
          onClose={() => setReading(null)}
        />
      ) : null}
    </>
  )
}
