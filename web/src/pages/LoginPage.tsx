/** Page 1: sign in. Wrong password, lockout and the like show as the server's translated message. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { ApiError } from '../api/client'
import { auth } from '../api/endpoints'
import { LangSwitch } from '../components/LangSwitch'
import { errorText } from '../components/notify'
import { useSession } from '../components/session'
import { useI18n } from '../i18n'

interface Credentials {
  username: string
  password: string
  totp?: string
}

export function LoginPage() {
  const { t } = useI18n()
  const { signIn, expired } = useSession()
  const [failure, setFailure] = useState<{ text: string; locked: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  // Shown once the server says the account has a second factor (AUTH_SECOND_FACTOR_REQUIRED).
  const [needsCode, setNeedsCode] = useState(false)

  const submit = async ({ username, password, totp }: Credentials) => {
    setBusy(true)
    setFailure(null)
    try {
      signIn(await auth.login(username.trim(), password, needsCode ? totp : undefined))
    } catch (error) {
      if (error instanceof ApiError && error.code === 'AUTH_SECOND_FACTOR_REQUIRED') {
        setNeedsCode(true)
        return
      }
      setFailure({
        text: errorText(error, t),
        locked: error instanceof ApiError && error.code === 'AUTH_LOCKED',
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #0f3d7a 0%, #1f5fbf 100%)',
      }}
    >
      <Card style={{ width: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LangSwitch />
        </div>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {expired && !failure ? (
          <Alert type="info" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />
        ) : null}
        {failure ? (
          <Alert
            data-testid="login-error"
            type={failure.locked ? 'warning' : 'error'}
            showIcon
            title={failure.text}
            description={failure.locked ? t('login.lockedHint') : undefined}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needsCode ? (
            <Form.Item
              name="totp"
              label={t('login.totp')}
              extra={t('login.totpHint')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpRequired') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
