/**
 * Art. 21 (§52, §58): the system administrator's view of the link to other platforms — each peer's
 * reachability and queue, and the outgoing messages, where a dead one is requeued or discarded.
 * Only `federation.administer` (platform_admin) may call these routes; the page is theirs alone.
 */
import { Alert, App, Button, Card, Popconfirm, Segmented, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import type { OutboxStatus, OutboxView, PeerView } from '../../../src/modules/federation/schema'
import { federation } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { EnumTag } from '../components/labels'
import { errorText } from '../components/notify'
import { useSession } from '../components/session'
import { useLoad } from '../components/use-load'
import { type MessageKey, useI18n } from '../i18n'

type Filter = OutboxStatus | 'all'
const FILTERS: Filter[] = ['dead', 'pending', 'delivered', 'discarded', 'all']

/** The one time that matters for a message in each state. */
const WHEN_TITLE = {
  dead: 'fed.deadAt',
  pending: 'fed.nextRetry',
  delivered: 'fed.deliveredAt',
  discarded: 'fed.deadAt',
  all: 'fed.when',
} as const satisfies Record<Filter, MessageKey>

function whenOf(m: OutboxView): string | null {
  return m.status === 'pending' ? m.nextAttemptAt : m.status === 'delivered' ? m.deliveredAt : m.deadAt
}

export function FederationPage() {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const { hasRole } = useSession()
  const admin = hasRole('platform_admin')
  const [filter, setFilter] = useState<Filter>('dead')
  const [syncing, setSyncing] = useState(false)
  const peers = useLoad(() => federation.peers(), [])
  const outbox = useLoad(() => federation.outbox(filter === 'all' ? {} : { status: filter }), [filter])
  const peerName = (id: string) => peers.data?.items.find((p) => p.id === id)?.name ?? ''
  const reload = () => {
    peers.reload()
    outbox.reload()
  }
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run()
      message.success(done)
      reload()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  const syncNow = async () => {
    setSyncing(true)
    try {
      const reply = await federation.sync()
      const sum = (field: 'delivered' | 'queued') => reply.peers.reduce((n, p) => n + p[field], 0)
      message.success(t('fed.synced', { delivered: sum('delivered'), queued: sum('queued') }))
      reload()
    } catch (error) {
      message.error(errorText(error, t))
    } finally {
      setSyncing(false)
    }
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('fed.peers')}
        extra={
          admin ? (
            <Button type="primary" loading={syncing} onClick={syncNow} data-testid="sync-now">
              {t('fed.syncNow')}
            </Button>
          ) : null
        }
      >
        <Table<PeerView>
          data-testid="peers"
          rowKey="id"
          size="middle"
          loading={peers.loading}
          dataSource={peers.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('fed.noPeers') }}
          columns={[
            {
              title: t('fed.peer'),
              dataIndex: 'name',
              width: 230,
              render: (name: string, p) => (
                <>
                  <Typography.Text strong>{name}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{p.baseUrl}</Typography.Text>
                </>
              ),
            },
            {
              title: t('fed.role'),
              dataIndex: 'role',
              width: 110,
              render: (v: string) => label('peerRole', v),
            },
            {
              title: t('fed.state'),
              dataIndex: 'state',
              render: (v: string, p) => (
                <>
                  <EnumTag kind="peerState" value={v} />
                  {p.lastError ? <ErrorText text={p.lastError} /> : null}
                </>
              ),
            },
            { title: t('fed.queued'), dataIndex: 'queued', width: 80, align: 'right' },
            { title: t('fed.failing'), dataIndex: 'failing', width: 80, align: 'right' },
            {
              title: t('fed.dead'),
              dataIndex: 'dead',
              width: 100,
              align: 'right',
              render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
            },
            {
              title: t('fed.lastSuccess'),
              dataIndex: 'lastSuccessAt',
              width: 170,
              render: (v: string | null) => formatTime(v),
            },
            {
              title: t('fed.nextRetry'),
              dataIndex: 'nextAttemptAt',
              width: 170,
              render: (v: string | null) => formatTime(v),
            },
          ]}
        />
      </Card>
      <Card title={t('fed.outbox')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={FILTERS.map((f) => ({
              value: f,
              label: f === 'all' ? t('common.all') : label('outboxStatus', f),
            }))}
          />
          {filter === 'dead' ? <Alert type="warning" showIcon message={t('fed.deadHint')} /> : null}
          <Table<OutboxView>
            data-testid="outbox"
            rowKey="id"
            size="middle"
            loading={outbox.loading}
            dataSource={outbox.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('fed.noMessages') }}
            columns={[
              { title: t('fed.peer'), dataIndex: 'peerId', width: 130, render: peerName },
              {
                title: t('fed.kind'),
                dataIndex: 'kind',
                width: 90,
                render: (v: string) => label('messageKind', v),
              },
              {
                title: t('fed.status'),
                dataIndex: 'status',
                width: 110,
                render: (v: string) => <EnumTag kind="outboxStatus" value={v} />,
              },
              { title: t('fed.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
              {
                title: t('fed.createdAt'),
                dataIndex: 'createdAt',
                width: 140,
                render: (v: string) => formatTime(v),
              },
              {
                title: t(WHEN_TITLE[filter]),
                key: 'when',
                width: 140,
                render: (_, m) => formatTime(whenOf(m)),
              },
              {
                title: t('fed.lastError'),
                dataIndex: 'lastError',
                render: (v: string | null) => (v ? <ErrorText text={v} /> : null),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 150,
                render: (_, m) =>
                  admin && m.status === 'dead' ? (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => act(() => federation.requeue(m.id), t('fed.requeued'))}
                      >
                        {t('fed.requeue')}
                      </Button>
                      <Popconfirm
                        title={t('fed.confirmDiscard')}
                        onConfirm={() => act(() => federation.discard(m.id), t('fed.discarded'))}
                      >
                        <Button type="link" size="small" danger>
                          {t('fed.discard')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </Space>
      </Card>
    </Space>
  )
}

/** An error as the peer or the network gave it: codes are long words, so they may break anywhere. */
function ErrorText({ text }: { text: string }) {
  return (
    <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, wordBreak: 'break-all' }}>
      {text}
    </Typography.Text>
  )
}
