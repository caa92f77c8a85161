/** Driving the portal the way a person does: labels, buttons, menus, antd selects. */
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'

export interface Account {
  username: string
  password: string
  roles: string[]
  department: string
}

/** The demo seed writes every account with its first password (DATA_DIR/demo-accounts.txt). */
export function readDemoAccounts(dataDir: string): Map<string, Account> {
  const text = fs.readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8')
  const accounts = new Map<string, Account>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('username')) {
      continue
    }
    const [username = '', password = '', roles = '', department = ''] = line.split('\t')
    accounts.set(username, { username, password, roles: roles.split(','), department })
  }
  return accounts
}

/** Every seeded user must replace the first password; they all pick this one in the story. */
export const NEW_PASSWORD = 'Portal#2026new'

/** Waits until `locator` is visible (playwright's own wait, surfaced as a vitest failure). */
export async function visible(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout })
}

export async function fillLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/用户名|Username/).fill(username)
  await page.getByLabel(/^(密码|Password)$/).fill(password)
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click()
}

/**
 * Opens the portal in a fresh tab (its own sessionStorage, so its own session) and signs in; a
 * seeded user goes through the first-sign-in password change.
 */
export async function signIn(page: Page, baseUrl: string, account: Account): Promise<void> {
  await page.goto(baseUrl)
  await fillLogin(page, account.username, account.password)
  const firstTime = page.getByText('首次登录请修改密码')
  const shell = page.getByTestId('account-menu')
  await visible(firstTime.or(shell))
  if (await firstTime.isVisible()) {
    await page.getByLabel('当前密码').fill(account.password)
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: '修改密码' }).click()
    account.password = NEW_PASSWORD
  }
  await visible(shell)
}

export async function openMenu(page: Page, label: string): Promise<void> {
  await page.locator('.ant-layout-sider').getByText(label, { exact: true }).click()
  await visible(page.locator('.ant-layout-content h4', { hasText: label }))
}

/** Picks an option of an antd Select (the dropdown renders at the end of <body>). */
export async function pick(
  page: Page,
  select: Locator,
  option: string | RegExp,
  search?: string,
): Promise<void> {
  await select.click()
  if (search) {
    // Long lists are virtualised: only the options in view exist, so narrow the list first.
    await page.keyboard.type(search)
  }
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last()
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click()
}

export async function expectMessage(page: Page, text: string | RegExp): Promise<void> {
  await visible(page.locator('.ant-message').getByText(text))
}

export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ')
}

/**
 * Unticks a checkbox and waits until it stays unticked: a click during a modal's opening
 * animation or a form re-render can be swallowed, which a single `uncheck()` reports as an error.
 */
export async function untick(checkbox: Locator, attempts = 10): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (!(await checkbox.isChecked())) {
      return
    }
    await checkbox.click({ force: i > 2 })
    await checkbox.page().waitForTimeout(150)
  }
  throw new Error('the checkbox would not untick')
}
