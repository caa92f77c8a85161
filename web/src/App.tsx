/** Providers (language, antd locale, session) and the sign-in gate in front of the shell. */
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { DepartmentsProvider } from './components/departments'
import { Shell } from './components/Shell'
import { SessionProvider, useSession } from './components/session'
import { I18nProvider, useI18n } from './i18n'
import { LoginPage } from './pages/LoginPage'
import { MfaEnrolPage } from './pages/MfaEnrolPage'
import { PasswordPage } from './pages/PasswordPage'

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  )
}

// People who asked their system for less motion (WCAG 2.3.3) get the portal without animations.
const REDUCED_MOTION = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
const THEME = { token: { colorPrimary: '#1f5fbf', motion: !REDUCED_MOTION } }

function Localized() {
  const { lang } = useI18n()
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  )
}

function Gate() {
  const { user, mustEnrolMfa } = useSession()
  if (user === null) {
    return <LoginPage />
  }
  if (user.mustChangePassword) {
    // Seeded and admin-created accounts carry a password someone else knows: replace it first.
    return <PasswordPage params={{}} forced />
  }
  if (mustEnrolMfa) {
    // Bureau and administrator roles sign in with two factors (等保 2.0): enrol before anything else.
    return <MfaEnrolPage />
  }
  return (
    <DepartmentsProvider>
      <Shell />
    </DepartmentsProvider>
  )
}
