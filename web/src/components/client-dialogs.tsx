/** Issue 13: the dialogs of the API clients tab — the secret shown once, a new client, its allowed addresses. */
import { Alert, App, Button, Checkbox, Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import type { ApiClientView, ClientSecurityView, CreatedClient } from '../../../src/modules/org/schema'
import { CLIENT_ROLES } from '../../../src/modules/org/vocabulary'
import type { Role } from '../../../src/shared/schema'
import { org } from '../api/endpoints'
import { useI18n } from '../i18n'
import { isCidr } from './cidr'
import { DepartmentField, FormModal } from './FormModal'
import { errorText } from './notify'
import { useSession } from './session'

/** A row: the list's view with the security settings read from the client's own route. */
export type ClientRow = ApiClientView & Pick<ClientSecurityView, 'allowedCidrs' | 'secretRotatedAt'>

/** The server's limit on the allowlist (client-routes.ts). */
const MAX_CIDRS = 50

/** The secret, once: nothing else in the portal can show it again. */
export function SecretOnce({
  name,
  clientId,
  clientSecret,
  onClose,
}: {
  name: string
  clientId: string
  clientSecret: string
  onClose(): void
}) {
  const { t } = useI18n()
  return (
    <Modal
      open
      title={`${t('clients.secretTitle')} · ${name}`}
      width={600}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('clients.secretStored')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('clients.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph style={{ marginBottom: 4 }} type="secondary">
        {t('clients.clientId')}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code copyable data-testid="client-id">
          {clientId}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 4 }} type="secondary">
        {t('clients.secret')}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="client-secret">
          {clientSecret}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  )
}

interface ClientFields {
  name: string
  departmentId: string
  roles: Role[]
}

const CLIENT_FIELDS = ['name', 'departmentId', 'roles'] as const

/** Issue a client: a name, its department and its roles (cataloger and/or consumer). */
export function CreateClient({ onClose }: { onClose(created: CreatedClient | null): void }) {
  const { t, label } = useI18n()
  const { user } = useSession()
  const [form] = Form.useForm<ClientFields>()
  return (
    <FormModal<ClientFields, CreatedClient>
      title={t('clients.new')}
      form={form}
      fields={CLIENT_FIELDS}
      initialValues={{ departmentId: user?.departmentId, roles: ['consumer'] }}
      send={(fields) => org.createClient({ ...fields, name: fields.name.trim() })}
      onDone={onClose}
      onCancel={() => onClose(null)}
    >
      <Form.Item
        name="name"
        label={t('clients.name')}
        extra={t('clients.nameHint')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <DepartmentField />
      <Form.Item
        name="roles"
        label={t('org.roles')}
        extra={t('clients.rolesHint')}
        rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
      >
        <Checkbox.Group options={CLIENT_ROLES.map((r) => ({ value: r, label: label('role', r) }))} />
      </Form.Item>
    </FormModal>
  )
}

/** The addresses a client may call from; none listed: any. */
export function AllowedAddresses({ client, onClose }: { client: ClientRow; onClose(saved: boolean): void }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ cidrs: string }>()
  const [busy, setBusy] = useState(false)
  const linesOf = (text: string | undefined) =>
    (text ?? '')
      .split(/[\n,，;；\s]+/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
  const submit = async () => {
    const { cidrs } = await form.validateFields()
    const lines = linesOf(cidrs)
    setBusy(true)
    try {
      await org.setAllowedAddresses(client.id, lines.length === 0 ? null : lines)
      message.success(t('common.saved'))
      onClose(true)
    } catch (error) {
      form.setFields([{ name: 'cidrs', errors: [errorText(error, t)] }])
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open
      title={t('clients.allowedTitle', { name: client.name })}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(false)}
    >
      <Form form={form} layout="vertical" initialValues={{ cidrs: (client.allowedCidrs ?? []).join('\n') }}>
        <Form.Item
          name="cidrs"
          label={t('clients.allowed')}
          extra={t('clients.allowedHint', { n: MAX_CIDRS })}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const lines = linesOf(value)
                if (lines.length > MAX_CIDRS) {
                  throw new Error(t('clients.tooMany', { n: MAX_CIDRS }))
                }
                const bad = lines.find((line) => !isCidr(line))
                if (bad !== undefined) {
                  throw new Error(t('clients.badCidr', { value: bad }))
                }
              },
            },
          ]}
        >
          <Input.TextArea
            rows={6}
            spellCheck={false}
            style={{ fontFamily: 'monospace' }}
            placeholder="10.1.2.0/24"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
