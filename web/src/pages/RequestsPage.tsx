/**
 * Page 5: my department's applications and the requests it must answer, with their deadlines and
 * the access mode asked (issue 11); the grants my department provides or uses, with their limits,
 * and the provider's "narrow grant".
 */

import { Button, Select, Space, Table, Tabs, Tag, Tooltip } from 'antd'
import { useState } from 'react'
import type { GrantView, RequestView } from '../../../src/modules/sharing/schema'
import { REQUEST_STATUSES, type RequestStatus } from '../../../src/modules/sharing/vocabulary'
import { sharing } from '../api/endpoints'
import { GrantLimits, isAccessMode, ModeTag } from '../components/access-mode'
import { DecisionModal } from '../components/DecisionModal'
import { formatTime } from '../components/dates'
import { DeptName } from '../components/departments'
import { DueCountdown } from '../components/due-countdown'
import { GrantLimitsModal } from '../components/GrantLimitsModal'
import { EnumTag } from '../components/labels'
import { Person } from '../components/Person'
import { ReasonModal } from '../components/ReasonModal'
import { useSession, useUser } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

const OPEN = new Set(['pending', 'overdue'])

export function RequestsPage() {
  const { t } = useI18n()
  const { hasRole } = useSession()
  const tabs = []
  if (hasRole('consumer', 'dept_admin')) {
    tabs.push({
      key: 'outgoing',
      label: t('requests.outgoing'),
      children: <RequestTable direction="outgoing" />,
    })
  }
  if (hasRole('approver', 'dept_admin')) {
    tabs.push({
      key: 'incoming',
      label: t('requests.incoming'),
      children: <RequestTable direction="incoming" />,
    })
  }
  tabs.push({ key: 'grants', label: t('requests.grants'), children: <GrantTable /> })
  return <Tabs items={tabs} destroyOnHidden />
}

function RequestTable({ direction }: { direction: 'outgoing' | 'incoming' }) {
  const { t, label } = useI18n()
  const { hasRole } = useSession()
  const [status, setStatus] = useState<RequestStatus>()
  const [deciding, setDeciding] = useState<RequestView | null>(null)
  const [disputing, setDisputing] = useState<RequestView | null>(null)
  const list = useLoad(() => sharing.requests(direction, status), [direction, status])
  const incoming = direction === 'incoming'

  const canDispute = (r: RequestView) =>
    !incoming &&
    hasRole('consumer') &&
    r.dispute === null &&
    (r.status === 'rejected' || r.status === 'overdue' || (r.status === 'granted' && isPartial(r)))

  return (
    <>
      <Select
        allowClear
        placeholder={t('request.status')}
        style={{ width: 160, marginBottom: 12 }}
        value={status}
        onChange={(v?: RequestStatus) => setStatus(v)}
        options={REQUEST_STATUSES.map((s) => ({ value: s, label: label('requestStatus', s) }))}
      />
      <Table<RequestView>
        data-testid={`requests-${direction}`}
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (r) => <RequestDetail request={r} /> }}
        columns={[
          { title: t('request.resource'), dataIndex: 'resourceName', minWidth: 160 },
          {
            title: incoming ? t('request.consumer') : t('request.provider'),
            key: 'party',
            width: 170,
            render: (_, r) => <DeptName id={incoming ? r.consumerId : r.providerId} />,
          },
          {
            title: t('request.items'),
            key: 'items',
            width: 160,
            ellipsis: true,
            // A partly approved request shows what was granted, and what was asked on hover.
            render: (_, r) => {
              const granted = isPartial(r) ? r.decision?.items : null
              if (!granted) {
                return <Tooltip title={r.items.join('、')}>{r.items.join('、')}</Tooltip>
              }
              const counts = { granted: granted.length, asked: r.items.length }
              return (
                <Tooltip title={`${t('request.itemsAsked')}：${r.items.join('、')}`}>
                  <Tag color="gold">{t('request.itemsPartial', counts)}</Tag>
                  {granted.join('、')}
                </Tooltip>
              )
            },
          },
          {
            title: t('request.mode'),
            dataIndex: 'accessMode',
            width: 80,
            render: (v: string | null) => <ModeTag mode={v} />,
          },
          {
            title: t('request.createdAt'),
            dataIndex: 'createdAt',
            width: 130,
            render: (v: string) => formatTime(v),
          },
          {
            title: t('request.status'),
            dataIndex: 'status',
            width: 100,
            render: (v: string) => <EnumTag kind="requestStatus" value={v} />,
          },
          {
            title: t('request.due'),
            dataIndex: 'dueDate',
            width: 130,
            render: (v: string | null, r) =>
              OPEN.has(r.status) ? <DueCountdown due={v} provisional={r.dueDateProvisional} /> : (v ?? ''),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_, r) => (
              <Space size={0}>
                {incoming && OPEN.has(r.status) && hasRole('approver') ? (
                  <Button type="link" size="small" onClick={() => setDeciding(r)} data-testid="decide-button">
                    {t('decide.open')}
                  </Button>
                ) : null}
                {canDispute(r) ? (
                  <Button type="link" size="small" onClick={() => setDisputing(r)}>
                    {t('dispute.open')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {deciding ? (
        <DecisionModal
          request={deciding}
          onClose={(done) => {
            setDeciding(null)
            if (done) {
              list.reload()
            }
          }}
        />
      ) : null}
      {disputing ? (
        <ReasonModal
          title={`${t('dispute.open')}：${disputing.resourceName}`}
          label={t('dispute.reason')}
          onSubmit={(reason) => sharing.dispute(disputing.id, reason)}
          onClose={(done) => {
            setDisputing(null)
            if (done) {
              list.reload()
            }
          }}
        />
      ) : null}
    </>
  )
}

function isPartial(r: RequestView): boolean {
  return (
    r.decision?.items !== null && r.decision?.items !== undefined && r.decision.items.length < r.items.length
  )
}

function RequestDetail({ request: r }: { request: RequestView }) {
  const { t, label } = useI18n()
  return (
    <div style={{ lineHeight: 1.9 }}>
      <div>
        {t('request.purpose')}：{r.purpose}
      </div>
      {r.basis ? (
        <div>
          {t('apply.basis')}：{r.basis}
        </div>
      ) : null}
      <div>
        {t('request.requester')}：<Person login={r.requester} name={r.requesterName} />
        {r.validTo ? ` · ${t('apply.validTo')}：${r.validTo}` : ''}
      </div>
      {isAccessMode(r.accessMode) ? (
        <div>
          {t('request.mode')}：<ModeTag mode={r.accessMode} />
          {t(`mode.${r.accessMode}.hint`)}
        </div>
      ) : null}
      {r.decision ? (
        <div>
          {t('request.decision')}：{label('decision', r.decision.decision)} ·{' '}
          {formatTime(r.decision.decidedAt)}
          {r.decision.decidedBy ? (
            <>
              {' · '}
              {t('request.decidedBy')}：
              <Person login={r.decision.decidedBy} name={r.decision.decidedByName} />
            </>
          ) : null}
          {r.decision.items ? ` · ${t('decide.items')}：${r.decision.items.join('、')}` : ''}
          {r.decision.reason ? ` · ${t('decide.reason')}：${r.decision.reason}` : ''}
          {r.decision.late ? ` · ${t('request.late')}` : ''}
        </div>
      ) : null}
      {r.dispute ? (
        <div>
          {t('dispute.title')}：{r.dispute.reason} · <EnumTag kind="disputeStatus" value={r.dispute.status} />
          {r.dispute.resolution
            ? `${label('resolution', r.dispute.resolution)}：${r.dispute.resolutionReason ?? ''}`
            : ''}
        </div>
      ) : null}
    </div>
  )
}

/** Grants my department provides or uses: mode, budget, row scope; a live one it provides can be narrowed. */
function GrantTable() {
  const { t } = useI18n()
  const user = useUser()
  const { hasRole } = useSession()
  const list = useLoad(() => sharing.grants(), [])
  const [limiting, setLimiting] = useState<GrantView | null>(null)
  const provides = (g: GrantView) => g.consumerId !== user.departmentId
  return (
    <>
      <Table<GrantView>
        data-testid="grants"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('grant.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (g) => <GrantDetail grant={g} /> }}
        columns={[
          { title: t('request.resource'), dataIndex: 'resourceName', minWidth: 160 },
          {
            title: t('grant.side'),
            key: 'side',
            width: 90,
            render: (_, g) => (provides(g) ? t('grant.side.provider') : t('grant.side.consumer')),
          },
          {
            title: t('grant.party'),
            key: 'party',
            width: 180,
            render: (_, g) => <DeptName id={provides(g) ? g.consumerId : g.providerId} />,
          },
          {
            title: t('grant.mode'),
            key: 'limits',
            width: 300,
            render: (_, g) => <GrantLimits grant={g} />,
          },
          {
            title: t('grant.status'),
            dataIndex: 'status',
            width: 90,
            render: (v: string) => <EnumTag kind="grantStatus" value={v} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_, g) =>
              g.status === 'live' && provides(g) && hasRole('approver', 'dept_admin') ? (
                <Button type="link" size="small" data-testid="limit-grant" onClick={() => setLimiting(g)}>
                  {t('grant.limit')}
                </Button>
              ) : null,
          },
        ]}
      />
      {limiting ? (
        <GrantLimitsModal
          grant={limiting}
          onClose={(done) => {
            setLimiting(null)
            if (done) {
              list.reload()
            }
          }}
        />
      ) : null}
    </>
  )
}

function GrantDetail({ grant: g }: { grant: GrantView }) {
  const { t } = useI18n()
  return (
    <div style={{ lineHeight: 1.9 }}>
      <div>
        {t('request.items')}：{g.items.join('、')}
      </div>
      <div>
        {t('request.purpose')}：{g.purpose}
        {g.validTo ? ` · ${t('apply.validTo')}：${g.validTo}` : ''}
      </div>
      {g.modeReason ? (
        <div>
          {t('grant.modeReason')}：{g.modeReason}
        </div>
      ) : null}
    </div>
  )
}
