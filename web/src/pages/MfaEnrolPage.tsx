/**
 * Second-factor enrolment (issue 13): a QR code of the otpauth:// URI made by the server, the key
 * for typing by hand, a first code to confirm, then the recovery codes, shown this once.
 */
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import type { EnrolReply } from '../../../src/modules/org/schema'
import { auth } from '../api/endpoints'
import { LangSwitch } from '../components/LangSwitch'
import { errorText } from '../components/notify'
import { useSession } from '../components/session'
import { useI18n } from '../i18n'

export function MfaEnrolPage() {
  const { t } = useI18n()
  const { message } = App.useApp()
  const { mfaEnrolled, signOut } = useSession()
  const [enrolment, setEnrolment] = useState<EnrolReply | null>(null)
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  const [busy, setBusy] = useState(false)

  const start = async () => {
    setBusy(true)
    try {
      setEnrolment(await auth.startMfa())
    } catch (error) {
      message.error(errorText(error, t))
    } finally {
      setBusy(false)
    }
  }

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true)
    try {
      setRecoveryCodes((await auth.confirmMfa(code)).recoveryCodes)
    } catch (error) {
      message.error(errorText(error, t))
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
        background: '#f0f2f5',
      }}
    >
      <Card style={{ width: 480 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LangSwitch />
        </div>
        <Typography.Title level={4}>{t('mfa.title')}</Typography.Title>
        {recoveryCodes ? (
          <>
            <Alert
              type="warning"
              showIcon
              title={t('mfa.recoveryTitle')}
              description={t('mfa.recoveryHint')}
            />
            <pre data-testid="recovery-codes" style={{ fontSize: 16, margin: '16px 0' }}>
              {recoveryCodes.join('\n')}
            </pre>
            <Button type="primary" onClick={mfaEnrolled}>
              {t('mfa.done')}
            </Button>
          </>
        ) : (
          <>
            <Alert type="info" showIcon title={t('mfa.hint')} style={{ marginBottom: 16 }} />
            {enrolment ? (
              <Form<{ code: string }> layout="vertical" onFinish={confirm}>
                <img
                  data-testid="mfa-qr"
                  src={enrolment.qrDataUrl}
                  alt="otpauth QR"
                  width={220}
                  height={220}
                />
                <Typography.Paragraph type="secondary">
                  {t('mfa.secret')}:{' '}
                  <Typography.Text code copyable data-testid="mfa-secret">
                    {enrolment.secret}
                  </Typography.Text>
                </Typography.Paragraph>
                <Form.Item
                  name="code"
                  label={t('login.totp')}
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpRequired') }]}
                >
                  <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('mfa.confirm')}
                </Button>
              </Form>
            ) : (
              <Button type="primary" onClick={() => void start()} loading={busy}>
                {t('mfa.start')}
              </Button>
            )}
          </>
        )}
        <div style={{ marginTop: 16 }}>
          <Button type="link" onClick={() => void signOut()}>
            {t('account.signOut')}
          </Button>
        </div>
      </Card>
    </div>
  )
}
