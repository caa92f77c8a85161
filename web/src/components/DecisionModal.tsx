/**
 * An approver answers a sharing request: approve all or some items, or refuse with a reason. On
 * approval (issue 11) the approver grants an access mode no wider than the one asked (bulk of
 * personal data only with a reason), and may set a daily budget and a row scope.
 */
import { Alert, App, Checkbox, Form, Input, Modal, Radio, Switch } from 'antd'
import { useEffect, useState } from 'react'
import type { RequestView } from '../../../src/modules/sharing/schema'
import type { AccessMode } from '../../../src/modules/sharing/vocabulary'
import { catalog, sharing } from '../api/endpoints'
import { useI18n } from '../i18n'
import {
  hasPersonalItems,
  isAccessMode,
  type LimitFields,
  LimitInputs,
  ModeRadio,
  rowScopeOf,
} from './access-mode'
import { errorField, errorText } from './notify'
import { useLoad } from './use-load'

interface Fields extends LimitFields {
  decision: 'approve' | 'reject'
  items: string[]
  reason?: string
  plain: boolean
  accessMode: AccessMode
  modeReason?: string
}

export function DecisionModal({ request, onClose }: { request: RequestView; onClose(done: boolean): void }) {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<Fields>()
  const decision = Form.useWatch('decision', form)
  const mode = Form.useWatch('accessMode', form)
  const scopeItem = Form.useWatch('scopeItem', form)
  const [busy, setBusy] = useState(false)
  // The resource's items say what is personal (bulk needs a reason) and what a row scope may name.
  const resource = useLoad(() => catalog.resource(request.resourceId), [request.resourceId])
  const items = resource.data?.items ?? []
  const personal = hasPersonalItems(items)
  // Requests from before access modes have none: the server reads them as lookup.
  const requested: AccessMode = isAccessMode(request.accessMode) ? request.accessMode : 'lookup'
  // As the server does when the approver says nothing: bulk of personal data falls back to lookup.
  // Until the resource's items are known, bulk shows as lookup; bulk of non-personal data stays bulk.
  const initialMode: AccessMode = requested === 'bulk' ? 'lookup' : requested
  const loaded = resource.data !== undefined
  useEffect(() => {
    if (loaded && requested === 'bulk' && !personal && !form.isFieldTouched('accessMode')) {
      form.setFieldValue('accessMode', 'bulk')
    }
  }, [loaded, requested, personal, form])

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
        ...(approve
          ? {
              accessMode: fields.accessMode,
              modeReason: fields.accessMode === 'bulk' ? fields.modeReason?.trim() || undefined : undefined,
              dailyBudget: fields.dailyBudget ?? undefined,
              rowScope: rowScopeOf(fields) ?? undefined,
            }
          : {}),
      })
      message.success(approve ? t('decide.approved') : t('decide.rejected'))
      onClose(true)
    } catch (error) {
      const field = errorField(error)
      if (field === 'modeReason' || field === 'accessMode') {
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
        description={`${t('request.mode')}：${label('accessMode', requested)}`}
        style={{ marginBottom: 12 }}
      />
      <Form<Fields>
        form={form}
        layout="vertical"
        initialValues={{ decision: 'approve', items: request.items, plain: false, accessMode: initialMode }}
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
            {requested === 'bulk' && personal ? (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('decide.bulkDefault')} />
            ) : null}
            <Form.Item
              name="accessMode"
              label={t('decide.mode')}
              extra={t('decide.modeHint', { mode: label('accessMode', requested) })}
            >
              <ModeRadio testId="decide-mode" max={requested} />
            </Form.Item>
            {mode === 'bulk' && personal ? (
              <Form.Item
                name="modeReason"
                label={t('decide.modeReason')}
                rules={[{ required: true, whitespace: true, message: t('decide.modeReasonRequired') }]}
              >
                <Input.TextArea data-testid="mode-reason" rows={2} maxLength={1000} />
              </Form.Item>
            ) : null}
            <LimitInputs items={items} scopeItem={scopeItem} />
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
