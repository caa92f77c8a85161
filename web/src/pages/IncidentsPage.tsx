/**
 * Art. 30-31 security incidents: security officers, the bureau and auditors read them; a security
 * officer or bureau reviewer closes one once handled. The report to the cyberspace office and
 * police has a deadline, shown as a countdown while the incident is open.
 */
import { App, Button, Popconfirm, Segmented, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { IncidentView } from '../../../src/modules/supervision/rectification/schema'
import { incidents } from '../api/oversight'
import { formatTime } from '../components/dates'
import { DeptName } from '../components/departments'
import { EnumTag } from '../components/labels'
import { errorText } from '../components/notify'
import { Person } from '../components/Person'
import { useSession } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

type Filter = 'open' | 'closed' | 'all'
const SEVERITY_COLOR: Record<string, string> = { low: 'default', medium: 'orange', high: 'red' }

export function IncidentsPage() {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const { hasRole } = useSession()
  const mayClose = hasRole('security_officer', 'bureau_reviewer')
  const [filter, setFilter] = useState<Filter>('open')
  const list = useLoad(() => incidents.list(filter === 'all' ? {} : { status: filter }), [filter])
  const close = async (id: string) => {
    try {
      await incidents.close(id)
      message.success(t('incident.closed'))
      list.reload()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  return (
    <>
      <Segmented<Filter>
        style={{ marginBottom: 16 }}
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'open', label: label('incidentStatus', 'open') },
          { value: 'closed', label: label('incidentStatus', 'closed') },
          { value: 'all', label: t('common.all') },
        ]}
      />
      <Table<IncidentView>
        data-testid="incidents"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('incident.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (i) => (
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              <b>{t('incident.description')}：</b>
              {i.description}
              <br />
              <b>{t('incident.dataAffected')}：</b>
              {i.dataAffected}
              <br />
              <b>{t('incident.routedTo')}：</b>
              {i.routedTo.map((r) => label('incidentRoute', r)).join('、')}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { title: t('incident.title'), dataIndex: 'title' },
          {
            title: t('incident.severity'),
            dataIndex: 'severity',
            render: (s: string) => <Tag color={SEVERITY_COLOR[s] ?? 'default'}>{label('severity', s)}</Tag>,
          },
          {
            title: t('incident.department'),
            dataIndex: 'departmentId',
            render: (id: string | null) => (id ? <DeptName id={id} /> : '—'),
          },
          {
            title: t('incident.occurredAt'),
            dataIndex: 'occurredAt',
            render: (at: string) => formatTime(at),
          },
          {
            title: t('incident.reportedBy'),
            key: 'reportedBy',
            render: (_, i) => <Person login={i.reportedBy} name={i.reportedByName} />,
          },
          {
            title: t('incident.reportDue'),
            key: 'reportDue',
            render: (_, i) =>
              i.reportDueAt ? (
                <Typography.Text type={i.overdue ? 'danger' : undefined}>
                  {formatTime(i.reportDueAt)}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: t('incident.status'),
            dataIndex: 'status',
            render: (s: string) => <EnumTag kind="incidentStatus" value={s} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, i) =>
              mayClose && i.status === 'open' ? (
                <Popconfirm title={t('incident.closeConfirm')} onConfirm={() => close(i.id)}>
                  <Button type="link" size="small">
                    {t('incident.close')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </>
  )
}
