/**
 * Art. 40 rectification notices: the bureau detects breaches, issues a draft with a deadline in
 * working days and closes it; the department that must rectify answers by the deadline. Each
 * action is offered only to the role the server lets do it (docs/roles.md).
 */
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Typography,
} from 'antd'
import { useState } from 'react'
import type { NoticeView } from '../../../src/modules/supervision/rectification/schema'
import { notices } from '../api/oversight'
import { formatTime } from '../components/dates'
import { DueCountdown } from '../components/due-countdown'
import { EnumTag } from '../components/labels'
import { errorText } from '../components/notify'
import { Person } from '../components/Person'
import { ReasonModal } from '../components/ReasonModal'
import { useSession } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

type Filter = 'open' | 'all'
const OPEN = new Set(['draft', 'issued', 'escalated', 'responded'])

function textOf(details: Record<string, unknown>, key: string): string | undefined {
  const value = details[key]
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

export function NoticesPage() {
  const { t } = useI18n()
  const { message } = App.useApp()
  const { hasRole } = useSession()
  const bureau = hasRole('bureau_reviewer')
  const [filter, setFilter] = useState<Filter>('open')
  const [issuing, setIssuing] = useState<NoticeView | null>(null)
  const [answering, setAnswering] = useState<NoticeView | null>(null)
  const list = useLoad(() => notices.list(), [])
  const items = (list.data?.items ?? []).filter((n) => filter === 'all' || OPEN.has(n.status))
  // oversight.respond is the notified department's dept_admin (a county's also for its townships,
  // which the server's list already limits to).
  const mayAnswer = (n: NoticeView) =>
    hasRole('dept_admin') && (n.status === 'issued' || n.status === 'escalated')
  const act = async <T,>(run: () => Promise<T>, done: (result: T) => string) => {
    try {
      message.success(done(await run()))
      list.reload()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'open', label: t('notice.open') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        {bureau ? (
          <Button
            data-testid="detect-breaches"
            onClick={() =>
              void act(
                () => notices.detect(),
                (result) =>
                  t('notice.detected', { n: Object.values(result.drafted).reduce((a, b) => a + b, 0) }),
              )
            }
          >
            {t('notice.detect')}
          </Button>
        ) : null}
      </Space>
      <Table<NoticeView>
        data-testid="notices"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={items}
        locale={{ emptyText: t('notice.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (n) => <NoticeDetail notice={n} />,
        }}
        columns={[
          {
            title: t('notice.department'),
            key: 'department',
            render: (_, n) => n.departmentName ?? '—',
          },
          {
            title: t('notice.kind'),
            dataIndex: 'kind',
            render: (k: string) => <EnumTag kind="noticeKind" value={k} />,
          },
          {
            title: t('notice.status'),
            dataIndex: 'status',
            render: (s: string) => <EnumTag kind="noticeStatus" value={s} />,
          },
          {
            title: t('notice.due'),
            key: 'due',
            render: (_, n) =>
              n.dueDate === null ? (
                '—'
              ) : n.status === 'issued' || n.status === 'escalated' ? (
                <Space size={4}>
                  {n.dueDate}
                  <DueCountdown due={n.dueDate} />
                </Space>
              ) : (
                n.dueDate
              ),
          },
          {
            title: t('notice.issuedBy'),
            key: 'issuedBy',
            render: (_, n) => <Person login={n.issuedBy} name={n.issuedByName} />,
          },
          { title: t('notice.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatTime(at) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, n) => (
              <Space size={0}>
                {bureau && n.status === 'draft' ? (
                  <Button type="link" size="small" onClick={() => setIssuing(n)}>
                    {t('notice.issue')}
                  </Button>
                ) : null}
                {mayAnswer(n) ? (
                  <Button type="link" size="small" onClick={() => setAnswering(n)}>
                    {t('notice.respond')}
                  </Button>
                ) : null}
                {bureau && n.status !== 'closed' ? (
                  <Popconfirm
                    title={t('notice.closeConfirm')}
                    onConfirm={() =>
                      act(
                        () => notices.close(n.id),
                        () => t('notice.closed'),
                      )
                    }
                  >
                    <Button type="link" size="small" danger>
                      {t('notice.close')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {issuing ? (
        <IssueModal
          notice={issuing}
          onClose={(done) => {
            setIssuing(null)
            if (done) {
              list.reload()
            }
          }}
        />
      ) : null}
      {answering ? (
        <ReasonModal
          title={t('notice.respondTitle')}
          label={t('notice.response')}
          maxLength={8000}
          onSubmit={async (response) => {
            await notices.respond(answering.id, response)
            message.success(t('notice.responded'))
          }}
          onClose={(done) => {
            setAnswering(null)
            if (done) {
              list.reload()
            }
          }}
        />
      ) : null}
    </>
  )
}

function NoticeDetail({ notice: n }: { notice: NoticeView }) {
  const { t } = useI18n()
  const description = textOf(n.details, 'description')
  const comment = textOf(n.details, 'comment')
  return (
    <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
      {description ? (
        <>
          <b>{t('notice.description')}：</b>
          {description}
          <br />
        </>
      ) : null}
      {n.issuedAt ? (
        <>
          <b>{t('notice.issuedAt')}：</b>
          {formatTime(n.issuedAt)}
          <br />
        </>
      ) : null}
      {comment ? (
        <>
          <b>{t('notice.comment')}：</b>
          {comment}
          <br />
        </>
      ) : null}
      {n.response ? (
        <>
          <b>{t('notice.response')}：</b>
          {n.response}（{formatTime(n.respondedAt)}）
        </>
      ) : null}
    </Typography.Paragraph>
  )
}

function IssueModal({ notice, onClose }: { notice: NoticeView; onClose(done: boolean): void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ deadlineDays: number; comment?: string }>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const values = await form.validateFields()
    setBusy(true)
    try {
      const issued = await notices.issue(notice.id, {
        deadlineDays: values.deadlineDays,
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
      })
      message.success(t('notice.issued', { due: issued.dueDate ?? '' }))
      onClose(true)
    } catch (error) {
      message.error(errorText(error, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open
      title={t('notice.issueTitle')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ deadlineDays: 15 }}>
        <Form.Item name="deadlineDays" label={t('notice.deadlineDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={120} precision={0} />
        </Form.Item>
        <Form.Item name="comment" label={t('notice.comment')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
