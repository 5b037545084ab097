// Small verbs the browser tests share: wait for something, sign in through the dev-login screen, read text, pick
// from a native <select>, switch tabs, confirm Taro's H5 modal.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { assertNoHorizontalScroll, newPhone, problemsOf, shootFailure, ui, watch } from './browser'
import { DEV_LOGIN_URL } from '../../src/utils/routes'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function waitUntil<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const v = await probe()
      if (v) return v
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`)
    await sleep(everyMs)
  }
}

/** Date/time pickers' values for a moment in Asia/Shanghai (UTC+8, no DST). */
export function shanghai(t: number): { date: string; time: string; year: number } {
  const iso = new Date(t + 8 * 3600_000).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), year: Number(iso.slice(0, 4)) }
}

/** ISO 8601 with +08:00, as the API takes it. */
export function isoShanghai(t: number): string {
  const { date, time } = shanghai(t)
  return `${date}T${time}:00+08:00`
}

/** Today and this year in Asia/Shanghai (UTC+8, no DST), as date pickers show them. */
export function shanghaiToday(t = Date.now()): { date: string; year: number; monthDay: string } {
  const date = new Date(t + 8 * 3600_000).toISOString().slice(0, 10)
  return { date, year: Number(date.slice(0, 4)), monthDay: `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8, 10))} 日` }
}

export const monthDayOf = (date: string) => `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8, 10))} 日`

export async function newUserPage(browser: Browser, baseUrl: string, contexts: BrowserContext[], label: string): Promise<Page> {
  const ctx = await newPhone(browser, baseUrl)
  contexts.push(ctx)
  const page = await ctx.newPage()
  page.setDefaultTimeout(15_000)
  watch(page, label)
  return page
}

/** A new phone signed in as `openid` (newUserPage, then signIn). */
export async function signedInPage(browser: Browser, baseUrl: string, contexts: BrowserContext[], label: string, openid: string): Promise<Page> {
  const page = await newUserPage(browser, baseUrl, contexts, label)
  await signIn(page, openid)
  return page
}

/** From the home page to one tool of the 工作台 (its `workbench-<key>` tile). */
export async function openWorkbenchTool(page: Page, key: string, url: RegExp): Promise<void> {
  await ui(page, '.home__workbench').click()
  await ui(page, `.workbench-${key}`).click()
  await page.waitForURL(url)
}

/** Signs in through the app's dev-login screen (the H5 stand-in for WeChat identity) by typing the openid. */
export async function signIn(page: Page, openid: string): Promise<void> {
  await page.goto(`/#${DEV_LOGIN_URL}`)
  await ui(page, '.devlogin-openid input').fill(openid)
  await assertNoHorizontalScroll(page, 'dev login')
  await ui(page, '.devlogin-submit').click()
  await page.waitForURL(/#\/pages\/index\/index/)
}

export async function tokenOf(page: Page): Promise<string> {
  const token = await page.evaluate(() => localStorage.getItem('dsj.token'))
  if (!token) throw new Error('the app stored no token after signing in')
  return token
}

export async function text(page: Page, selector: string): Promise<string> {
  return ((await ui(page, selector).first().textContent()) ?? '').trim()
}

/** Picks the option of a native <select> (the H5 OptionPicker) whose label contains `label`. */
export async function choose(page: Page, selector: string, label: string): Promise<void> {
  const select = ui(page, selector).first()
  const value = await waitUntil(
    `an option "${label}" in ${selector}`,
    () => select.evaluate((el, l) => [...(el as HTMLSelectElement).options].find((o) => o.textContent?.includes(l))?.value ?? null, label),
    10_000,
  )
  await select.selectOption(value)
}

/** Taps the tab labelled exactly `label` (我的 is not 我的积分). */
export async function openTab(page: Page, label: string): Promise<void> {
  await ui(page, '.weui-tabbar__item')
    .filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) })
    .first()
    .click()
}

/** Presses the confirm button of Taro's H5 showModal (the one that is open). */
export async function confirmModal(page: Page): Promise<void> {
  await ui(page, '.taro__modal .taro-model__confirm').first().click()
}

/**
 * Steps of a walk-through that share state and run in order: a step needs the earlier ones (and says so instead of
 * failing for a confusing reason), screenshots every phone on failure, and fails on uncaught page errors.
 */
export function makeStep(pages: Record<string, Page | undefined>, prefix = 'step', defaultTimeoutMs = 90_000) {
  const passed = new Set<number>()
  return function step(n: number, title: string, body: () => Promise<void>, timeoutMs = defaultTimeoutMs) {
    it(
      `${n}. ${title}`,
      async () => {
        for (let k = 1; k < n; k++) if (!passed.has(k)) throw new Error(`not run: step ${k} failed, and step ${n} builds on it`)
        try {
          await body()
        } catch (e) {
          const shots = await shootFailure(`${prefix}${n}`, pages)
          if (shots.length && e instanceof Error) e.message += `\n(screenshots: ${shots.join(', ')})`
          throw e
        }
        const errors = Object.values(pages).flatMap((p) => (p ? problemsOf(p).pageErrors : []))
        if (errors.length) throw new Error(`uncaught page errors:\n${errors.join('\n')}`)
        passed.add(n)
      },
      timeoutMs,
    )
  }
}

/** Scrolls the page shown back to its top (on H5 the scrolling element is Taro's page container). */
/** The year-end walk's steps: longer time-outs, their own screenshot names. */
export const stepper = (pages: Record<string, Page | undefined>) => makeStep(pages, 'year-step', 120_000)

export async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.scrollTo(0, 0)
    for (const p of Array.from(document.querySelectorAll('.taro_page'))) p.scrollTop = 0
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.taro_page *'))) if (el.scrollTop > 0) el.scrollTop = 0
  })
}

/**
 * Browser back to the page at `url`, waiting until it shows `selector`: Taro's H5 router animates each pop, and a
 * second back fired mid-animation can leave the stack out of step with the address bar.
 */
export async function goBackTo(page: Page, url: RegExp, selector: string): Promise<void> {
  await page.goBack()
  await page.waitForURL(url)
  try {
    await ui(page, selector).first().waitFor({ timeout: 6000 })
  } catch {
    // Known H5-only glitch: Taro's H5 router now and then leaves a tab page blank after a browser history-back
    // (the mini program's back is native and unaffected). A reload shows the page as a person would see it.
    await page.reload()
    await ui(page, selector).first().waitFor()
  }
}
