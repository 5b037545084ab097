/**
 * Dates and times in Chinese whatever the browser (docs/DESIGN.md#phones-and-screens): a secretary whose browser
 * is set to US English in New York publishes an activity through the H5 build. The date and time fields show
 * 2026年11月22日 and 14:06 (a native <input type=date|time> would show 11/22/2026 and 02:06 PM), and the list of
 * activities shows the time in Asia/Shanghai words (M月D日 HH:mm), not the browser's zone or locale.
 *
 * Real pieces only: the bundled backend with the demo seed, the production H5 build, Debian Chromium.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startBackend, type Backend } from './support/backend'
import path from 'node:path'
import { ARTIFACT_DIR, assertNoHorizontalScroll, assertNoUnexpectedConsoleErrors, launchBrowser, newPhone, ui, watch } from './support/browser'
import { choose, makeStep, shanghai, signIn } from './support/flow'
import { ACTIVITIES_ADMIN_URL, ACTIVITY_NEW_URL } from '../src/utils/routes'

const SECRETARY = 'demo-secretary-e1' // seed: estate secretary of E1 (幸福里小区), whose rule set is adopted
const US_PHONE = { locale: 'en-US', timezoneId: 'America/New_York' }

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { secretary?: Page } = {}
const step = makeStep(pages, 'locale-step')

// Three days ahead in Shanghai, 14:06–16:36: an afternoon time a 12-hour clock would write as 02:06 PM.
const day = shanghai(Date.now() + 3 * 24 * 3600_000).date
const [y, m, d] = day.split('-').map(Number)
const title = `垃圾分类宣传 时区 ${Date.now() % 100000}`

/** The text the field shows as a person sees it (the label around the transparent native input). */
async function fieldShows(page: Page, hookClass: string): Promise<string> {
  const label = ui(page, `input.${hookClass}`).locator('xpath=..')
  return ((await label.textContent()) ?? '').trim()
}

beforeAll(async () => {
  backend = await startBackend()
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined)
  await browser?.close().catch(() => undefined)
  await backend?.stop()
}, 30_000)

afterAll(() => assertNoUnexpectedConsoleErrors(pages, [401]))

describe('Chinese dates in a US-English browser in New York (H5)', () => {
  step(1, 'the 发布活动 form shows its date and time fields in Chinese, not in the browser locale', async () => {
    const ctx = await newPhone(browser, backend.url, US_PHONE)
    contexts.push(ctx)
    const page = (pages.secretary = await ctx.newPage())
    page.setDefaultTimeout(15_000)
    watch(page, 'secretary (en-US, New York)')

    // The browser really is a US one: its own formatting would write the 12-hour US form.
    const browserSays = await page.evaluate(() => ({
      language: navigator.language,
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      local: new Date(Date.UTC(2026, 10, 22, 6, 6)).toLocaleString(),
    }))
    expect(browserSays).toEqual({ language: 'en-US', zone: 'America/New_York', local: '11/22/2026, 1:06:00 AM' })

    await signIn(page, SECRETARY)
    await page.goto(`/#${ACTIVITY_NEW_URL}`)
    await ui(page, 'input.activity-start-date').waitFor()

    // The prefilled start (the next full hour but one) is shown in the app's words.
    const prefilled = await ui(page, 'input.activity-start-date').inputValue()
    expect(prefilled).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const [py, pm, pd] = prefilled.split('-').map(Number)
    expect(await fieldShows(page, 'activity-start-date')).toBe(`${py}年${pm}月${pd}日`)
    expect(await fieldShows(page, 'activity-start-time')).toMatch(/^\d{2}:00$/)

    await ui(page, '.activity-title input').fill(title)
    await ui(page, 'input.activity-start-date').fill(day)
    await ui(page, 'input.activity-start-time').fill('14:06')
    await ui(page, 'input.activity-end-date').fill(day)
    await ui(page, 'input.activity-end-time').fill('16:36')
    await choose(page, 'select.activity-item', '志愿服务（按次）')

    expect(await fieldShows(page, 'activity-start-date')).toBe(`${y}年${m}月${d}日`)
    expect(await fieldShows(page, 'activity-start-time')).toBe('14:06')
    expect(await fieldShows(page, 'activity-end-date')).toBe(`${y}年${m}月${d}日`)
    expect(await fieldShows(page, 'activity-end-time')).toBe('16:36')
    const form = (await ui(page, '.activity-new').textContent()) ?? ''
    expect(form).not.toMatch(/\b(AM|PM)\b|\d{1,2}\/\d{1,2}\/\d{4}/)
    await assertNoHorizontalScroll(page, 'activity-new (en-US)')
    // A picture to look at (e2e/artifacts, ignored), not one of the README's.
    await page.screenshot({ path: path.join(ARTIFACT_DIR, 'locale-activity-new.png'), fullPage: true })

    await ui(page, '.activity-submit').click()
    const created = ui(page, '.activity-created')
    await created.waitFor()
    expect(await created.textContent()).toContain('活动已发布')
  })

  step(2, 'the activity list shows the time in Shanghai words (M月D日 14:06–16:36), not New York time', async () => {
    const page = pages.secretary as Page
    await page.goto(`/#${ACTIVITIES_ADMIN_URL}`)
    const card = ui(page, '.activities-admin-item').filter({ hasText: title }).first()
    await card.waitFor()
    const shown = (await card.textContent()) ?? ''
    expect(shown).toContain(`${m}月${d}日 14:06–16:36`)
    // New York is 12 or 13 hours behind Shanghai: its clock would say 01:06 or 02:06, in the morning.
    expect(shown).not.toMatch(/0[12]:06|\b(AM|PM)\b|\d{1,2}\/\d{1,2}\/\d{4}/)
    await assertNoHorizontalScroll(page, 'activities admin (en-US)')
    await page.screenshot({ path: path.join(ARTIFACT_DIR, 'locale-activities.png'), fullPage: true })
  })
})
