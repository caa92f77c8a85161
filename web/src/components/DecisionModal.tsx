/** An approver answers a sharing request: approve all or some items, or refuse with a reason. */
import { Alert, App, Checkbox, Form, Input, Modal, Radio, Switch } from 'antd'
import { useState } from 'react'
import { sharing } from '../api/endpoints'
import type { SharingRequest } from '../api/types'
import { useI18n } from '../i18n'
import { errorText } from './notify'

interface Fields {
  decision: 'approve' | 'reject'
  items: string[]
  reason?: string
  plain: boolean
}

export function DecisionModal({
  request,
  onClose,
}: {
  request: SharingRequest
  onClose(done: boolean): void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<Fields>()
  const decision = Form.useWatch('decision', form)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const fields = await form.validateFields()
    setBusy(true)
    try {
      const approve = fields.decision === 'approve'
      await sharing.decide(request.id, {
        decision: fields.decision,
        items: approve ? fields.items : undefined,
        reason: fields.reason?.trim() || undefined,
        plain: approve && fields.plain ? true : undefined,
      })
      message.success(approve ? t('decide.approved') : t('decide.rejected'))
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
      title={`${t('decide.title')}：${request.resourceName}`}
      okText={t('decide.submit')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={`${t('request.purpose')}：${request.purpose}`}
        style={{ marginBottom: 12 }}
      />
      <Form<Fields>
        form={form}
        layout="vertical"
        initialValues={{ decision: 'approve', items: request.items, plain: false }}
      >
        <Form.Item name="decision">
          <Radio.Group
            data-testid="decision"
            options={[
              { value: 'approve', label: t('decide.approve') },
              { value: 'reject', label: t('decide.reject') },
            ]}
          />
        </Form.Item>
        {decision !== 'reject' ? (
          <>
            <Form.Item
              name="items"
              label={t('decide.items')}
              rules={[{ required: true, message: t('apply.itemsRequired') }]}
            >
              <Checkbox.Group options={request.items.map((name) => ({ label: name, value: name }))} />
            </Form.Item>
            <Form.Item
              name="plain"
              label={t('decide.plain')}
              valuePropName="checked"
              extra={t('decide.plainHint')}
            >
              <Switch />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="reason"
          label={t('decide.reason')}
          rules={[{ required: decision === 'reject', whitespace: true, message: t('decide.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
