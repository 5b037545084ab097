/**
 * 述职 through the H5 build on 375 px phones (docs/DESIGN.md#duty-reports): an estate secretary writes the year's report
 * with a photo and revises it; the community admin sees who has and has not reported, reminds the one that has not
 * (the reminder lands in that secretary's notices), reads the report and grades it; the secretary then sees it 已阅
 * and can no longer change it. Same real pieces as the other walks: bundled backend on a fresh SQLite dir with the
 * demo seed, the production H5 build, Debian Chromium.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { api, startBackend, type Backend } from './support/backend'
import { assertNoHorizontalScroll, assertNoUnexpectedConsoleErrors, launchBrowser, shoot, ui } from './support/browser'
import { choose, makeStep, openTab, openWorkbenchTool, signedInPage, text, tokenOf, waitUntil } from './support/flow'

const SECRETARY = 'demo-secretary-e1'
const OTHER_SECRETARY = 'demo-secretary-e2'
const COMMUNITY = 'demo-community-cm1'
const REPORT = '全年组织在职党员志愿服务 12 次，报到党员 40 人；解决楼道照明、非机动车停放等问题 8 件。'
const MORE = '下一步：建立楼栋长联系在职党员制度。'

function photo(): Buffer {
  const png = new PNG({ width: 80, height: 60 })
  for (let i = 0; i < png.data.length; i += 4) [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]] = [200, 30, 30, 255]
  return PNG.sync.write(png)
}

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { secretary?: Page; community?: Page; other?: Page } = {}
const step = makeStep(pages, 'duty-step')

const newUserPage = (label: string, openid: string) => signedInPage(browser, backend.url, contexts, label, openid)

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

describe('述职 on the H5 build (375 px phone)', () => {
  step(1, 'the estate secretary writes the report with a photo, submits it, and revises it (both versions kept)', async () => {
    const page = (pages.secretary = await newUserPage('secretary', SECRETARY))
    await openWorkbenchTool(page, 'duty-report', /#\/packages\/report\/mine\/index/)
    expect(await text(page, '.duty-status-label')).toBe('未报')
    await ui(page, '.duty-text textarea').fill(REPORT)
    await ui(page, '.duty-photo-add').click()
    const album = ui(page, '.taro__actionSheet .taro-actionsheet__cell').filter({ hasText: '从相册选择' }).first()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), album.click()])
    await chooser.setFiles({ name: 'activity.png', mimeType: 'image/png', buffer: photo() })
    await waitUntil('the thumbnail', async () => (await ui(page, '.duty-photo').count()) === 1, 10_000)
    await assertNoHorizontalScroll(page, '年度述职')
    await ui(page, '.duty-submit').click()
    await waitUntil('已报', async () => (await text(page, '.duty-status-label')) === '已报（待阅）', 10_000)
    // The photo is now an attachment of version 1; revise the text and keep it.
    expect(await ui(page, '.duty-attachment').count()).toBe(1)
    await ui(page, '.duty-text textarea').fill(`${REPORT}${MORE}`)
    await ui(page, '.duty-submit').click()
    await waitUntil('第 2 版', async () => (await text(page, '.duty-status')).includes('第 2 版'), 10_000)
    expect(await ui(page, '.duty-version').count()).toBe(2)
    await shoot(page, 'duty-report-1-write.png')
  })

  step(2, 'the community admin sees who has not reported and reminds them; the reminder reaches that secretary', async () => {
    const page = (pages.community = await newUserPage('community', COMMUNITY))
    await openWorkbenchTool(page, 'duty-reports', /#\/packages\/report\/list\/index/)
    await waitUntil('the table', async () => (await text(page, '.duty-summary')).includes('未报 1'), 10_000)
    const e2 = ui(page, '.duty-row').filter({ hasText: '锦绣花园' }).first()
    expect(await e2.locator('.duty-row-status').textContent()).toBe('未报')
    await e2.locator('.duty-remind').click()
    await waitUntil('最近催报', async () => ((await e2.textContent()) ?? '').includes('最近催报'), 10_000)
    await shoot(page, 'duty-report-2-list.png')

    const other = (pages.other = await newUserPage('other secretary', OTHER_SECRETARY))
    await openTab(other, '我的')
    const notice = ui(other, '.mine-notice').filter({ hasText: '述职催报' }).first()
    await notice.waitFor()
    expect(await notice.textContent()).toContain('东风社区党总支')
  })

  step(3, 'the community admin reads the report with its photo and grades it 较好', async () => {
    const page = pages.community as Page
    const e1 = ui(page, '.duty-row').filter({ hasText: '幸福里' }).first()
    await e1.locator('.duty-open').click()
    await page.waitForURL(/#\/packages\/report\/read\/index/)
    await waitUntil('the text', async () => (await text(page, '.duty-text-read')).includes(MORE), 10_000)
    const img = ui(page, '.duty-attachment img, img.duty-attachment').first()
    await waitUntil('the photo to load', async () => img.evaluate((el) => (el as HTMLImageElement).naturalWidth === 80), 10_000)
    await choose(page, 'select.duty-grade-picker, .duty-grade-picker select', '较好')
    await ui(page, '.duty-comment-input textarea').fill('工作扎实，问题解决有成效。')
    await ui(page, '.duty-review').click()
    await waitUntil('已阅', async () => (await text(page, '.duty-status-label')) === '已阅', 10_000)
    expect(await text(page, '.duty-grade')).toBe('较好')
    await shoot(page, 'duty-report-3-read.png')
  })

  step(4, 'the secretary sees 已阅 with the grade and the comment, and the report can no longer be changed', async () => {
    const page = pages.secretary as Page
    await page.reload()
    await waitUntil('已阅', async () => (await text(page, '.duty-status-label')) === '已阅', 10_000)
    expect(await text(page, '.duty-comment')).toContain('工作扎实')
    expect(await ui(page, '.duty-submit').count()).toBe(0)
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4))
    const month = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(5, 7))
    const view = await api(backend.url, await tokenOf(page), 'report.get', { orgId: 'E1', year: month <= 2 ? year - 1 : year })
    expect(view).toMatchObject({ status: 'read', version: 2, read: { grade: 'fairlyGood' } })
    await shoot(page, 'duty-report-4-mine-read.png')
  })
})
