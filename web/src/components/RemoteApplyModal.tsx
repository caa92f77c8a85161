/** Apply for a provincial resource through this platform (Art. 21): items and purpose; the province decides. */
import { App, Checkbox, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import type { RemoteResourceView } from '../../../src/modules/federation/schema'
import { federation } from '../api/endpoints'
import { useI18n } from '../i18n'
import { errorText } from './notify'

interface Fields {
  items: string[]
  purpose: string
}

export function RemoteApplyModal({
  resource,
  onClose,
}: {
  resource: RemoteResourceView
  onClose(applied: boolean): void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<Fields>()
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const fields = await form.validateFields()
    setBusy(true)
    try {
      await federation.apply(resource.id, { items: fields.items, purpose: fields.purpose.trim() })
      message.success(t('fed.applied'))
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
      title={t('fed.applyTitle', { name: resource.name })}
      okText={t('fed.apply')}
      onOk={submit}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ items: [] }}>
        <Form.Item
          name="items"
          label={t('fed.items')}
          rules={[{ required: true, type: 'array', min: 1, message: t('fed.pickItems') }]}
        >
          <Checkbox.Group
            data-testid="remote-apply-items"
            options={resource.items.map((item) => ({ value: item.name, label: item.name }))}
          />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('fed.purpose')}
          extra={t('fed.purposeHint')}
          rules={[{ required: true, min: 2, max: 500, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="remote-apply-purpose" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
