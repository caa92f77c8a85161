/**
 * Issue 13 (等保 2.0 level 3): the API clients of the admin's departments — issue one (the secret
 * shown once), rotate its secret (again once), revoke it for good, and limit the addresses it may
 * call from. The server decides who may (client.* : dept_admin in scope, platform_admin anywhere).
 */
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import type { ApiClientView, ClientSecurityView, CreatedClient } from '../../../src/modules/org/schema'
import { CLIENT_ROLES } from '../../../src/modules/org/vocabulary'
import type { Role } from '../../../src/shared/schema'
import { org } from '../api/endpoints'
import { useI18n } from '../i18n'
import { formatTime } from './dates'
import { DeptName, useDepartments } from './departments'
import { errorField, errorText } from './notify'
import { ReasonModal } from './ReasonModal'
import { useSession } from './session'
import { useLoad } from './use-load'

/** A row: the list's view with the security settings read from the client's own route. */
type ClientRow = ApiClientView & Pick<ClientSecurityView, 'allowedCidrs' | 'secretRotatedAt'>

/** The server's limit on the allowlist (client-routes.ts). */
const MAX_CIDRS = 50

async function loadClients(): Promise<ClientRow[]> {
  const { items } = await org.clients()
  return Promise.all(
    items.map(async (client) => {
      const security = await org.client(client.id)
      return { ...client, allowedCidrs: security.allowedCidrs, secretRotatedAt: security.secretRotatedAt }
    }),
  )
}

export function ApiClientsTab() {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const clients = useLoad(loadClients, [])
  const [creating, setCreating] = useState(false)
  const [secret, setSecret] = useState<{ name: string; clientId: string; clientSecret: string } | null>(null)
  const [revoking, setRevoking] = useState<ClientRow | null>(null)
  const [editing, setEditing] = useState<ClientRow | null>(null)
  const rotate = async (row: ClientRow) => {
    try {
      const reply = await org.rotateSecret(row.id)
      setSecret({ name: row.name, ...reply })
      clients.reload()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)}>
        {t('clients.new')}
      </Button>
      <Table<ClientRow>
        rowKey="id"
        size="small"
        loading={clients.loading}
        dataSource={clients.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('clients.name'),
            dataIndex: 'name',
            width: 220,
            render: (name: string, row) => (
              <Space orientation="vertical" size={0}>
                <span>{name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} copyable>
                  {row.clientId}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('org.department'),
            dataIndex: 'departmentId',
            render: (id: string) => <DeptName id={id} />,
          },
          {
            title: t('org.roles'),
            dataIndex: 'roles',
            render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{label('role', r)}</Tag>),
          },
          {
            title: t('org.status'),
            dataIndex: 'status',
            width: 80,
            render: (v: string) =>
              v === 'active' ? t('org.statusActive') : <Tag color="red">{t('clients.revoked')}</Tag>,
          },
          {
            title: t('clients.allowed'),
            dataIndex: 'allowedCidrs',
            width: 170,
            render: (cidrs: string[] | null) =>
              cidrs === null ? (
                <Typography.Text type="secondary">{t('clients.anyAddress')}</Typography.Text>
              ) : (
                cidrs.map((c) => (
                  <Tag key={c} style={{ fontFamily: 'monospace' }}>
                    {c}
                  </Tag>
                ))
              ),
          },
          {
            title: t('org.createdAt'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string, row) => (
              <span
                title={
                  row.secretRotatedAt
                    ? t('clients.rotatedAt', { at: formatTime(row.secretRotatedAt) })
                    : undefined
                }
              >
                {formatTime(v)}
              </span>
            ),
          },
          {
            title: t('org.actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, row) =>
              row.status === 'active' ? (
                <Space size={2} wrap>
                  <Popconfirm title={t('clients.confirmRotate')} onConfirm={() => rotate(row)}>
                    <Button size="small" type="link">
                      {t('clients.rotate')}
                    </Button>
                  </Popconfirm>
                  <Button size="small" type="link" onClick={() => setEditing(row)}>
                    {t('clients.allowed')}
                  </Button>
                  <Button size="small" type="link" danger onClick={() => setRevoking(row)}>
                    {t('clients.revoke')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {creating ? (
        <CreateClient
          onClose={(created) => {
            setCreating(false)
            if (created) {
              setSecret({
                name: created.name,
                clientId: created.clientId,
                clientSecret: created.clientSecret,
              })
              clients.reload()
            }
          }}
        />
      ) : null}
      {secret ? <SecretOnce {...secret} onClose={() => setSecret(null)} /> : null}
      {revoking ? (
        <ReasonModal
          title={t('clients.revokeTitle', { name: revoking.name })}
          label={t('clients.revokeReason')}
          note={t('clients.revokeNote')}
          danger
          maxLength={500}
          onSubmit={(reason) => org.revokeClient(revoking.id, reason)}
          onClose={(done) => {
            setRevoking(null)
            if (done) {
              message.success(t('clients.revoked'))
              clients.reload()
            }
          }}
        />
      ) : null}
      {editing ? (
        <AllowedAddresses
          client={editing}
          onClose={(saved) => {
            setEditing(null)
            if (saved) {
              clients.reload()
            }
          }}
        />
      ) : null}
    </>
  )
}

/** The secret, once: nothing else in the portal can show it again. */
function SecretOnce({
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

function CreateClient({ onClose }: { onClose(created: CreatedClient | null): void }) {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const { user } = useSession()
  const { list } = useDepartments()
  const [form] = Form.useForm<ClientFields>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const fields = await form.validateFields()
    setBusy(true)
    try {
      onClose(await org.createClient({ ...fields, name: fields.name.trim() }))
    } catch (error) {
      const head = errorField(error)?.split('.')[0]
      if (head === 'name' || head === 'departmentId' || head === 'roles') {
        form.setFields([{ name: head, errors: [errorText(error, t)] }])
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
      title={t('clients.new')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={() => onClose(null)}
    >
      <Form<ClientFields>
        form={form}
        layout="vertical"
        initialValues={{ departmentId: user?.departmentId, roles: ['consumer'] }}
      >
        <Form.Item
          name="name"
          label={t('clients.name')}
          extra={t('clients.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('org.department')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={list.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('org.roles')}
          extra={t('clients.rolesHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
        >
          <Checkbox.Group options={CLIENT_ROLES.map((r) => ({ value: r, label: label('role', r) }))} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** `a.b.c.d[/n]` or `x::y[/n]`, as the server's parseCidr accepts them. */
export function isCidr(text: string): boolean {
  const parts = text.split('/')
  if (parts.length > 2 || text.length < 2 || text.length > 64) {
    return false
  }
  const [address = '', prefix] = parts
  let max: number
  if (IPV4.test(address)) {
    max = 32
  } else if (address.includes(':') && isIpv6(address)) {
    max = 128
  } else {
    return false
  }
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max)
}

/** The browser's own URL parser knows IPv6 (no zone ids, which the server refuses too). */
function isIpv6(address: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(address)) {
    return false
  }
  try {
    new URL(`http://[${address}]/`)
    return true
  } catch {
    return false
  }
}

function AllowedAddresses({ client, onClose }: { client: ClientRow; onClose(saved: boolean): void }) {
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
