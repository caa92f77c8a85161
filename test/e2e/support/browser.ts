/**
 * Debian's Chromium driven by playwright-core (no browser download is possible here), headless,
 * with a fresh profile per run so no state leaks between runs.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
/** The target screen. */
export const VIEWPORT = { width: 1366, height: 768 }
export const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'screenshots')

export interface Browser {
  context: BrowserContext
  /** Uncaught page errors and CSP violations seen so far (asserted empty at the end). */
  problems: string[]
  newPage(): Promise<Page>
  close(): Promise<void>
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-wqy-microhei`)
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-e2e-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The portal honours the system's reduced-motion setting: no animation for a test to wait out.
    reducedMotion: 'reduce',
    acceptDownloads: true,
  })
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const problems: string[] = []
  const watch = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text())) {
        problems.push(`console: ${message.text()}`)
      }
    })
  }
  context.on('page', watch)
  for (const page of context.pages()) {
    watch(page)
  }
  return {
    context,
    problems,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Let antd finish its open/close animations so the picture shows the settled page.
  await page.waitForTimeout(350)
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) })
}
