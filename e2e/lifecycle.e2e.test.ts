/**
 * An activity's life around the core loop, through the H5 build on 375 px phones (docs/DESIGN.md#check-in-layers): a draft is
 * published and a member signs up on its detail page; the secretary cancels it with a reason and the member reads
 * the notice; a member without location checks in and sees why it goes to review; a check-out where one is
 * required; the printable static code; review tabs and revoking an approval; 补录; a check-in on a phone that has
 * lost its network, queued and submitted by itself when the network returns; a geofence set in the 发布活动 form,
 * with one member checking in on the spot and one a kilometre away (browser GPS positions, shifted to GCJ-02).
 *
 * Same real pieces as the core loop (bundled backend, fresh SQLite with the demo seed, production H5 build, Debian
 * Chromium); everything is done through the app's screens except creating two activities, which the core loop
 * already covers through the 发布活动 form and here is a single API call each.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { api, startBackend, type Backend } from './support/backend'
import { assertNoHorizontalScroll, launchBrowser, newPhone, shoot, ui, watch, assertNoUnexpectedConsoleErrors } from './support/browser'
import { choose, confirmModal, goBackTo, isoShanghai, makeStep, openTab, scrollToTop, signIn, text, tokenOf, waitUntil } from './support/flow'
import { readQr } from './support/qr'
import { wgs84ToGcj02 } from '../src/core/geo'
import { ACTIVITY_NEW_URL, codeUrl } from '../src/utils/routes'

// Seed facts (server/local/seed.ts): E1 幸福里 has the in-progress "垃圾分类宣传志愿服务" with a location (radius
// 500 m), demo members 1–9 live in E1: 3 王伟, 4 刘洋, 5 陈静, 6 杨帆, 8 黄丽.
const SECRETARY = 'demo-secretary-e1'
const LOCATED = '垃圾分类宣传志愿服务'
const M = {
  noLocation: { openid: 'demo-member-3', name: '王伟' },
  checkout: { openid: 'demo-member-4', name: '刘洋' },
  signup: { openid: 'demo-member-5', name: '陈静' },
  staticCode: { openid: 'demo-member-6', name: '杨帆' },
  backfill: { name: '黄丽' },
  offline: { openid: 'demo-member-7', name: '赵磊' },
  near: { openid: 'demo-member-9', name: '吴刚' },
  far: { openid: 'demo-member-1', name: '张建国' },
}
const HOUR = 3600_000
const stamp = new Date(Date.now() + 8 * HOUR).toISOString().slice(11, 16)
const CHECKOUT_TITLE = `文明劝导 E2E ${stamp}`
const DRAFT_TITLE = `邻里议事会 E2E ${stamp}`
const CANCEL_REASON = '场地临时维修，改期另行通知'
const REVOKE_REASON = '核实当天未到场'
const GEO_TITLE = `核对位置的活动 E2E ${stamp}`
// Where the activity is, as a phone's GPS (WGS-84) reads it; the secretary types the map (GCJ-02) coordinates.
const SPOT_GPS = { latitude: 30.2741, longitude: 120.1551 }

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { secretary?: Page; signup?: Page; noLocation?: Page; checkout?: Page; staticCode?: Page; offline?: Page; near?: Page; far?: Page } = {}
const ids = { located: '', checkout: '', draft: '' }
const step = makeStep(pages)

async function newUserPage(label: string, openid: string): Promise<Page> {
  const ctx = await newPhone(browser, backend.url)
  contexts.push(ctx)
  const page = await ctx.newPage()
  page.setDefaultTimeout(15_000)
  watch(page, label)
  await signIn(page, openid)
  return page
}

const card = (page: Page, selector: string, title: string) => ui(page, selector).filter({ hasText: title }).first()

/** From a tab page: the 活动 tab, then the activity's card, to its detail page. */
async function openDetail(page: Page, title: string): Promise<void> {
  await openTab(page, '活动')
  await page.waitForURL(/#\/pages\/activities\/index/)
  // The title as shown (the home page keeps a hidden copy of the same card).
  const cardTitle = ui(page, '.activities .activity-card-title').filter({ hasText: title }).first()
  await cardTitle.waitFor()
  await cardTitle.click()
  await page.waitForURL(/#\/packages\/member\/activity\/index\?activityId=/)
  await waitUntil(`the detail page of ${title}`, async () => (await text(page, '.activity-detail-title')) === title, 10_000)
}

/** Waits for a native <select> to show `value` (it is preselected from the link once its options have loaded). */
async function selected(page: Page, selector: string, value: string): Promise<void> {
  await waitUntil(`${selector} to show ${value}`, async () => (await ui(page, selector).first().inputValue()) === value, 10_000)
}

/** The 6-digit code on the secretary's 签到码 screen right now. */
async function shortCodeOnScreen(): Promise<string> {
  const code = await text(pages.secretary as Page, '.code-short')
  expect(code).toMatch(/^\d{6}$/)
  return code
}

async function submitShortCode(page: Page): Promise<void> {
  await ui(page, '.checkin-shortcode-input input').fill(await shortCodeOnScreen())
  await ui(page, '.checkin-shortcode-submit').click()
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

// As in the core loop: only the browser's line for the 401 before signing in is expected — and, from the phone that
// went offline in step 9, the browser's line for the request that could not leave.
afterAll(() => assertNoUnexpectedConsoleErrors(pages, [401], [/^\[offline\] Failed to load resource: net::ERR_INTERNET_DISCONNECTED/]))

describe('activity lifecycle on the H5 build (375 px phone)', () => {
  step(1, 'the secretary publishes a draft from 活动管理', async () => {
    const page = (pages.secretary = await newUserPage('secretary', SECRETARY))
    const token = await tokenOf(page)
    const activities = await api(backend.url, token, 'activity.list', { estateBranchId: 'E1' })
    ids.located = activities.find((a: { title: string }) => a.title === LOCATED).id
    ids.checkout = (
      await api(backend.url, token, 'activity.create', {
        estateBranchId: 'E1',
        title: CHECKOUT_TITLE,
        itemCode: 'V03',
        startAt: isoShanghai(Date.now() - 5 * 60_000),
        endAt: isoShanghai(Date.now() + 2 * HOUR),
        requireCheckout: true,
      })
    ).activityId
    ids.draft = (
      await api(backend.url, token, 'activity.create', {
        estateBranchId: 'E1',
        title: DRAFT_TITLE,
        description: '商议楼道停车秩序，请各楼栋党员参加。',
        itemCode: 'P01',
        startAt: isoShanghai(Date.now() + 24 * HOUR),
        endAt: isoShanghai(Date.now() + 26 * HOUR),
        capacity: 5,
        draft: true,
      })
    ).activityId

    await ui(page, '.home__workbench').click()
    await ui(page, '.workbench-activities').click()
    await page.waitForURL(/#\/packages\/secretary\/activities\/index/)
    const draft = card(page, '.activities-admin-draft .activities-admin-item', DRAFT_TITLE)
    await draft.waitFor()
    await assertNoHorizontalScroll(page, '活动管理')
    await draft.locator('.activities-admin-publish').click()
    await confirmModal(page)
    await card(page, '.activities-admin-upcoming .activities-admin-item', DRAFT_TITLE).waitFor()
    expect(await ui(page, '.activities-admin-draft').count()).toBe(0)
  })

  step(2, 'a member signs up on the detail page and sees the count go up', async () => {
    const page = (pages.signup = await newUserPage('signup', M.signup.openid))
    await openDetail(page, DRAFT_TITLE)
    expect(await text(page, '.activity-detail-capacity')).toContain('已报名 0 / 5 人')
    expect(await text(page, '.activity-detail-status')).toBe('即将开始')
    await ui(page, '.activity-detail-signup').click()
    await ui(page, '.activity-detail-signed').waitFor()
    await waitUntil('the count to show the sign-up', async () => (await text(page, '.activity-detail-capacity')).includes('已报名 1 / 5 人'), 10_000)
    expect(await ui(page, '.activity-detail-cancel-signup').count()).toBe(1)
    await assertNoHorizontalScroll(page, 'activity detail (signed up)')
    const seen = await api(backend.url, await tokenOf(page), 'activity.get', { activityId: ids.draft })
    expect(seen).toMatchObject({ mySignup: true, signedUp: 1 })
  })

  step(3, 'the secretary cancels it with a reason; the member reads the notice on 我的', async () => {
    const page = pages.secretary as Page
    const upcoming = card(page, '.activities-admin-upcoming .activities-admin-item', DRAFT_TITLE)
    await upcoming.locator('.activities-admin-cancel').click()
    const dialog = ui(page, '.activities-cancel-dialog')
    await dialog.waitFor()
    await waitUntil(
      'the dialog to count the sign-up',
      async () => ((await dialog.textContent()) ?? '').includes('已报名的 1 位党员会收到取消通知'),
      10_000,
    )
    // No reason, no cancellation.
    await ui(page, '.reason-dialog-confirm').click()
    await ui(page, '.taro__toast >> text=请填写理由').first().waitFor({ timeout: 5000 })
    await ui(page, '.reason-dialog-input textarea').fill(CANCEL_REASON)
    await ui(page, '.reason-dialog-confirm').click()
    const cancelled = card(page, '.activities-admin-cancelled .activities-admin-item', DRAFT_TITLE)
    await cancelled.waitFor()
    expect(await cancelled.textContent()).toContain(`取消原因：${CANCEL_REASON}`)

    const member = pages.signup as Page
    await goBackTo(member, /#\/pages\/activities\/index/, '.activities .activity-card-item')
    await openTab(member, '我的')
    await member.waitForURL(/#\/pages\/mine\/index/)
    const notice = card(member, '.mine-notice', DRAFT_TITLE)
    await notice.waitFor()
    expect(await notice.locator('.mine-notice-title').textContent()).toBe(`活动已取消：${DRAFT_TITLE}`)
    expect(await notice.locator('.mine-notice-body').textContent()).toContain(`原因：${CANCEL_REASON}`)
    await shoot(member, '11-notices.png')

    // The notice leads to the activity, which says why and offers nothing more.
    await notice.click()
    await member.waitForURL(/#\/packages\/member\/activity\/index\?activityId=/)
    await ui(member, '.activity-detail-cancelled').waitFor()
    expect(await text(member, '.activity-detail-cancelled')).toContain(CANCEL_REASON)
    expect(await ui(member, '.activity-detail-signup').count()).toBe(0)
    // The detail page of step 2 (signed up, so offering 取消报名) may still be leaving after the history-back above
    // (Taro's H5 router removes it late): wait for it to go rather than count it.
    await waitUntil('no 取消报名 on the cancelled activity', async () => (await ui(member, '.activity-detail-cancel-signup').count()) === 0, 5000)
  })

  step(4, 'a member without location checks in to an activity with a place: flagged, and told why', async () => {
    const sec = pages.secretary as Page
    await card(sec, '.activities-admin-ongoing .activities-admin-item', LOCATED).locator('.activities-admin-code').click()
    await sec.waitForURL(/#\/packages\/secretary\/code\/index\?activityId=/)
    await waitUntil('the code screen of the located activity', async () => (await text(sec, '.code-activity-title')) === LOCATED, 10_000)
    await ui(sec, '.code-short').waitFor()

    const page = (pages.noLocation = await newUserPage('noLocation', M.noLocation.openid))
    await openDetail(page, LOCATED)
    expect(await text(page, '.activity-detail-status')).toBe('进行中')
    await ui(page, '.activity-detail-checkin').click()
    await page.waitForURL(/#\/pages\/checkin\/index\?activityId=/)
    // The activity comes preselected; on H5 location is off unless the member ticks it.
    await selected(page, 'select.checkin-activity-picker', ids.located)
    expect(await ui(page, '.checkin-location.is-checked').count()).toBe(0)
    await submitShortCode(page)
    await ui(page, '.checkin-result').waitFor()
    expect(await text(page, '.checkin-result-status')).toBe('待审核')
    expect(await text(page, '.checkin-result .flag-item--no_location')).toBe('未获取位置')
    expect(await text(page, '.checkin-result-flags')).toContain('需要审核的原因')

    await ui(page, '.checkin-result-detail').click()
    await page.waitForURL(/#\/packages\/member\/activity\/index\?activityId=/)
    await ui(page, '.activity-detail-mine').waitFor()
    expect(await text(page, '.activity-detail-mine-status')).toBe('待审核')
    await ui(page, '.activity-detail-flags .flag-item--no_location').waitFor()
    expect(await text(page, '.activity-detail-flags')).toContain('这次签到需要书记审核')
    expect(await ui(page, '.activity-detail-checkin').count()).toBe(0)
    await shoot(page, '10-activity-detail.png')
  })

  step(5, 'a member checks in and then checks out of an activity that requires it', async () => {
    const sec = pages.secretary as Page
    await choose(sec, 'select.code-activity-picker', CHECKOUT_TITLE)
    await waitUntil('the code screen of the check-out activity', async () => (await text(sec, '.code-activity-title')) === CHECKOUT_TITLE, 10_000)
    await ui(sec, '.code-short').waitFor()

    const page = (pages.checkout = await newUserPage('checkout', M.checkout.openid))
    await openDetail(page, CHECKOUT_TITLE)
    expect(await text(page, '.activity-detail__facts')).toContain('需要签退')
    await ui(page, '.activity-detail-checkin').click()
    await page.waitForURL(/#\/pages\/checkin\/index\?activityId=/)
    await submitShortCode(page)
    await ui(page, '.checkin-result').waitFor()
    expect(await text(page, '.checkin-result-status')).toMatch(/^(待审核|签到成功)$/)

    await ui(page, '.checkin-result-detail').click()
    await page.waitForURL(/#\/packages\/member\/activity\/index\?activityId=/)
    await ui(page, '.activity-detail-no-checkout').waitFor()
    await ui(page, '.activity-detail-checkout').click()
    await page.waitForURL(/#\/pages\/checkin\/index\?activityId=.*mode=checkout/)
    expect(await ui(page, '.checkin-mode-checkout.checkin__mode--on').count()).toBe(1)
    await selected(page, 'select.checkin-activity-picker', ids.checkout)
    await submitShortCode(page)
    await waitUntil('签退成功', async () => (await text(page, '.checkin-result-status')) === '签退成功', 10_000)

    const mine = await api(backend.url, await tokenOf(page), 'attendance.mine')
    const row = mine.find((r: { activityId: string }) => r.activityId === ids.checkout)
    expect(row.checkoutAt).toBeTruthy()
  })

  step(6, 'the printable static code: shown large with its window, and check-ins with it go to review', async () => {
    const sec = pages.secretary as Page
    await choose(sec, 'select.code-activity-picker', LOCATED)
    await waitUntil('the located activity on the code screen', async () => (await text(sec, '.code-activity-title')) === LOCATED, 10_000)
    await ui(sec, '.code-tab-static').click()
    const image = ui(sec, '.code-static-image img').first()
    await image.waitFor()
    expect(await text(sec, '.code-static-note')).toBe('仅在签到时段内有效，扫码签到需审核')
    expect(await text(sec, '.code-static-window')).toMatch(/^有效时段：/)
    const printed = await readQr(image)
    expect(printed.startsWith(`DSJS.${ids.located}.`)).toBe(true)
    await shoot(sec, '13-static-code.png')

    // A member scans the poster (on H5: pastes what the camera would read).
    const page = (pages.staticCode = await newUserPage('staticCode', M.staticCode.openid))
    await ui(page, '.home-checkin-button').click()
    await page.waitForURL(/#\/pages\/checkin\/index/)
    await ui(page, '.checkin-qr-input input').fill(printed)
    await ui(page, '.checkin-qr-submit').click()
    await ui(page, '.checkin-result').waitFor()
    expect(await text(page, '.checkin-result-status')).toBe('待审核')
    expect(await text(page, '.checkin-result .flag-item--static_code')).toBe('通过张贴的小程序码签到')
  })

  step(7, 'review: pending with flags in words, grouped by activity or member; approve, then revoke with a reason', async () => {
    const sec = pages.secretary as Page
    await goBackTo(sec, /#\/packages\/secretary\/activities\/index/, '.activities-admin-item')
    await goBackTo(sec, /#\/packages\/secretary\/index\/index/, '.workbench-review')
    await ui(sec, '.workbench-review').click()
    await sec.waitForURL(/#\/packages\/secretary\/review\/index/)

    const group = card(sec, '.review-group', LOCATED)
    await group.waitFor()
    const mine = group.locator('.review-item').filter({ hasText: M.noLocation.name })
    expect(await mine.locator('.flag-item--no_location').textContent()).toBe('未获取位置')
    expect(await group.locator('.review-item').filter({ hasText: M.staticCode.name }).locator('.flag-item--static_code').count()).toBe(1)

    // Grouped by member: 王伟's group holds his check-in with its activity named.
    await ui(sec, '.review-group-by-member').click()
    const byMember = card(sec, '.review-group--member', M.noLocation.name)
    await byMember.waitFor()
    expect(await byMember.textContent()).toContain(LOCATED)
    await ui(sec, '.review-group-by-activity').click()
    await card(sec, '.review-group--activity', LOCATED).waitFor()
    await scrollToTop(sec)
    await shoot(sec, '12-review-tabs.png')

    await card(sec, '.review-group', LOCATED).locator('.review-item').filter({ hasText: M.noLocation.name }).locator('.review-checkbox').click()
    await waitUntil('1 selected', async () => (await text(sec, '.review-selected-count')) === '已选 1', 5000)
    await ui(sec, '.review-approve').click()
    await waitUntil(
      'his check-in to leave 待审核',
      async () => (await card(sec, '.review-group', LOCATED).locator('.review-item').filter({ hasText: M.noLocation.name }).count()) === 0,
      10_000,
    )

    await ui(sec, '.review-tab-approved').click()
    const approved = card(sec, '.review-group', LOCATED).locator('.review-item').filter({ hasText: M.noLocation.name })
    await approved.waitFor()
    await approved.locator('.review-checkbox').click()
    // No reason, no revocation.
    await ui(sec, '.review-revoke').click()
    await ui(sec, '.taro__toast >> text=撤销需填写理由').first().waitFor({ timeout: 5000 })
    await ui(sec, '.review-revoke-reason input').fill(REVOKE_REASON)
    await ui(sec, '.review-revoke').click()
    await confirmModal(sec)
    await waitUntil('the revoked check-in to leave 已通过', async () => (await approved.count()) === 0, 10_000)

    // The member's side: 我的签到 says 已撤销 and why; the points came and went as two ledger entries.
    const member = pages.noLocation as Page
    await goBackTo(member, /#\/pages\/checkin\/index/, '.checkin-result')
    await goBackTo(member, /#\/packages\/member\/activity\/index/, '.activity-detail-title')
    await goBackTo(member, /#\/pages\/activities\/index/, '.activities .activity-card-item')
    await openTab(member, '我的')
    await ui(member, '.mine-attendance-link').click()
    await member.waitForURL(/#\/packages\/member\/attendance\/index/)
    const row = card(member, '.my-attendance-item', LOCATED)
    await row.waitFor()
    expect(await row.locator('.status-label').textContent()).toBe('已撤销')
    expect(await row.textContent()).toContain(`撤销理由：${REVOKE_REASON}`)
    expect(await row.locator('.flag-item--no_location').count()).toBe(1)
    const year = new Date(Date.now() + 8 * HOUR).getUTCFullYear()
    const score = await api(backend.url, await tokenOf(member), 'score.mine', { year })
    const ledger = score.entries.filter((e: { title: string }) => e.title.endsWith(LOCATED))
    expect(ledger.map((e: { kind: string; points: number }) => [e.kind, e.points]).sort()).toEqual([
      ['activity', 5],
      ['reversal', -5],
    ])
  })

  step(8, 'the secretary back-fills a member’s check-in with a reason; it waits in review, flagged', async () => {
    const sec = pages.secretary as Page
    await goBackTo(sec, /#\/packages\/secretary\/index\/index/, '.workbench-activities')
    await ui(sec, '.workbench-activities').click()
    await card(sec, '.activities-admin-ongoing .activities-admin-item', LOCATED).locator('.activities-admin-backfill').click()
    await sec.waitForURL(/#\/packages\/secretary\/backfill\/index\?activityId=/)
    await selected(sec, 'select.backfill-activity', ids.located)
    await waitUntil(
      'the activity start filled in',
      async () => /^\d{4}-\d{2}-\d{2}$/.test(await ui(sec, 'input.backfill-in-date').first().inputValue()),
      10_000,
    )
    await choose(sec, 'select.backfill-member', M.backfill.name)
    // Without a reason nothing is sent.
    await ui(sec, '.backfill-submit').click()
    await ui(sec, '.taro__toast >> text=请填写补录理由').first().waitFor({ timeout: 5000 })
    await ui(sec, '.backfill-reason textarea').fill('手机没电，现场签到表登记')
    await shoot(sec, '14-backfill.png')
    await ui(sec, '.backfill-submit').click()
    const result = ui(sec, '.backfill-result')
    await result.waitFor()
    expect(await result.textContent()).toContain('已补录，待审核')
    expect(await result.textContent()).toContain(M.backfill.name)
    expect(await result.locator('.flag-item--backfill').textContent()).toBe('书记补录')

    await ui(sec, '.backfill-go-review').click()
    await sec.waitForURL(/#\/packages\/secretary\/review\/index/)
    const row = card(sec, '.review-group', LOCATED).locator('.review-item').filter({ hasText: M.backfill.name })
    await row.waitFor()
    expect(await row.locator('.flag-item--backfill').count()).toBe(1)
    expect(await row.textContent()).toContain('补录理由：手机没电，现场签到表登记')
  })
  step(9, 'a phone without network queues its check-in, says so, and submits it by itself when the network returns', async () => {
    const sec = pages.secretary as Page
    // The projector link a secretary keeps bookmarked: the code screen of one activity.
    await sec.goto(`${backend.url}/#${codeUrl(ids.checkout)}`)
    await waitUntil('the code screen of the check-out activity', async () => (await text(sec, '.code-activity-title')) === CHECKOUT_TITLE, 10_000)
    await ui(sec, '.code-short').waitFor()

    const page = (pages.offline = await newUserPage('offline', M.offline.openid))
    await ui(page, '.home-checkin-button').click()
    await page.waitForURL(/#\/pages\/checkin\/index/)
    await choose(page, 'select.checkin-activity-picker', CHECKOUT_TITLE)
    await page.context().setOffline(true)
    await submitShortCode(page)
    await ui(page, '.checkin-queued').waitFor()
    expect(await text(page, '.checkin-queued .checkin-result-status')).toBe('已排队，联网后自动提交')
    expect(await ui(page, '.checkin-queue-pending').count()).toBe(1)
    expect(await text(page, '.checkin-queue-pending')).toContain('已排队，联网后自动提交')
    await shoot(page, '15-queued.png')
    // Nothing reached the server while the phone was offline.
    const token = await tokenOf(page)
    expect((await api(backend.url, token, 'attendance.mine')).some((r: { activityId: string }) => r.activityId === ids.checkout)).toBe(false)

    // The network returns: no tap needed, the queued call goes out and its answer replaces the pending line.
    await page.context().setOffline(false)
    const result = ui(page, '.checkin-queue-result--ok')
    await result.waitFor({ timeout: 20_000 })
    expect(await text(page, '.checkin-queue-result--ok .checkin-queue-state')).toMatch(new RegExp(`^${CHECKOUT_TITLE}：(签到成功|待审核)$`))
    expect(await ui(page, '.checkin-queue-pending').count()).toBe(0)
    expect(await ui(page, '.checkin-queued').count()).toBe(0)
    const mine = await api(backend.url, token, 'attendance.mine')
    expect(mine.filter((r: { activityId: string }) => r.activityId === ids.checkout)).toHaveLength(1)

    await ui(page, '.checkin-queue-clear').click()
    await waitUntil('the read results to go', async () => (await ui(page, '.checkin-queue').count()) === 0, 5000)
  })
  step(10, 'a geofence set in 发布活动: a member on the spot checks in unflagged, one a kilometre away is flagged with the distance', async () => {
    const sec = pages.secretary as Page
    const spot = wgs84ToGcj02({ lat: SPOT_GPS.latitude, lng: SPOT_GPS.longitude })
    await sec.goto(`${backend.url}/#${ACTIVITY_NEW_URL}`)
    const start = isoShanghai(Date.now() - 5 * 60_000)
    const end = isoShanghai(Date.now() + 2 * HOUR)
    await ui(sec, '.activity-title input').fill(GEO_TITLE)
    await ui(sec, 'input.activity-start-date').fill(start.slice(0, 10))
    await ui(sec, 'input.activity-start-time').fill(start.slice(11, 16))
    await ui(sec, 'input.activity-end-date').fill(end.slice(0, 10))
    await ui(sec, 'input.activity-end-time').fill(end.slice(11, 16))
    await choose(sec, 'select.activity-item', '志愿服务（按次）')
    await ui(sec, '.activity-address input').fill('幸福里小区中心花园')
    await ui(sec, '.activity-geofence').click()
    await ui(sec, '.activity-lat input').fill(spot.lat.toFixed(6))
    await ui(sec, '.activity-lng input').fill(spot.lng.toFixed(6))
    await waitUntil('the geofence summary', async () => (await text(sec, '.activity-geofence-summary')).includes('半径 300 米'), 5000)
    await ui(sec, '.activity-geofence-summary').scrollIntoViewIfNeeded()
    await shoot(sec, '18-geofence.png')
    await ui(sec, '.activity-submit').click()
    await ui(sec, '.activity-created').waitFor()
    await ui(sec, '.activity-show-code').click()
    await sec.waitForURL(/#\/packages\/secretary\/code\/index\?.*activityId=/)
    const activityId = decodeURIComponent(/activityId=([^&]+)/.exec(sec.url())?.[1] ?? '')
    await waitUntil('the code screen of the geofenced activity', async () => (await text(sec, '.code-activity-title')) === GEO_TITLE, 10_000)
    await ui(sec, '.code-short').waitFor()
    const stored = await api(backend.url, await tokenOf(sec), 'activity.get', { activityId })
    expect(stored.location).toMatchObject({ radiusM: 300, address: '幸福里小区中心花园' })

    /** A member whose phone's GPS reads `gps`, checking in with location by the 6-digit code. */
    const checkInAt = async (who: { openid: string }, key: 'near' | 'far', gps: { latitude: number; longitude: number }) => {
      const page = (pages[key] = await newUserPage(key, who.openid))
      await page.context().grantPermissions(['geolocation'])
      await page.context().setGeolocation(gps)
      await ui(page, '.home-checkin-button').click()
      await page.waitForURL(/#\/pages\/checkin\/index/)
      await choose(page, 'select.checkin-activity-picker', GEO_TITLE)
      await ui(page, '.checkin-location').click()
      await submitShortCode(page)
      await ui(page, '.checkin-result').waitFor()
      return page
    }
    const near = await checkInAt(M.near, 'near', SPOT_GPS)
    expect(await ui(near, '.checkin-result .flag-item').count()).toBe(0)
    const far = await checkInAt(M.far, 'far', { latitude: SPOT_GPS.latitude + 0.01, longitude: SPOT_GPS.longitude })
    expect(await text(far, '.checkin-result-status')).toBe('待审核')
    expect(await text(far, '.checkin-result .flag-item--outside_radius')).toBe('不在活动地点附近')

    // The server measured both from what the phones sent: ~0 m on the spot, ~1.1 km away.
    const rows = await api(backend.url, await tokenOf(sec), 'attendance.list', { estateBranchId: 'E1', activityId })
    const of = (name: string) => rows.find((r: { memberName: string }) => r.memberName === name)
    expect(of(M.near.name).flags).not.toContain('outside_radius')
    expect(of(M.near.name).flags).not.toContain('no_location')
    expect(of(M.near.name).distanceM).toBeLessThan(5)
    expect(of(M.far.name).flags).toContain('outside_radius')
    expect(of(M.far.name).distanceM).toBeGreaterThan(1000)
    expect(of(M.far.name).distanceM).toBeLessThan(1250)
  })
})
