/**
 * Issue 13: user upkeep in the admin's users table — disable/enable, unlock, reset the password
 * (the temporary one shown once), change roles, read the sign-ins, and — for the platform admin and
 * the security officer only — reset a lost second factor with a reason. The server decides who may;
 * the portal hides buttons on the admin's own row (nobody changes their own account) and the second-
 * factor reset from everyone else.
 */
import { App, Button, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { SignInEntry, UserView } from '../../../src/modules/org/schema'
import { ROLES, type Role } from '../../../src/shared/schema'
import { org } from '../api/endpoints'
import { useI18n } from '../i18n'
import { formatTime } from './dates'
import { errorText } from './notify'
import { ReasonModal } from './ReasonModal'
import { useSession } from './session'
import { useLoad } from './use-load'

export function UserActions({ user, onChanged }: { user: UserView; onChanged(): void }) {
  const { t } = useI18n()
  const { message, modal } = App.useApp()
  const session = useSession()
  const [dialog, setDialog] = useState<'roles' | 'signIns' | 'mfa' | null>(null)
  if (session.user?.id === user.id) {
    return null
  }
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action()
      message.success(done)
      onChanged()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  const reset = async () => {
    try {
      const reply = await org.resetPassword(user.id)
      modal.info({
        title: t('org.temporaryPassword'),
        content: (
          <Typography.Text copyable code data-testid="temporary-password">
            {reply.temporaryPassword}
          </Typography.Text>
        ),
      })
      onChanged()
    } catch (error) {
      message.error(errorText(error, t))
    }
  }
  const disabled = user.status === 'disabled'
  return (
    <Space size={2} wrap>
      {disabled ? (
        <Button
          size="small"
          type="link"
          onClick={() => void run(() => org.enableUser(user.id), t('common.saved'))}
        >
          {t('org.enable')}
        </Button>
      ) : (
        <Popconfirm
          title={t('org.confirmDisable')}
          onConfirm={() => run(() => org.disableUser(user.id), t('common.saved'))}
        >
          <Button size="small" type="link" danger>
            {t('org.disable')}
          </Button>
        </Popconfirm>
      )}
      <Button
        size="small"
        type="link"
        onClick={() =>
          void org.unlockUser(user.id).then(
            (reply) => {
              message.success(reply.wasLocked ? t('org.unlocked') : t('org.notLocked'))
              onChanged()
            },
            (error: unknown) => message.error(errorText(error, t)),
          )
        }
      >
        {t('org.unlock')}
      </Button>
      <Popconfirm title={t('org.confirmReset')} onConfirm={() => reset()}>
        <Button size="small" type="link">
          {t('org.resetPassword')}
        </Button>
      </Popconfirm>
      <Button size="small" type="link" onClick={() => setDialog('roles')}>
        {t('org.changeRoles')}
      </Button>
      <Button size="small" type="link" onClick={() => setDialog('signIns')}>
        {t('org.signIns')}
      </Button>
      {session.hasRole('platform_admin', 'security_officer') ? (
        <Button size="small" type="link" danger onClick={() => setDialog('mfa')}>
          {t('org.resetMfa')}
        </Button>
      ) : null}
      {dialog === 'roles' ? (
        <RolesDialog
          user={user}
          onClose={(changed) => {
            setDialog(null)
            if (changed) {
              onChanged()
            }
          }}
        />
      ) : null}
      {dialog === 'signIns' ? <SignInsDialog user={user} onClose={() => setDialog(null)} /> : null}
      {dialog === 'mfa' ? (
        <ReasonModal
          title={`${t('org.resetMfa')} · ${user.username}`}
          label={t('org.resetMfaReason')}
          note={t('org.resetMfaNote')}
          danger
          maxLength={500}
          onSubmit={(reason) => org.resetMfa(user.id, reason)}
          onClose={(done) => {
            setDialog(null)
            if (done) {
              message.success(t('org.mfaReset'))
              onChanged()
            }
          }}
        />
      ) : null}
    </Space>
  )
}

function RolesDialog({ user, onClose }: { user: UserView; onClose(changed: boolean): void }) {
  const { t, label } = useI18n()
  const { message } = App.useApp()
  const [roles, setRoles] = useState<Role[]>(user.roles)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    setBusy(true)
    try {
      await org.setRoles(user.id, roles)
      message.success(t('common.saved'))
      onClose(true)
    } catch (caught) {
      setError(errorText(caught, t))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal
      open
      title={`${t('org.changeRoles')} · ${user.username}`}
      confirmLoading={busy}
      okButtonProps={{ disabled: roles.length === 0 }}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
    >
      <Typography.Paragraph type="secondary">{t('org.rolesRule')}</Typography.Paragraph>
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        value={roles}
        onChange={(next: Role[]) => {
          setRoles(next)
          setError(null)
        }}
        options={ROLES.map((r) => ({ value: r, label: label('role', r) }))}
      />
      {error ? <Typography.Paragraph type="danger">{error}</Typography.Paragraph> : null}
    </Modal>
  )
}

function SignInsDialog({ user, onClose }: { user: UserView; onClose(): void }) {
  const { t } = useI18n()
  const signIns = useLoad(() => org.signIns(user.id), [user.id])
  return (
    <Modal open width={720} footer={null} title={`${t('org.signIns')} · ${user.username}`} onCancel={onClose}>
      <Table<SignInEntry>
        rowKey="seq"
        size="small"
        loading={signIns.loading}
        dataSource={signIns.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('org.time'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
          { title: t('org.signInAction'), dataIndex: 'action' },
          {
            title: t('org.status'),
            dataIndex: 'ok',
            width: 80,
            render: (ok: boolean) => (
              <Tag color={ok ? 'green' : 'red'}>{ok ? t('org.signInOk') : t('org.signInFailed')}</Tag>
            ),
          },
          { title: t('org.signInReason'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
        ]}
      />
    </Modal>
  )
}
