/**
 * Issue 13 (等保 2.0 level 3): the API clients of the admin's departments — issue one (the secret
 * shown once), rotate its secret (again once), revoke it for good, and limit the addresses it may
 * call from. The server decides who may (client.* : dept_admin in scope, platform_admin anywhere).
 */
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { Role } from '../../../src/shared/schema'
import { org } from '../api/endpoints'
import { useI18n } from '../i18n'
import { AllowedAddresses, type ClientRow, CreateClient, SecretOnce } from './client-dialogs'
import { formatTime } from './dates'
import { DeptName } from './departments'
import { errorText } from './notify'
import { ReasonModal } from './ReasonModal'
import { useLoad } from './use-load'

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
