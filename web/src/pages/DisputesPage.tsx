/** Page 5 (bureau): the arbitration queue — grant, grant in part, or uphold the provider's answer. */

import { App, Button, Checkbox, Form, Input, Modal, Radio, Segmented, Table } from 'antd'
import { useState } from 'react'
import type { DisputeView } from '../../../src/modules/sharing/schema'
import { RESOLUTIONS } from '../../../src/modules/sharing/vocabulary'
import { sharing } from '../api/endpoints'
import { formatTime } from '../components/dates'
import { DeptName } from '../components/departments'
import { EnumTag } from '../components/labels'
import { errorText } from '../components/notify'
import { Person } from '../components/Person'
import { useLoad } from '../components/use-load'
import { useI18n } from '../i18n'

export function DisputesPage() {
  const { t, label } = useI18n()
  const [status, setStatus] = useState<'open' | 'resolved'>('open')
  const [open, setOpen] = useState<DisputeView | null>(null)
  const list = useLoad(() => sharing.disputes(status), [status])
  return (
    <>
      <Segmented<'open' | 'resolved'>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'open', label: label('disputeStatus', 'open') },
          { value: 'resolved', label: label('disputeStatus', 'resolved') },
        ]}
      />
      <Table<DisputeView>
        data-testid="disputes"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('request.resource'), dataIndex: 'resourceName' },
          {
            title: t('request.consumer'),
            dataIndex: 'consumerId',
            render: (id: string) => <DeptName id={id} />,
          },
          {
            title: t('request.provider'),
            dataIndex: 'providerId',
            render: (id: string) => <DeptName id={id} />,
          },
          { title: t('dispute.reason'), dataIndex: 'reason', ellipsis: true },
          {
            title: t('dispute.raisedBy'),
            key: 'raisedBy',
            width: 110,
            render: (_, d) => <Person login={d.raisedBy} name={d.raisedByName} />,
          },
          {
            title: t('dispute.raisedAt'),
            dataIndex: 'raisedAt',
            width: 150,
            render: (v: string) => formatTime(v),
          },
          {
            title: t('request.status'),
            key: 'status',
            width: 150,
            render: (_, d) => (
              <>
                <EnumTag kind="disputeStatus" value={d.status} />
                {d.resolution ? label('resolution', d.resolution) : ''}
              </>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_, d) =>
              d.status === 'open' ? (
                <Button type="link" size="small" onClick={() => setOpen(d)}>
                  {t('dispute.arbitrate')}
                </Button>
              ) : null,
          },
        ]}
      />
      {open ? (
        <ArbitrationModal
          dispute={open}
          onClose={(done) => {
            setOpen(null)
            if (done) {
              list.reload()
            }
          }}
        />
      ) : null}
    </>
  )
}

interface Fields {
  decision: 'grant' | 'partial' | 'uphold'
  items?: string[]
  reason: string
}

function ArbitrationModal({ dispute, onClose }: { dispute: DisputeView; onClose(done: boolean): void }) {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<Fields>()
  const decision = Form.useWatch('decision', form)
  const [busy, setBusy] = useState(false)
  const request = useLoad(() => sharing.request(dispute.requestId), [dispute.requestId])

  const submit = async () => {
    const fields = await form.validateFields()
    setBusy(true)
    try {
      await sharing.arbitrate(dispute.requestId, {
        decision: fields.decision,
        items: fields.decision === 'partial' ? fields.items : undefined,
        reason: fields.reason.trim(),
      })
      message.success(t('dispute.settled'))
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
      width={620}
      title={`${t('dispute.arbitrate')}：${dispute.resourceName}`}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <p>
        {t('dispute.reason')}：{dispute.reason}
      </p>
      {request.data?.decision?.reason ? (
        <p>
          {t('decide.reason')}：{request.data.decision.reason}
        </p>
      ) : null}
      <Form<Fields> form={form} layout="vertical" initialValues={{ decision: 'uphold' }}>
        <Form.Item name="decision">
          <Radio.Group
            options={RESOLUTIONS.map((v) => ({
              value: v,
              label: label('resolution', v),
            }))}
          />
        </Form.Item>
        {decision === 'partial' ? (
          <Form.Item
            name="items"
            label={t('decide.items')}
            rules={[{ required: true, message: t('apply.itemsRequired') }]}
          >
            <Checkbox.Group options={(request.data?.items ?? []).map((n) => ({ label: n, value: n }))} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={t('dispute.resolutionReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
