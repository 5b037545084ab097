// Debian Chromium via playwright-core (no downloaded browser), phone-sized, with guards every page must pass.
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { ROOT } from './backend'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const VIEWPORT = { width: 375, height: 812 }
export const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
/**
 * The README's screenshots are rewritten only on request (`UPDATE_SCREENSHOTS=1 npm run e2e`); an ordinary run
 * still takes every picture (so each page is rendered and checked for horizontal scroll) but into e2e/artifacts,
 * leaving the checkout as it found it.
 */
export const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : path.join(ROOT, 'e2e', 'artifacts', 'screenshots')
export const ARTIFACT_DIR = path.join(ROOT, 'e2e', 'artifacts')

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`)
  // playwright's launch() gives every run a fresh temporary profile (user data dir) and removes it on close.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

/**
 * One phone = one browser context (its own localStorage, so its own signed-in user). A Chinese phone in Shanghai
 * unless `place` says otherwise (a US-locale browser in New York, to show the app does not follow the browser).
 */
export async function newPhone(
  browser: Browser,
  baseURL: string,
  place: { locale: string; timezoneId: string } = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: PHONE_UA,
    ...place,
  })
}

export interface PageProblems {
  pageErrors: string[]
  consoleErrors: string[]
}

const problems = new WeakMap<Page, PageProblems>()

/** Records uncaught page errors (which fail the test) and console errors (reported) of a page. */
export function watch(page: Page, label: string): PageProblems {
  const p: PageProblems = { pageErrors: [], consoleErrors: [] }
  problems.set(page, p)
  page.on('pageerror', (e) => p.pageErrors.push(`[${label}] ${e.stack ?? e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') p.consoleErrors.push(`[${label}] ${m.text()}`)
  })
  return p
}

export function problemsOf(page: Page): PageProblems {
  return problems.get(page) ?? { pageErrors: [], consoleErrors: [] }
}

/** The element as the user sees it: Taro keeps earlier pages of the stack in the DOM, hidden. */
export function ui(page: Page, selector: string): Locator {
  return page.locator(`${selector} >> visible=true`)
}

/** A 375 px phone must never scroll sideways (docs/DESIGN.md#phones-and-screens). */
export async function assertNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    client: document.documentElement.clientWidth,
  }))
  if (m.scroll > VIEWPORT.width || m.body > VIEWPORT.width) {
    throw new Error(`${what}: horizontal scroll at ${VIEWPORT.width} px (documentElement.scrollWidth=${m.scroll}, body.scrollWidth=${m.body})`)
  }
}

/** A README screenshot (committed when UPDATE_SCREENSHOTS=1) of the page as it is now, after the no-horizontal-scroll check. */
export async function shoot(page: Page, name: string): Promise<void> {
  await assertNoHorizontalScroll(page, name)
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // Let toasts fade and images decode so the picture shows the page, not a transition.
  await page
    .waitForFunction(() => [...document.querySelectorAll('.taro__toast')].every((t) => getComputedStyle(t).display === 'none'), null, {
      timeout: 4000,
    })
    .catch(() => undefined)
  await page.evaluate(() => Promise.all([...document.images].map((i) => (i.complete ? null : i.decode().catch(() => null)))))
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true, animations: 'disabled' })
}

/** On a failure: a screenshot of every open page into e2e/artifacts (gitignored). */
export async function shootFailure(step: string, pages: Record<string, Page | undefined>): Promise<string[]> {
  fs.mkdirSync(ARTIFACT_DIR, { recursive: true })
  const saved: string[] = []
  for (const [who, page] of Object.entries(pages)) {
    if (!page || page.isClosed()) continue
    const file = path.join(ARTIFACT_DIR, `${step}-${who}.png`)
    try {
      await page.screenshot({ path: file, fullPage: true, timeout: 5000 })
      fs.writeFileSync(file.replace(/\.png$/, '.html'), await page.content())
      saved.push(file)
    } catch {
      // the page may be gone; the error that got us here matters more
    }
  }
  return saved
}

/**
 * Fails when a page logged a console error other than the browser's own line for an expected HTTP error answer
 * (e.g. 401 before signing in, or a 409 the walk provokes on purpose). Anything else logged is a bug.
 */
export function assertNoUnexpectedConsoleErrors(
  pages: Record<string, Page | undefined>,
  expectedStatuses: number[] = [401],
  alsoExpected: RegExp[] = [],
): void {
  const expected = new RegExp(`^\\[[^\\]]+\\] Failed to load resource: the server responded with a status of (${expectedStatuses.join('|')})`)
  const unexpected = Object.values(pages)
    .flatMap((p) => (p ? problemsOf(p).consoleErrors : []))
    .filter((m) => !expected.test(m) && !alsoExpected.some((r) => r.test(m)))
  if (unexpected.length) throw new Error(`unexpected console errors:\n${unexpected.join('\n')}`)
}
