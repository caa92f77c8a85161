/**
 * The provider narrows a live grant (issue 11): a narrower access mode, a daily budget, a row
 * scope, with the reason kept in the audit log. Empty budget or row scope removes that limit; the
 * mode offered goes no wider than the current one.
 */
import { Alert, App, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import type { GrantView } from '../../../src/modules/sharing/schema'
import type { AccessMode } from '../../../src/modules/sharing/vocabulary'
import { catalog, sharing } from '../api/endpoints'
import { useI18n } from '../i18n'
import { type LimitFields, LimitInputs, ModeRadio, rowScopeOf } from './access-mode'
import { errorField, errorText } from './notify'
import { useLoad } from './use-load'

interface Fields extends LimitFields {
  accessMode: AccessMode
  reason: string
}

export function GrantLimitsModal({ grant, onClose }: { grant: GrantView; onClose(done: boolean): void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<Fields>()
  const scopeItem = Form.useWatch('scopeItem', form)
  const [busy, setBusy] = useState(false)
  const resource = useLoad(() => catalog.resource(grant.resourceId), [grant.resourceId])
  const items = resource.data?.items ?? []

  const submit = async () => {
    const fields = await form.validateFields()
    setBusy(true)
    try {
      await sharing.limitGrant(grant.id, {
        // Sent only when narrowed: resending bulk of personal data would need its reason again.
        ...(fields.accessMode !== grant.accessMode ? { accessMode: fields.accessMode } : {}),
        dailyBudget: fields.dailyBudget ?? null,
        rowScope: rowScopeOf(fields),
        reason: fields.reason.trim(),
      })
      message.success(t('grant.limited'))
      onClose(true)
    } catch (error) {
      const field = errorField(error)
      if (field === 'accessMode' || field === 'reason') {
        form.setFields([{ name: field, errors: [errorText(error, t)] }])
      } else if (field === 'rowScope') {
        form.setFields([{ name: 'scopeValues', errors: [errorText(error, t)] }])
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
      width={680}
      title={`${t('grant.limit')}：${grant.resourceName}`}
      okText={t('grant.limit')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('grant.limitHint')} />
      <Form<Fields>
        form={form}
        layout="vertical"
        data-testid="grant-limits-form"
        initialValues={{
          accessMode: grant.accessMode,
          dailyBudget: grant.dailyBudget,
          scopeItem: grant.rowScope?.item ?? null,
          scopeValues: grant.rowScope?.values ?? [],
        }}
      >
        <Form.Item name="accessMode" label={t('grant.mode')}>
          <ModeRadio testId="limit-mode" max={grant.accessMode} />
        </Form.Item>
        <LimitInputs items={items} scopeItem={scopeItem} />
        <Form.Item
          name="reason"
          label={t('grant.limitReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea data-testid="limit-reason" rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
