/**
 * 订阅消息 in the browser (docs/DESIGN.md#reminders): a member signs up for an activity that starts within the hour,
 * accepting the reminder in the same tap (H5 simulates WeChat's prompt), the local backend's sender delivers the
 * reminder to its local sink, and the member reads it in 我的消息; the county admin sees it in 消息记录.
 *
 * Real pieces: the bundled backend (restarted with a 1 s send interval, and quiet hours off so the walk passes at
 * night too — quiet hours are tested in server/notify.http.test.ts), a fresh SQLite with the demo seed, the
 * production H5 build and Debian Chromium.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { api, devLogin, startBackend, type Backend } from './support/backend'
import { assertNoUnexpectedConsoleErrors, launchBrowser, shoot, ui } from './support/browser'
import { isoShanghai, makeStep, newUserPage, signIn, text, waitUntil } from './support/flow'
import { MESSAGE_LOG_URL, MY_MESSAGES_URL, activityUrl } from '../src/utils/routes'

const SECRETARY = 'demo-secretary-e1'
const MEMBER = 'demo-member-5'
const ADMIN = 'demo-admin'
const MINUTE = 60_000
const TITLE = `楼道清理 提醒 E2E ${new Date(Date.now() + 8 * 3600_000).toISOString().slice(11, 16)}`

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { member?: Page; admin?: Page } = {}
const step = makeStep(pages, 'reminder-step')
let activityId = ''

beforeAll(async () => {
  backend = await startBackend()
  await backend.restart({ NOTIFY_INTERVAL_MS: '1000', NOTIFY_QUIET_HOURS: '0' })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined)
  await browser?.close()
  await backend?.stop()
})

step(1, 'the secretary publishes an activity that starts in 50 minutes', async () => {
  const token = await devLogin(backend.url, SECRETARY)
  const start = Date.now() + 50 * MINUTE
  const created = await api(backend.url, token, 'activity.create', {
    estateBranchId: 'E1',
    title: TITLE,
    itemCode: 'V01',
    startAt: isoShanghai(start),
    endAt: isoShanghai(start + 2 * 60 * MINUTE),
  })
  activityId = created.activityId
  expect(created.status).toBe('published')
})

step(2, 'a member signs up and accepts the reminder in the same tap', async () => {
  const page = await newUserPage(browser, backend.url, contexts, 'member')
  pages.member = page
  await signIn(page, MEMBER)
  await page.goto(`/#${activityUrl(activityId)}`)
  await waitUntil('the detail page', async () => (await text(page, '.activity-detail-title')) === TITLE, 15_000)
  const subscribed = page.waitForResponse((r) => r.url().endsWith('/api/notify.subscribe') && r.status() === 200)
  await ui(page, '.activity-detail-signup').click()
  const answer = await (await subscribed).json()
  expect(answer.data.subscriptions).toEqual(expect.arrayContaining([expect.objectContaining({ template: 'activity_reminder', credits: 1 })]))
  await ui(page, '.activity-detail-signed').waitFor()
})

step(3, 'the reminder arrives in 我的消息', async () => {
  const page = pages.member as Page
  await page.goto(`/#${MY_MESSAGES_URL}`)
  const item = ui(page, '.message-item--activity_reminder').filter({ hasText: TITLE }).first()
  await waitUntil(
    'the reminder in 我的消息',
    async () => {
      if (await item.isVisible()) return true
      await page.reload()
      return false
    },
    20_000,
    1000,
  )
  expect(await item.textContent()).toContain('已送达')
  await shoot(page, '40-reminder-my-messages.png')
})

step(4, 'the county admin sees it in 消息记录', async () => {
  const page = await newUserPage(browser, backend.url, contexts, 'admin')
  pages.admin = page
  await signIn(page, ADMIN)
  await page.goto(`/#${MESSAGE_LOG_URL}`)
  await ui(page, '.message-log-filter--sent').click()
  const row = ui(page, '.message-item--sent').filter({ hasText: TITLE }).first()
  await row.waitFor({ timeout: 15_000 })
  expect(await row.textContent()).toContain('陈静')
  await shoot(page, '41-reminder-message-log.png')
  assertNoUnexpectedConsoleErrors(pages)
})
