/** Asks for a reason (a dispute, a return with comment) and hands it to `onSubmit`. */
import { App, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useI18n } from '../i18n'
import { errorText } from './notify'

export function ReasonModal({
  title,
  label,
  onSubmit,
  onClose,
}: {
  title: string
  label: string
  onSubmit(reason: string): Promise<unknown>
  onClose(done: boolean): void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ reason: string }>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const { reason } = await form.validateFields()
    setBusy(true)
    try {
      await onSubmit(reason.trim())
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
      title={title}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={label}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
