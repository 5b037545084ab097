// Small helpers for walking the H5 build the way a person does: waiting for what the screen shows, signing in
// through the dev-login screen, picking from native selects, and running ordered steps that stop at the first
// failure with screenshots of every phone.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { newPhone, problemsOf, shootFailure, ui, watch } from './browser'

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

/** Signs in through the app's dev-login screen (the H5 stand-in for WeChat identity) by typing the openid. */
export async function signIn(page: Page, openid: string): Promise<void> {
  await page.goto('/#/packages/dev/login/index')
  await ui(page, '.devlogin-openid input').fill(openid)
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

export async function openTab(page: Page, label: string): Promise<void> {
  await ui(page, '.weui-tabbar__item').filter({ hasText: label }).first().click()
}

/** Confirms the Taro modal (showModal) that is open now. */
export async function confirmModal(page: Page): Promise<void> {
  await ui(page, '.taro-model__confirm').click()
}

/**
 * Ordered steps sharing state: each needs the earlier ones, screenshots every phone on failure and fails on
 * uncaught page errors.
 */
export function stepper(pages: Record<string, Page | undefined>) {
  const passed = new Set<number>()
  return function step(n: number, title: string, body: () => Promise<void>, timeoutMs = 120_000) {
    it(
      `${n}. ${title}`,
      async () => {
        for (let k = 1; k < n; k++) if (!passed.has(k)) throw new Error(`not run: step ${k} failed, and step ${n} builds on it`)
        try {
          await body()
        } catch (e) {
          const shots = await shootFailure(`year-step${n}`, pages)
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

/** Scrolls whatever scrolls (Taro H5 pages scroll inside their own container) back to the top, for a screenshot. */
export async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('*'))) if (el.scrollTop > 0) el.scrollTop = 0
    window.scrollTo(0, 0)
  })
}
