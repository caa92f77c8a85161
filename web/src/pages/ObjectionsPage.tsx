/**
 * Art. 26 objections: the provider's list to answer (corrected after re-loading the record, or
 * confirmed correct with a reason), and the consumer's own objections with their answers.
 */

import { App, Button, Form, Input, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { ObjectionView } from '../../../src/modules/quality/schema'
import type { ObjectionStatus } from '../../../src/modules/quality/vocabulary'
import { OBJECTION_STATUSES } from '../../../src/modules/quality/vocabulary'
import { quality } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { DeptName } from '../components/departments'
import { errorText } from '../components/notify'
import { Person } from '../components/Person'
import { useSession } from '../components/session'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

type Direction = 'incoming' | 'outgoing'
const STATUS_COLOR: Record<ObjectionStatus, string> = {
  open: 'orange',
  corrected: 'blue',
  confirmed: 'green',
}

export function ObjectionsPage() {
  const { t, label } = useI18n()
  const { hasRole } = useSession()
  const provider = hasRole('approver', 'cataloger')
  const consumer = hasRole('consumer')
  const [direction, setDirection] = useState<Direction>(provider ? 'incoming' : 'outgoing')
  const [status, setStatus] = useState<ObjectionStatus | 'all'>(provider ? 'open' : 'all')
  const [answering, setAnswering] = useState<ObjectionView | null>(null)
  const list = useLoad(
    () => quality.objections({ direction, status: status === 'all' ? undefined : status }),
    [direction, status],
  )

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {provider && consumer ? (
          <Segmented<Direction>
            value={direction}
            onChange={setDirection}
            options={[
              { value: 'incoming', label: t('objection.incoming') },
              { value: 'outgoing', label: t('objection.outgoing') },
            ]}
          />
        ) : null}
        <Segmented<ObjectionStatus | 'all'>
          data-testid="objection-status"
          value={status}
          onChange={setStatus}
          options={[...OBJECTION_STATUSES, 'all' as const].map((value) => ({
            value,
            label: value === 'all' ? t('common.all') : label('objectionStatus', value),
          }))}
        />
      </Space>
      <Table<ObjectionView>
        data-testid="objections"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('objection.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (o) => (
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              <b>{t('objection.evidence')}：</b>
              {o.evidence}
              {o.answer ? (
                <>
                  <br />
                  <b>{t('objection.answer')}：</b>
                  {o.answer}
                </>
              ) : null}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { title: t('objection.resource'), dataIndex: 'resourceName' },
          { title: t('objection.key'), dataIndex: 'maskedKey' },
          {
            title: t('objection.item'),
            dataIndex: 'item',
            render: (item: string | null) => item ?? t('objection.wholeRecord'),
          },
          {
            title: direction === 'incoming' ? t('objection.consumer') : t('objection.provider'),
            key: 'other',
            render: (_, o) => <DeptName id={direction === 'incoming' ? o.consumerId : o.providerId} />,
          },
          {
            title: t('objection.raisedBy'),
            key: 'raisedBy',
            render: (_, o) => <Person login={o.raisedBy} name={o.raisedByName} />,
          },
          { title: t('objection.raisedAt'), dataIndex: 'createdAt', render: (at: string) => formatTime(at) },
          {
            title: t('objection.due'),
            dataIndex: 'dueDate',
            render: (due: string, o) => (
              <>
                {due} {o.overdue ? <Tag color="red">{t('objection.overdue')}</Tag> : null}
                {o.late ? <Tag color="volcano">{t('objection.late')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('objection.statusLabel'),
            dataIndex: 'status',
            render: (s: ObjectionStatus) => <Tag color={STATUS_COLOR[s]}>{label('objectionStatus', s)}</Tag>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, o) =>
              direction === 'incoming' && o.status === 'open' ? (
                <Button
                  size="small"
                  type="primary"
                  data-testid="answer-objection"
                  onClick={() => setAnswering(o)}
                >
                  {t('objection.answerAction')}
                </Button>
              ) : null,
          },
        ]}
      />
      {answering ? (
        <AnswerModal
          objection={answering}
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

function AnswerModal({ objection, onClose }: { objection: ObjectionView; onClose(done: boolean): void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ outcome: 'corrected' | 'confirmed'; reason?: string }>()
  const outcome = Form.useWatch('outcome', form)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const values = await form.validateFields()
    setBusy(true)
    try {
      await quality.answer(objection.id, {
        outcome: values.outcome,
        reason: values.reason?.trim() || undefined,
      })
      void message.success(t('objection.answered'))
      onClose(true)
    } catch (error) {
      void message.error(errorText(error, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open
      title={`${t('objection.answerAction')} · ${objection.resourceName} · ${objection.maskedKey}`}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {t('objection.evidence')}：{objection.evidence}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ outcome: 'confirmed' }} data-testid="answer-form">
        <Form.Item name="outcome" label={t('objection.outcome')}>
          <Radio.Group
            options={[
              { value: 'confirmed', label: t('objection.confirmed') },
              { value: 'corrected', label: t('objection.corrected') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('objection.reason')}
          extra={outcome === 'corrected' ? t('objection.correctedHint') : undefined}
          rules={[
            { required: outcome !== 'corrected', whitespace: true, message: t('objection.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
