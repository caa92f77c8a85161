/** Change my password; shown on its own before anything else when the account must change it first. */
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { auth } from '../api/endpoints'
import { LangSwitch } from '../components/LangSwitch'
import { NewPasswordField } from '../components/NewPasswordField'
import { errorField, errorText } from '../components/notify'
import { navigate } from '../components/router'
import { useSession } from '../components/session'
import { useI18n } from '../i18n'

interface Fields {
  currentPassword: string
  newPassword: string
  confirm: string
}

export function PasswordPage({ forced = false }: { params: Record<string, string>; forced?: boolean }) {
  const { t } = useI18n()
  const { message } = App.useApp()
  const { passwordChanged, signOut } = useSession()
  const [form] = Form.useForm<Fields>()
  const [busy, setBusy] = useState(false)

  const submit = async (fields: Fields) => {
    setBusy(true)
    try {
      await auth.changePassword(fields.currentPassword, fields.newPassword)
      message.success(t('password.changed'))
      passwordChanged()
      if (!forced) {
        navigate('/')
      }
    } catch (error) {
      const field = errorField(error)
      const text = errorText(error, t)
      if (field === 'currentPassword' || field === 'newPassword') {
        form.setFields([{ name: field, errors: [text] }])
      } else {
        message.error(text)
      }
    } finally {
      setBusy(false)
    }
  }

  const body = (
    <Form<Fields> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 400 }}>
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordField name="newPassword" label={t('password.new')} />
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('form.required') },
          ({ getFieldValue }) => ({
            validator: async (_, v: string | undefined) =>
              !v || v === getFieldValue('newPassword')
                ? undefined
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('password.submit')}
      </Button>
      {forced ? (
        <Button type="link" onClick={() => void signOut()}>
          {t('account.signOut')}
        </Button>
      ) : null}
    </Form>
  )

  if (!forced) {
    return body
  }
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f0f2f5',
      }}
    >
      <Card style={{ width: 460 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LangSwitch />
        </div>
        <Typography.Title level={4}>{t('password.firstTitle')}</Typography.Title>
        <Alert type="info" showIcon title={t('password.firstHint')} style={{ marginBottom: 16 }} />
        {body}
      </Card>
    </div>
  )
}
