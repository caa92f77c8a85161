/** Art. 26: a consumer doubts a record it read (or one of its items) and says why. */
import { App, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { quality } from '../api/endpoints'
import { useI18n } from '../i18n'
import { errorText } from './notify'

export function ObjectionModal({
  resourceId,
  recordKey,
  items,
  onClose,
}: {
  resourceId: string
  recordKey: string
  /** The granted items: only those may be objected to. */
  items: string[]
  onClose(raised: boolean): void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ item?: string; evidence: string }>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const { item, evidence } = await form.validateFields()
    setBusy(true)
    try {
      await quality.raise({ resourceId, key: recordKey, item: item || undefined, evidence: evidence.trim() })
      void message.success(t('objection.raised'))
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
      title={t('objection.raise')}
      okText={t('objection.submit')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="objection-form">
        <Form.Item name="item" label={t('objection.item')} extra={t('objection.itemHint')}>
          <Select
            allowClear
            data-testid="objection-item"
            placeholder={t('objection.wholeRecord')}
            options={items.map((name) => ({ value: name, label: name }))}
          />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('objection.evidence')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} placeholder={t('objection.evidenceHint')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
