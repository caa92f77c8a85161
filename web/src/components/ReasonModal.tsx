/** Asks for a reason (a dispute, a return with comment) and hands it to `onSubmit`. */
import { Alert, App, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useI18n } from '../i18n'
import { errorText } from './notify'

export function ReasonModal({
  title,
  label,
  note,
  danger,
  maxLength = 2000,
  onSubmit,
  onClose,
}: {
  title: string
  label: string
  /** A warning shown above the reason (what the action does). */
  note?: string
  /** Words the OK button as a dangerous, final act. */
  danger?: boolean
  /** The server's limit on the reason. */
  maxLength?: number
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
      okButtonProps={{ danger }}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {note ? <Alert type="warning" showIcon title={note} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={label}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={maxLength} showCount={maxLength < 2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
