/**
 * Apply for (conditional) or subscribe to (unconditional) some items of a resource, choosing how the
 * data will be used (issue 11): verify first and preselected, the least data a purpose needs.
 */
import { Alert, App, Checkbox, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import type { ResourceView } from '../../../src/modules/catalog/schema'
import type { AccessMode } from '../../../src/modules/sharing/vocabulary'
import { sharing } from '../api/endpoints'
import { useI18n } from '../i18n'
import { hasPersonalItems, ModeRadio } from './access-mode'
import { DateInput } from './DateInput'
import { todayInShanghai } from './dates'
import { errorField, errorText } from './notify'

interface Fields {
  items: string[]
  purpose: string
  basis?: string
  validTo?: string
  accessMode: AccessMode
}

/** A purpose that only checks what the consumer already holds: verify is enough. */
const CHECK_PURPOSE = /核验|核查|核实|核对|比对|验证|身份|verif|check|match/i

export function ApplyModal({
  resource,
  onClose,
}: {
  resource: ResourceView
  onClose(applied: boolean): void
}) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<Fields>()
  const [busy, setBusy] = useState(false)
  const subscribe = resource.shareType === 'unconditional'
  const personal = hasPersonalItems(resource.items)
  const mode = Form.useWatch('accessMode', form)
  const purpose = Form.useWatch('purpose', form)

  const submit = async () => {
    const fields = await form.validateFields()
    setBusy(true)
    try {
      const reply = await sharing.apply({
        resourceId: resource.id,
        items: fields.items,
        purpose: fields.purpose.trim(),
        basis: fields.basis?.trim() || undefined,
        validTo: fields.validTo || undefined,
        accessMode: fields.accessMode,
      })
      message.success(
        reply.status === 'granted' ? t('apply.granted') : t('apply.submitted', { due: reply.dueDate ?? '—' }),
      )
      onClose(true)
    } catch (error) {
      const field = errorField(error)
      if (field === 'purpose' || field === 'items' || field === 'validTo' || field === 'accessMode') {
        form.setFields([{ name: field, errors: [errorText(error, t)] }])
      } else {
        message.error(errorText(error, t))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={`${subscribe ? t('apply.subscribeTitle') : t('apply.applyTitle')}：${resource.name}`}
      okText={subscribe ? t('apply.subscribe') : t('apply.apply')}
      onOk={() => void submit().catch(() => {})}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      width={640}
      destroyOnHidden
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        initialValues={{ items: resource.items.map((i) => i.name), accessMode: 'verify' }}
      >
        <Form.Item
          name="items"
          label={t('apply.items')}
          rules={[{ required: true, message: t('apply.itemsRequired') }]}
        >
          <Checkbox.Group options={resource.items.map((i) => ({ label: i.name, value: i.name }))} />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('apply.purpose')}
          rules={[{ required: true, whitespace: true, message: t('apply.purposeRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('apply.purposeHint')} />
        </Form.Item>
        <Form.Item
          name="accessMode"
          label={t('mode.label')}
          extra={t('apply.modeSuggest')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <ModeRadio testId="apply-mode" />
        </Form.Item>
        {mode !== 'verify' && typeof purpose === 'string' && CHECK_PURPOSE.test(purpose) ? (
          <Alert
            data-testid="apply-mode-suggest"
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('apply.modeSuggestPurpose')}
          />
        ) : null}
        {mode === 'bulk' && personal ? (
          <Alert
            data-testid="apply-bulk-note"
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('apply.bulkPersonal')}
          />
        ) : null}
        <Form.Item name="basis" label={t('apply.basis')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="validTo" label={t('apply.validTo')}>
          <DateInput min={todayInShanghai()} testId="apply-valid-to" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
