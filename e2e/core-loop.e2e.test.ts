/**
 * The core loop, walked through the H5 build by people on phones (docs/DESIGN.md): 双报到 → a secretary publishes an
 * activity and shows the rotating code → members check in (QR text and 6-digit code) → bulk review → the unit
 * secretary enters the unit score → the member sees an exact 50/50 total (and an incomplete one where the unit
 * score is missing).
 *
 * Real pieces only: the bundled backend (dist/server/main.js) on a free port with a fresh SQLite dir and the demo
 * seed, the production H5 build (dist/h5), Debian Chromium. Each phone is its own browser context, signed in
 * through the app's own dev-login screen. The steps share state and run in order; a step whose predecessor failed
 * says so instead of failing for a confusing reason.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { api, startBackend, type Backend } from './support/backend'
import { assertNoHorizontalScroll, launchBrowser, newPhone, problemsOf, shoot, ui, watch, assertNoUnexpectedConsoleErrors } from './support/browser'
import { choose, makeStep, openTab, shanghai, signIn, sleep, text, tokenOf, waitUntil } from './support/flow'
import { readQr } from './support/qr'
import { DEV_LOGIN_URL, HOME_URL } from '../src/utils/routes'

// Seed facts (server/local/seed.ts): directory member D010 周敏, 13800000010, UB2, lives in E1, not registered.
const NEWBIE = { name: '周敏', phone: '13800000010', unitBranch: '县卫健委机关党支部', estate: '幸福里小区党支部' }
const SECRETARY = 'demo-secretary-e1'
const UNIT_SECRETARY = 'demo-unitsec-ub2'
const MEMBER2 = 'demo-member-2' // 李秀英, UB2: her unit score is deliberately missing in the seed
const UNIT_RAW = 130
const UNIT_SCALE = 150

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { newbie?: Page; secretary?: Page; member2?: Page; unitsec?: Page } = {}
const state = {
  newbieOpenid: `e2e-new-${Date.now()}`,
  activityId: '',
  activityTitle: '',
  expectedUnitScore: '',
}

// ---------------------------------------------------------------------------------------------------- helpers

/** Hundredths → "86.67" (the same text the app must show). */
function fmt(h: number): string {
  const sign = h < 0 ? '-' : ''
  const a = Math.abs(h)
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** A JSON score with ≤ 2 decimals → integer hundredths (exactly, from its decimal text). */
function hundredths(n: number): number {
  const h = Math.round(n * 100)
  if (Math.abs(h / 100 - n) > 1e-9) throw new Error(`score ${n} has more than 2 decimals`)
  return h
}

async function newUserPage(label: string): Promise<Page> {
  const ctx = await newPhone(browser, backend.url)
  contexts.push(ctx)
  const page = await ctx.newPage()
  page.setDefaultTimeout(15_000)
  watch(page, label)
  return page
}

/** What the secretary's projector shows right now, read off the screen (QR by its pixels). */
async function secretaryScreen(): Promise<{ qr: string; shortCode: string }> {
  const page = pages.secretary as Page
  const shortCode = await text(page, '.code-short')
  const qr = await readQr(ui(page, '.code-qr-image img').first())
  return { qr, shortCode }
}

const step = makeStep(pages)

// -------------------------------------------------------------------------------------------------- lifecycle

beforeAll(async () => {
  backend = await startBackend()
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  const consoleErrors = Object.values(pages).flatMap((p) => (p ? problemsOf(p).consoleErrors : []))
  if (consoleErrors.length) console.log(`console errors seen (reported, not failing unless unexpected):\n${consoleErrors.join('\n')}`)
  for (const c of contexts) await c.close().catch(() => undefined)
  await browser?.close().catch(() => undefined)
  await backend?.stop()
}, 30_000)

// Only the browser's own line for the 401 before signing in is expected; any other console error fails.
afterAll(() => assertNoUnexpectedConsoleErrors(pages, [401]))

// ------------------------------------------------------------------------------------------------------ steps

describe('core loop on the H5 build (375 px phone)', () => {
  step(1, 'a new user does 双报到 with the directory details and is active at once', async () => {
    const page = (pages.newbie = await newUserPage('newbie'))
    await page.goto('/')
    // Not signed in: the home page says so and leads to the (H5-only) identity screen.
    await ui(page, '.need-login').waitFor()
    await assertNoHorizontalScroll(page, 'home (signed out)')
    await ui(page, '.need-login .empty-state__action').click()
    await ui(page, '.devlogin-openid input').fill(state.newbieOpenid)
    await ui(page, '.devlogin-submit').click()
    await page.waitForURL(/#\/pages\/index\/index/)

    // Signed in but not registered: the home page asks for 双报到.
    await ui(page, '.home-register-prompt').waitFor()
    await ui(page, '.home-register-prompt .empty-state__action').click()
    await page.waitForURL(/#\/pages\/register\/index/)

    await ui(page, '.register-name input').fill(NEWBIE.name)
    await ui(page, '.register-phone input').fill(NEWBIE.phone)
    await choose(page, 'select.register-unit', NEWBIE.unitBranch)
    await choose(page, 'select.register-estate', NEWBIE.estate)

    // Submitting without consent is refused (no request is made), then the user accepts the privacy guide.
    await ui(page, '.register-submit').click()
    await ui(page, '.taro__toast >> text=请先阅读并同意隐私保护指引').first().waitFor({ timeout: 5000 })
    expect(await ui(page, '.register-result').count()).toBe(0)
    await ui(page, '.register-consent').click()
    await ui(page, '.register-consent.is-checked').waitFor()
    await shoot(page, '01-register.png')

    await ui(page, '.register-submit').click()
    const result = ui(page, '.register-result--active')
    await result.waitFor()
    expect(await result.textContent()).toContain('报到成功')

    // The server agrees: bound to the directory member, active.
    const me = await api(backend.url, await tokenOf(page), 'me.get')
    expect(me.member).toMatchObject({ name: NEWBIE.name, status: 'active', unitBranchId: 'UB2', estateBranchId: 'E1' })
  })

  step(2, 'the estate secretary publishes an activity and shows a real, rotating check-in code', async () => {
    const page = (pages.secretary = await newUserPage('secretary'))
    await signIn(page, SECRETARY)
    await ui(page, '.home__workbench').click()
    await ui(page, '.workbench-activity-new').waitFor()
    await assertNoHorizontalScroll(page, 'workbench')
    await ui(page, '.workbench-activity-new').click()

    // Started five minutes ago, two hours long, so the check-in window is open now.
    const start = shanghai(Date.now() - 5 * 60_000)
    const end = shanghai(Date.now() + 2 * 3600_000)
    state.activityTitle = `楼道清洁志愿服务 E2E ${start.time}`
    await ui(page, '.activity-title input').fill(state.activityTitle)
    await ui(page, 'input.activity-start-date').fill(start.date)
    await ui(page, 'input.activity-start-time').fill(start.time)
    await ui(page, 'input.activity-end-date').fill(end.date)
    await ui(page, 'input.activity-end-time').fill(end.time)
    await choose(page, 'select.activity-item', '志愿服务（按次）')
    await ui(page, '.activity-address input').fill('幸福里小区 3 号楼架空层')
    await ui(page, '.activity-capacity input').fill('20')
    await ui(page, '.activity-description textarea').fill('清理楼道堆放物，请自带手套。')
    await shoot(page, '02-activity-new.png')
    await ui(page, '.activity-submit').click()

    const created = ui(page, '.activity-created')
    await created.waitFor()
    expect(await created.textContent()).toContain('活动已发布')
    await ui(page, '.activity-show-code').click()
    await page.waitForURL(/#\/packages\/secretary\/code\/index\?.*activityId=/)
    state.activityId = decodeURIComponent(/activityId=([^&]+)/.exec(page.url())?.[1] ?? '')
    expect(state.activityId).toMatch(/^[A-Za-z0-9_-]+$/)

    await ui(page, '.code-qr-image img').waitFor()
    expect(await text(page, '.code-activity-title')).toBe(state.activityTitle)
    expect(await text(page, '.code-countdown')).toMatch(/^\d+ 秒后更换$/)
    const first = await secretaryScreen()
    expect(first.shortCode).toMatch(/^\d{6}$/)
    expect(first.qr.startsWith('DSJ1.')).toBe(true)
    expect(first.qr).toContain(state.activityId)
    await shoot(page, '03-checkin-code.png')

    // The code rotates about every 30 s: the screen must show a new short code and a new QR by itself.
    const rotatedShort = await waitUntil(
      'the short code on the secretary screen to change',
      async () => {
        const now = await text(page, '.code-short')
        return /^\d{6}$/.test(now) && now !== first.shortCode ? now : null
      },
      40_000,
      500,
    )
    const second = await secretaryScreen()
    expect(second.shortCode).toBe(rotatedShort)
    expect(second.qr).not.toBe(first.qr)
    expect(second.qr.startsWith('DSJ1.')).toBe(true)
    expect(second.qr).toContain(state.activityId)
  })

  step(3, 'members check in: pasted QR text, a repeat that changes nothing, and the 6-digit code', async () => {
    const page = pages.newbie as Page
    // Re-opening the app shows the new activity on the home page.
    await page.goto(`/#${HOME_URL}`)
    await page.reload()
    await ui(page, '.home-estate').waitFor()
    expect(await text(page, '.home-estate')).toBe(NEWBIE.estate)
    await ui(page, '.activity-card-item').filter({ hasText: state.activityTitle }).first().waitFor()
    await shoot(page, '09-home.png')

    await ui(page, '.home-checkin-button').click()
    await page.waitForURL(/#\/pages\/checkin\/index/)
    // On H5 the camera scan is stood in for by pasting the QR's text, read here off the secretary's screen.
    await ui(page, '.checkin-qr-input input').fill((await secretaryScreen()).qr)
    await ui(page, '.checkin-qr-submit').click()
    await ui(page, '.checkin-result').waitFor()
    const firstStatus = await text(page, '.checkin-result-status')
    expect(firstStatus).toMatch(/^(待审核|签到成功)$/)
    expect(await text(page, '.checkin-result')).toContain(state.activityTitle)
    await shoot(page, '04-checkin.png')

    // The same person scanning again: told so, no second attendance.
    await ui(page, '.checkin-qr-input input').fill((await secretaryScreen()).qr)
    await ui(page, '.checkin-qr-submit').click()
    await waitUntil('the repeated check-in result', async () => (await text(page, '.checkin-result-status')) === '已签到过', 10_000)
    expect(await ui(page, '.checkin__result--repeated').count()).toBe(1)

    // Another member types the short code shown on the secretary's screen.
    const m2 = (pages.member2 = await newUserPage('member2'))
    await m2.goto(`/#${DEV_LOGIN_URL}`)
    await ui(m2, `.devlogin-demo-${MEMBER2}`).click() // the demo identity list of the dev-login screen
    await m2.waitForURL(/#\/pages\/index\/index/)
    await ui(m2, '.home-checkin-button').click()
    await m2.waitForURL(/#\/pages\/checkin\/index/)
    await choose(m2, 'select.checkin-activity-picker', state.activityTitle)
    await ui(m2, '.checkin-shortcode-input input').fill((await secretaryScreen()).shortCode)
    await assertNoHorizontalScroll(m2, 'check-in (short code)')
    await ui(m2, '.checkin-shortcode-submit').click()
    await ui(m2, '.checkin-result').waitFor()
    expect(await text(m2, '.checkin-result-status')).toMatch(/^(待审核|签到成功)$/)

    // The projector's live count: two people, not three (it refreshes every 5 s; watch a full cycle).
    const sec = pages.secretary as Page
    await waitUntil('the secretary screen to count 2 check-ins', async () => (await text(sec, '.code-count')) === '已签到 2 人', 15_000)
    await sleep(6000)
    expect(await text(sec, '.code-count')).toBe('已签到 2 人')
  })

  step(4, 'the secretary approves the activity’s pending check-ins in bulk', async () => {
    const page = pages.secretary as Page
    await page.goBack() // from the code screen back to the workbench
    await ui(page, '.workbench-review').click()
    await page.waitForURL(/#\/packages\/secretary\/review\/index/)

    const group = ui(page, '.review-group').filter({ hasText: state.activityTitle })
    await group.first().waitFor()
    const items = group.first().locator('.review-item')
    expect(await items.count()).toBe(2)
    const names = (await items.allTextContents()).join(' ')
    expect(names).toContain(NEWBIE.name)
    expect(names).toContain('李秀英')
    const otherGroups = (await ui(page, '.review-group').count()) - 1

    // "Select all" of this activity (the group's own checkbox), then approve in one go.
    await group.first().locator('.review-group-select').click()
    await waitUntil('2 selected', async () => (await text(page, '.review-selected-count')) === '已选 2', 5000)
    await shoot(page, '05-review.png')
    await ui(page, '.review-approve').click()

    await waitUntil('the approved check-ins to leave the pending list', async () => (await group.count()) === 0, 10_000)
    expect(await ui(page, '.review-group').count()).toBe(otherGroups)
  })

  step(5, 'the UB2 unit secretary enters 周敏’s unit score on the unit’s own 150-point scale', async () => {
    const page = (pages.unitsec = await newUserPage('unitsec'))
    await signIn(page, UNIT_SECRETARY)
    await ui(page, '.home__workbench').click()
    await ui(page, '.workbench-unit-scores').click()
    await page.waitForURL(/#\/packages\/unit\/scores\/index/)

    // 130 / 150 × 100 = 86.666… → 86.67 (half-up, in hundredths).
    const num = UNIT_RAW * 100 * 10000
    const den = UNIT_SCALE * 100
    state.expectedUnitScore = fmt(Math.floor((2 * num + den) / (2 * den)))

    // The seed already holds a UB2 score for 周敏 (a directory member); the secretary overwrites it.
    const row = ui(page, '.unit-score-row').filter({ hasText: NEWBIE.name }).first()
    await row.waitFor()
    expect(await row.textContent()).not.toContain(state.expectedUnitScore)
    await ui(page, '.unit-fullscale input').fill(String(UNIT_SCALE))
    await row.locator('input').fill(String(UNIT_RAW))
    await ui(page, '.unit-save').click()
    await waitUntil(
      `the row to show 折算 ${state.expectedUnitScore}`,
      async () => ((await row.textContent()) ?? '').includes(`折算 ${state.expectedUnitScore}`),
      10_000,
    )
    await shoot(page, '06-unit-scores.png')
  })

  step(6, 'the member sees total = 50 % unit + 50 % estate, exact to 2 decimals; a member without a unit score sees it incomplete', async () => {
    const page = pages.newbie as Page
    await page.goBack() // check-in page → home, where the tab bar is
    await openTab(page, '我的积分')
    await page.waitForURL(/#\/pages\/points\/index/)
    await ui(page, '.points-total').waitFor()

    // The oracle: the API's two halves and weights, combined here in integer arithmetic, rounded half-up.
    const year = shanghai(Date.now()).year
    const mine = await api(backend.url, await tokenOf(page), 'score.mine', { year })
    expect(mine.complete).toBe(true)
    const u = hundredths(mine.unitScore)
    const e = hundredths(mine.estateScore)
    const wu = Math.round(mine.weights.unit * 10000)
    const we = Math.round(mine.weights.estate * 10000)
    expect([wu, we]).toEqual([5000, 5000])
    const total = Math.floor((2 * (u * wu + e * we) + 10000) / 20000)
    expect(fmt(u)).toBe(state.expectedUnitScore)
    expect(hundredths(mine.total)).toBe(total)
    // The approved check-in counted under the estate's rule (base 60 + 5 for 志愿服务（按次）).
    expect(mine.entries.some((x: { title?: string; status: string }) => x.title === state.activityTitle && x.status === 'approved')).toBe(true)

    expect(await text(page, '.points-total')).toBe(fmt(total))
    const unitHalf = await text(page, '.points-unit-half')
    const estateHalf = await text(page, '.points-estate-half')
    expect(unitHalf).toContain(fmt(u))
    expect(unitHalf).toContain('× 50%')
    expect(unitHalf).toContain(`${UNIT_RAW}.00 / ${UNIT_SCALE}.00`) // provenance: what the unit entered, on its scale
    expect(estateHalf).toContain(fmt(e))
    expect(estateHalf).toContain('× 50%')
    expect(await text(page, '.points-band')).toBe(mine.band)
    expect(await ui(page, '.points__entries').first().textContent()).toContain(state.activityTitle)
    await shoot(page, '07-points.png')

    // 李秀英 (demo-member-2): no UB2 score in the seed → incomplete, never a total computed with 0.
    const m2 = pages.member2 as Page
    await m2.goBack()
    await openTab(m2, '我的积分')
    await m2.waitForURL(/#\/pages\/points\/index/)
    await ui(m2, '.points-incomplete').waitFor()
    expect(await text(m2, '.points-incomplete')).toContain('未完成')
    expect(await ui(m2, '.points-total').count()).toBe(0)
    expect(await text(m2, '.points-unit-half')).toContain('未录入')
    const hers = await api(backend.url, await tokenOf(m2), 'score.mine', { year })
    expect(hers).toMatchObject({ complete: false, total: null, unitScore: null, band: null })
    await shoot(m2, '08-points-incomplete.png')
  })
})
