/** The signed-in layout: side menu by role, header with language switch and account, the page. */
import { Button, Dropdown, Layout, Menu, type MenuProps, Result, Space, Spin, Typography } from 'antd'
import { Suspense, useMemo } from 'react'
import { useI18n } from '../i18n'
import { DeptName } from './departments'
import { LangSwitch } from './LangSwitch'
import { matchPath, navigate, useLocation } from './router'
import { type PageDef, visiblePages } from './routes'
import { useSession, useUser } from './session'

export function Shell() {
  const { t, label } = useI18n()
  const { hasRole, signOut } = useSession()
  const user = useUser()
  const { path } = useLocation()
  const pages = useMemo(() => visiblePages(hasRole), [hasRole])
  const found = findPage(pages, path)

  const menuItems = useMemo(() => menuOf(pages, (key) => t(key)), [pages, t])
  const selected = found && !found.page.hidden ? found.page.path : parentOf(pages, path)

  const accountMenu: MenuProps['items'] = [
    { key: 'password', label: t('account.changePassword'), onClick: () => navigate('/account/password') },
    { key: 'logout', label: t('account.signOut'), onClick: () => void signOut() },
  ]

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="dark" breakpoint="lg" collapsedWidth={64}>
        <div style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, fontSize: 15, lineHeight: 1.3 }}>
          {t('app.name')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={['menu.bureau']}
          items={menuItems}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end' }}
        >
          <Space size="large">
            <LangSwitch />
            <Dropdown menu={{ items: accountMenu }}>
              <Button type="text" data-testid="account-menu">
                {user.displayName || user.username} · <DeptName id={user.departmentId} /> ·{' '}
                {user.roles.map((r) => label('role', r)).join('、')}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16, padding: 20, background: '#fff', minWidth: 0 }}>
          <Suspense fallback={<Spin />}>
            {found ? (
              <>
                <Typography.Title level={4} style={{ marginTop: 0 }}>
                  {t(found.page.title)}
                </Typography.Title>
                <found.page.component params={found.params} />
              </>
            ) : (
              <Result status="404" title={t('page.notFound')} />
            )}
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}

function findPage(pages: PageDef[], path: string): { page: PageDef; params: Record<string, string> } | null {
  for (const page of pages) {
    const params = matchPath(page.path, path)
    if (params) {
      return { page, params }
    }
  }
  return null
}

/** A hidden page highlights the menu entry it belongs to ('/my-catalog/new' → '/my-catalog'). */
function parentOf(pages: PageDef[], path: string): string | undefined {
  return pages
    .filter((p) => !p.hidden && p.path !== '/' && path.startsWith(`${p.path}/`))
    .map((p) => p.path)
    .sort((a, b) => b.length - a.length)[0]
}

function menuOf(pages: PageDef[], t: (key: PageDef['title']) => string): MenuProps['items'] {
  const items: NonNullable<MenuProps['items']> = []
  const groups = new Map<string, Array<{ key: string; label: string }>>()
  for (const page of pages.filter((p) => !p.hidden)) {
    const entry = { key: page.path, label: t(page.title) }
    if (page.group) {
      let group = groups.get(page.group)
      if (!group) {
        group = []
        groups.set(page.group, group)
        items.push({ key: page.group, label: t(page.group), children: group })
      }
      group.push(entry)
    } else {
      items.push(entry)
    }
  }
  return items
}
