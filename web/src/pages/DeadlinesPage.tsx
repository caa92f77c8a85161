/** Page 7: the catalog deadline dashboard (county filing, legal changes, annual confirmation). */

import { Card, Col, Row, Segmented, Statistic, Table, Tag } from 'antd'
import { useState } from 'react'
import type { DeadlineView } from '../../../src/modules/catalog/schema'
import { DEADLINE_STATUSES } from '../../../src/modules/catalog/vocabulary'
import { catalog } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { DeptName } from '../components/departments'
import { DueCountdown } from '../components/due-countdown'
import { EnumTag } from '../components/labels'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

type Filter = 'due' | 'overdue' | 'all'

export function DeadlinesPage() {
  const { t, label } = useI18n()
  const [filter, setFilter] = useState<Filter>('all')
  const all = useLoad(() => catalog.deadlines('all'), [])
  const items = (all.data?.items ?? []).filter((d) => filter === 'all' || d.status === filter)
  const count = (status: string) => (all.data?.items ?? []).filter((d) => d.status === status).length

  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {DEADLINE_STATUSES.map((status) => (
          <Col span={6} key={status}>
            <Card size="small">
              <Statistic
                title={label('deadlineStatus', status)}
                value={count(status)}
                loading={all.loading}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Segmented<Filter>
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: t('common.all') },
          { value: 'due', label: label('deadlineStatus', 'due') },
          { value: 'overdue', label: label('deadlineStatus', 'overdue') },
        ]}
      />
      <Table<DeadlineView>
        data-testid="deadlines"
        rowKey="id"
        size="middle"
        loading={all.loading}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('deadline.kind'),
            dataIndex: 'kind',
            width: 140,
            render: (v: string) => label('deadlineKind', v),
          },
          {
            title: t('resource.name'),
            key: 'resource',
            render: (_, d) => `${d.resourceCode} ${d.resourceName}`,
          },
          {
            title: t('resource.provider'),
            dataIndex: 'departmentId',
            render: (id: string) => <DeptName id={id} />,
          },
          { title: t('deadline.opened'), dataIndex: 'openedOn', width: 110 },
          {
            title: t('deadline.due'),
            dataIndex: 'dueDate',
            width: 150,
            render: (v: string, d) => (d.metAt ? v : <DueCountdown due={v} provisional={d.provisional} />),
          },
          {
            title: t('request.status'),
            key: 'status',
            width: 180,
            render: (_, d) => (
              <>
                <EnumTag kind="deadlineStatus" value={d.status} />
                {d.late ? <Tag color="red">{t('request.late')}</Tag> : null}
                {d.metAt ? formatTime(d.metAt).slice(0, 10) : ''}
              </>
            ),
          },
        ]}
      />
    </>
  )
}
