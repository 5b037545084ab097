/**
 * The year's end, walked through the H5 build on 375 px phones (docs/DESIGN.md#publicity-appeals-and-locking):
 *   1. the estate secretary drafts a new 积分明细 version with one changed item and adopts it (党员大会 recorded);
 *   2. a unit secretary imports a score sheet (.xlsx) with one good and one bad row: the preview shows both, only
 *      the good row is saved;
 *   3. the secretary opens 公示 from today; a member appeals an entry (a too-short reason is refused on the spot);
 *      the secretary accepts with +2 and the member sees the answer and the points;
 *   4. the county admin looks at the dashboard (and downloads an export), checks the weights form, and tries to
 *      finalise: the server refuses because 公示 has not ended anywhere, and the screen lists the estates;
 *   5. the other estates open their 公示 too, the backend restarts with its clock 20 days ahead
 *      (CLOCK_OFFSET_DAYS, local only) so every 公示 has ended, and the county admin finalises on the same screen:
 *      the year shows as locked and a later write is refused with YEAR_LOCKED;
 *   6. the county admin edits next year's 积分明细 template, and an estate secretary drafts from it;
 *   7. after 定稿 the county admin corrects a member's year on the 审计调整 screen; the member's score follows.
 *
 * Real pieces only, as in core-loop.e2e.test.ts: the bundled backend with a fresh seeded SQLite dir, the production
 * H5 build, Debian Chromium; each person is a browser context signed in through the dev-login screen.
 */
import fs from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { readXlsx, writeXlsx } from '../src/lib/xlsx'
import { api, devLogin, startBackend, type Backend } from './support/backend'
import { assertNoHorizontalScroll, launchBrowser, shoot, ui, assertNoUnexpectedConsoleErrors } from './support/browser'
import {
  choose,
  confirmModal,
  monthDayOf,
  newUserPage,
  openTab,
  scrollToTop,
  shanghaiToday,
  signIn,
  stepper,
  text,
  tokenOf,
  waitUntil,
} from './support/flow'

const SECRETARY = 'demo-secretary-e1'
const UNIT_SECRETARY = 'demo-unitsec-ub2'
const MEMBER = 'demo-member-1' // 张建国, E1: has an approved entry from the seed's past activity
const ADMIN = 'demo-admin'

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { secretary?: Page; unitsec?: Page; member?: Page; admin?: Page } = {}
const state = { year: shanghaiToday().year, estateBefore: 0, appealTitle: '' }
const step = stepper(pages)

beforeAll(async () => {
  backend = await startBackend()
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined)
  await browser?.close().catch(() => undefined)
  await backend?.stop()
}, 30_000)

// Expected: the 401 before signing in, and the 409s the walk provokes (a refused finalisation).
afterAll(() => assertNoUnexpectedConsoleErrors(pages, [401, 409]))

async function openTool(page: Page, key: string, path: RegExp): Promise<void> {
  await ui(page, `.workbench-${key}`).click()
  await page.waitForURL(path)
}

describe('year end on the H5 build (375 px phone)', () => {
  step(1, 'the estate secretary drafts a new 积分明细 version with one changed item and adopts it', async () => {
    const page = (pages.secretary = await newUserPage(browser, backend.url, contexts, 'secretary'))
    await signIn(page, SECRETARY)
    await ui(page, '.home__workbench').click()
    await ui(page, '.workbench-ruleset').waitFor()
    await assertNoHorizontalScroll(page, 'workbench with the new tools')
    await openTool(page, 'ruleset', /#\/packages\/secretary\/ruleset\/index/)

    const current = ui(page, '.ruleset-current')
    await current.waitFor()
    expect(await current.textContent()).toContain('现行 · 第 1 版')
    expect(await text(page, '.ruleset-current .ruleset-item-view--V02 .ruleset-item-points')).toBe('+3.00/次')
    await assertNoHorizontalScroll(page, 'ruleset (current)')

    // Start from the version in force and change one item: 环境整治 3 → 4 points.
    await ui(page, '.ruleset-new-from-current').click()
    await ui(page, '.ruleset-editor').waitFor()
    const points = ui(page, '.ruleset-item--V02 .ruleset-item-points input')
    expect(await points.inputValue()).toBe('3')
    await points.fill('4')
    await assertNoHorizontalScroll(page, 'ruleset editor')
    await ui(page, '.ruleset-save').click()

    // Saved as a draft (version 2); the adoption form opens for it.
    const draft = ui(page, '.ruleset-draft-v2')
    await draft.waitFor()
    expect(await draft.textContent()).toContain('有改动')
    await ui(page, '.ruleset-adopt-form').waitFor()
    await ui(page, '.ruleset-adopt-attendees input').fill('36')
    await ui(page, '.ruleset-adopt-note textarea').fill('应到 40 人，实到 36 人，全票通过')
    await ui(page, '.ruleset-adopt-confirm').click()
    await confirmModal(page)

    await waitUntil('version 2 to be in force', async () => ((await current.textContent()) ?? '').includes('现行 · 第 2 版'), 10_000)
    expect(await text(page, '.ruleset-current .ruleset-item-view--V02 .ruleset-item-points')).toBe('+4.00/次')
    expect(await text(page, '.ruleset-current .ruleset-adoption')).toContain(`${shanghaiToday().date} 小区党员大会通过 · 到会 36 人`)
    expect(await ui(page, '.ruleset-draft').count()).toBe(0)
    expect(await ui(page, '.ruleset-history').count()).toBe(1) // version 1 stays, read-only
    await scrollToTop(page)
    await shoot(page, '20-ruleset.png')

    const got = await api(backend.url, await tokenOf(page), 'ruleset.get', { estateBranchId: 'E1', year: state.year })
    expect(got.current).toMatchObject({ version: 2, status: 'adopted', adoptedOn: shanghaiToday().date, attendees: 36 })
    expect(got.current.items.find((i: { code: string }) => i.code === 'V02').points).toBe(4)
    expect(got.versions.find((v: { version: number }) => v.version === 1).items.find((i: { code: string }) => i.code === 'V02').points).toBe(3)
  })

  step(2, 'the unit secretary imports a sheet with one good and one bad row; only the good one is saved', async () => {
    const page = (pages.unitsec = await newUserPage(browser, backend.url, contexts, 'unitsec'))
    await signIn(page, UNIT_SECRETARY)
    await ui(page, '.home__workbench').click()
    await openTool(page, 'unit-import', /#\/packages\/unit\/import\/index/)
    await ui(page, '.import-pick').waitFor()
    await assertNoHorizontalScroll(page, 'unit import')

    // The unit's own sheet on its 150-point scale: 李秀英 (D002, UB2, no unit score in the seed) and a person who
    // is not in the branch.
    const sheet = writeXlsx([
      {
        name: `${state.year}年度`,
        rows: [
          ['姓名', '手机号', '单位积分', '满分'],
          ['李秀英', '13800000002', 120, 150],
          ['王不在', '13999999999', 80, 150],
        ],
      },
    ])
    await page.locator('input.sheet-file-input').setInputFiles({
      name: '卫健委机关党支部单位积分.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(sheet),
    })

    await ui(page, '.import-preview').waitFor()
    expect(await text(page, '.import-file')).toContain('卫健委机关党支部单位积分.xlsx')
    expect(await text(page, '.import-matched-count')).toBe('1')
    expect(await text(page, '.import-problem-count')).toBe('1')
    const problem = await text(page, '.import-problem')
    expect(problem).toContain('第 3 行')
    expect(problem).toContain('王不在')
    expect(problem).toContain('本支部名册中找不到姓名与手机号都一致的党员')
    const row = await text(page, '.import-row')
    expect(row).toContain('李秀英')
    expect(row).toContain('120.00 / 150.00')
    expect(row).toContain('80.00') // 120 / 150 × 100
    expect(row).toContain('新录入')
    await shoot(page, '21-unit-import.png')

    await ui(page, '.import-confirm').click()
    await confirmModal(page)
    await ui(page, '.import-done').waitFor()
    expect(await text(page, '.import-done')).toContain('已保存 1 人的单位积分')

    const list = await api(backend.url, await tokenOf(page), 'unitScore.list', { unitBranchId: 'UB2', year: state.year })
    const rows: { memberId: string; raw: number | null; fullScale: number | null; unitScore: number | null }[] = Array.isArray(list)
      ? list
      : list.rows
    expect(rows.find((r) => r.memberId === 'D002')).toMatchObject({ raw: 120, fullScale: 150, unitScore: 80 })
    expect(rows.some((r) => r.raw === 80)).toBe(false) // the bad row saved nothing
  })

  step(3, '公示 from today: a member appeals an entry, the secretary accepts with +2, the member sees the answer', async () => {
    const sec = pages.secretary as Page
    await sec.goBack() // ruleset → workbench
    await openTool(sec, 'publicity', /#\/packages\/secretary\/publicity\/index/)
    await ui(sec, '.publicity-none').waitFor()
    expect(await ui(sec, 'input.publicity-start').inputValue()).toBe(shanghaiToday().date)
    await assertNoHorizontalScroll(sec, 'publicity (not yet open)')
    await ui(sec, '.publicity-open').click()
    await confirmModal(sec)
    await ui(sec, '.publicity-status--open').waitFor()
    const pub = await api(backend.url, await tokenOf(sec), 'publicity.get', { estateBranchId: 'E1', year: state.year })
    expect(pub).toMatchObject({ startOn: shanghaiToday().date, status: 'open', workingDays: 5 })
    expect(await text(sec, '.publicity-range')).toBe(`${monthDayOf(pub.startOn)}至 ${monthDayOf(pub.endOn)}（5 个工作日）`)
    expect(await text(sec, '.publicity-state')).toBe('公示中')

    // The member sees the 公示 on 我的积分 and appeals an approved entry.
    const page = (pages.member = await newUserPage(browser, backend.url, contexts, 'member'))
    await signIn(page, MEMBER)
    await openTab(page, '我的积分')
    await page.waitForURL(/#\/pages\/points\/index/)
    const banner = ui(page, '.points-publicity')
    await banner.waitFor()
    expect(await banner.textContent()).toContain(`公示中：${monthDayOf(pub.startOn)}至 ${monthDayOf(pub.endOn)}，可对积分提出申诉`)
    await assertNoHorizontalScroll(page, 'points during 公示')
    const before = await api(backend.url, await tokenOf(page), 'score.mine', { year: state.year })
    state.estateBefore = before.estateScore
    const entry = ui(page, '.points-entry--approved')
      .filter({ has: page.locator('.points-entry-appeal') })
      .first()
    state.appealTitle = ((await entry.locator('.entry-list__title').textContent()) ?? '').trim()
    expect(state.appealTitle).not.toBe('')
    await entry.locator('.points-entry-appeal').click()
    await page.waitForURL(/#\/packages\/member\/appeal\/index/)
    await ui(page, '.appeal-form').waitFor()
    expect(await text(page, '.appeal-target')).toContain(`积分流水「${state.appealTitle}」`)

    // Too short: refused on the phone, nothing sent.
    await ui(page, '.appeal-reason textarea').fill('不对')
    await ui(page, '.appeal-submit').click()
    await ui(page, '.appeal-problem').waitFor()
    expect(await text(page, '.appeal-problem')).toContain('至少写 5 个字')
    expect(await api(backend.url, await tokenOf(page), 'appeal.mine', { year: state.year })).toEqual([])

    await ui(page, '.appeal-reason textarea').fill('当天我还参加了楼道清扫，请核实加分')
    await ui(page, '.appeal-submit').click()
    await ui(page, '.appeal-item--open').waitFor()
    expect(await text(page, '.appeal-status')).toBe('待答复')

    // The secretary answers: accepted, +2.
    await ui(sec, '.publicity-tab-accepted').click()
    await ui(sec, '.publicity-tab-open').click()
    const appeal = ui(sec, '.publicity-appeal--open').filter({ hasText: '张建国' }).first()
    await appeal.waitFor()
    expect(await appeal.textContent()).toContain('当天我还参加了楼道清扫，请核实加分')
    await appeal.locator('.publicity-answer textarea').fill('经核实当天还参加了楼道清扫，加 2 分')
    await appeal.locator('.publicity-points input').fill('2')
    await appeal.locator('.publicity-accept').click()
    await ui(sec, '.publicity-no-appeals').waitFor()
    await ui(sec, '.publicity-tab-accepted').click()
    const answered = ui(sec, '.publicity-appeal--accepted').filter({ hasText: '张建国' }).first()
    await answered.waitFor()
    expect(await answered.textContent()).toContain('已追加调整积分')
    await shoot(sec, '22-publicity.png')

    // The member sees the answer and the adjustment.
    await page.reload()
    const mine = ui(page, '.appeal-item--accepted')
    await mine.waitFor()
    expect(await text(page, '.appeal-status')).toBe('已采纳')
    expect(await text(page, '.appeal-answer')).toContain('经核实当天还参加了楼道清扫，加 2 分')
    await shoot(page, '23-appeal.png')
    const after = await api(backend.url, await tokenOf(page), 'score.mine', { year: state.year })
    expect(Math.round(after.estateScore * 100)).toBe(Math.round(state.estateBefore * 100) + 200)
    expect(after.entries.some((e: { title: string; points: number }) => e.title === '申诉调整' && e.points === 2)).toBe(true)
  })

  step(4, 'the county admin: dashboard and export, the weights check, and finalisation refused while 公示 runs', async () => {
    const page = (pages.admin = await newUserPage(browser, backend.url, contexts, 'admin'))
    await signIn(page, ADMIN)
    await ui(page, '.home__workbench').click()
    await openTool(page, 'dashboard', /#\/packages\/admin\/dashboard\/index/)
    await ui(page, '.dashboard-registration').waitFor()
    const dash = await api(backend.url, await tokenOf(page), 'dashboard.get', { scopeId: 'county', year: state.year })
    expect(await text(page, '.dashboard-registration')).toContain(`${dash.registrationRate}%`)
    expect(await text(page, '.dashboard-appeals')).toBe('待处理申诉 0')
    expect(await ui(page, '.dashboard-estate').count()).toBe(6)
    await shoot(page, '24-dashboard.png')

    // A community's view: its two estates.
    await choose(page, 'select.dashboard-scope', '东风社区党总支')
    await waitUntil('the community dashboard', async () => (await text(page, '.dashboard-scope-name')) === '东风社区党总支', 10_000)
    expect(await ui(page, '.dashboard-estate').count()).toBe(2)

    // Export: the H5 build downloads a real .xlsx.
    const [download] = await Promise.all([page.waitForEvent('download'), ui(page, '.export-totals').click()])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^东风社区党总支-${state.year}-年度总分-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`))
    const rows = readXlsx(new Uint8Array(fs.readFileSync(await download.path())))
    expect(rows[0].slice(0, 3)).toEqual(['姓名', '党员编号', '单位积分'])
    expect(rows.find((r) => r[1] === 'D001')?.[0]).toBe('张建国')

    // Settings: weights must add up to 1 — the form says so before anything is sent.
    await page.goBack()
    await openTool(page, 'settings', /#\/packages\/admin\/settings\/index/)
    const unit = ui(page, '.settings-weight-unit input')
    await unit.waitFor()
    expect(await unit.inputValue()).toBe('0.5')
    await unit.fill('0.6')
    await ui(page, '.settings-weights-error').waitFor()
    expect(await text(page, '.settings-weights-error')).toBe('单位权重与小区权重之和必须为 1（现为 1.1）')
    expect(await ui(page, '.settings-save').getAttribute('disabled')).not.toBeNull()
    await unit.fill('0.5')
    await waitUntil('the weights error to go', async () => (await ui(page, '.settings-weights-error').count()) === 0, 5000)
    await shoot(page, '25-settings.png')

    // Finalisation: refused by the server while every estate's 公示 has not ended; the screen lists them.
    await page.goBack()
    await openTool(page, 'tally', /#\/packages\/admin\/tally\/index/)
    await ui(page, '.tally-finalise').waitFor()
    await assertNoHorizontalScroll(page, 'tally with finalise')
    await ui(page, '.tally-finalise-run').click()
    await confirmModal(page)
    const refusal = ui(page, '.tally-finalise-error')
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('暂不能定稿')
    const estates = (await ui(page, '.tally-finalise-estate').allTextContents()).map((s) => s.trim())
    // E1's 公示 is still running, E2–E5 have none; E6 has no registered members yet, so it does not hold anything up.
    expect(estates.sort()).toEqual(['书香苑党支部', '和园小区党支部', '幸福里小区党支部', '滨江小区党支部', '锦绣花园党支部'].sort())
    const settings = await api(backend.url, await tokenOf(page), 'settings.get', { year: state.year })
    expect(settings.locked).toBe(false)
    expect(await ui(page, '.tally-locked').count()).toBe(0)
  })

  step(5, 'once 公示 has ended everywhere (clock 20 days on), the county admin finalises; the year is locked', async () => {
    const page = pages.admin as Page
    const today = shanghaiToday().date
    // E1's 公示 was opened on its screen in step 3; the other estates with members open theirs today.
    for (let k = 2; k <= 5; k++) {
      const token = await devLogin(backend.url, `demo-secretary-e${k}`)
      await api(backend.url, token, 'publicity.open', { estateBranchId: `E${k}`, year: state.year, startOn: today })
    }
    await backend.restart({ CLOCK_OFFSET_DAYS: '20' })
    await page.reload()
    await ui(page, '.tally-finalise-run').waitFor()
    await ui(page, '.tally-finalise-run').click()
    await confirmModal(page)
    await ui(page, '.tally-locked').waitFor()
    expect(await text(page, '.tally-locked')).toContain(`${state.year} 年度已定稿锁定`)
    expect(await text(page, '.tally-finalised')).toMatch(/^已定稿：共 \d+ 人/)
    expect(await ui(page, '.tally-finalise-run').count()).toBe(0)
    await shoot(page, '26-finalised.png')
    const settings = await api(backend.url, await tokenOf(page), 'settings.get', { year: state.year })
    expect(settings.locked).toBe(true)
    // Nothing changes afterwards except through audited adjustments.
    const unitToken = await devLogin(backend.url, UNIT_SECRETARY)
    const res = await fetch(`${backend.url}/api/unitScore.import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${unitToken}` },
      body: JSON.stringify({ unitBranchId: 'UB2', year: state.year, scores: [{ memberId: 'D002', score: 99 }] }),
    })
    expect([res.status, (await res.json()).error?.code]).toEqual([409, 'YEAR_LOCKED'])
  })
  step(6, 'the county admin prepares next year’s 积分明细 template; an estate secretary drafts from it', async () => {
    const next = state.year + 1
    const admin = pages.admin as Page
    await admin.goto(`${backend.url}/#/packages/secretary/index/index`)
    await openTool(admin, 'template', /#\/packages\/admin\/template\/index/)
    await ui(admin, '.year-next').click()
    await waitUntil(`the ${next} template`, async () => (await text(admin, '.year-current')) === `${next} 年度`, 10_000)
    const points = ui(admin, '.ruleset-item--V02 .ruleset-item-points input')
    await waitUntil('the template in the editor', async () => (await points.inputValue()) === '3', 10_000)
    await points.fill('3.5')
    await ui(admin, '.ruleset-save-template').click()
    await ui(admin, `.taro__toast >> text=${next} 年度县级模板已保存`).first().waitFor({ timeout: 5000 })
    const saved = await api(backend.url, await tokenOf(admin), 'ruleset.template', { year: next })
    expect(saved.source).toBe('county')
    expect(saved.items.find((i: { code: string }) => i.code === 'V02').points).toBe(3.5)

    const sec = pages.secretary as Page
    await sec.goto(`${backend.url}/#/packages/secretary/ruleset/index`)
    await ui(sec, '.year-next').click()
    await ui(sec, '.ruleset-none').waitFor()
    await waitUntil('the county template label', async () => (await text(sec, '.ruleset-template-source')).startsWith('县级模板（县委组织部'), 10_000)
    await ui(sec, '.ruleset-new-from-template').click()
    expect(await ui(sec, '.ruleset-item--V02 .ruleset-item-points input').inputValue()).toBe('3.5')
    // Saving the template changed no estate's rule set: this year's version 2 is still in force with V02 at 4.
    const got = await api(backend.url, await tokenOf(sec), 'ruleset.get', { estateBranchId: 'E1', year: state.year })
    expect(got.current.items.find((i: { code: string }) => i.code === 'V02').points).toBe(4)
  })
  step(7, 'after 定稿 the county admin corrects a member’s year only by an audited adjustment, and the member sees it', async () => {
    const admin = pages.admin as Page
    const before = await api(backend.url, await devLogin(backend.url, MEMBER), 'score.mine', { year: state.year })
    await admin.goto(`${backend.url}/#/packages/secretary/index/index`)
    await openTool(admin, 'adjustment', /#\/packages\/admin\/adjustment\/index/)
    await ui(admin, '.adjustment-search input').fill('张建国')
    await ui(admin, '.adjustment-match').first().click()
    await ui(admin, '.adjustment-picked').waitFor()
    await ui(admin, '.adjustment-locked').waitFor() // this year is finalised: the page says the adjustment is the way
    await ui(admin, '.adjustment-points input').fill('-1.5')
    await ui(admin, '.adjustment-reason textarea').fill('审计发现重复计分，核减')
    await ui(admin, '.adjustment-submit').click()
    await confirmModal(admin)
    await ui(admin, '.adjustment-done').waitFor()
    expect(await text(admin, '.adjustment-done-who')).toContain('张建国')

    const after = await api(backend.url, await devLogin(backend.url, MEMBER), 'score.mine', { year: state.year })
    expect(after.estateScore).toBeCloseTo(before.estateScore - 1.5, 2)
    expect(after.entries.find((e: { title: string }) => e.title === '审计调整')).toMatchObject({ points: -1.5, kind: 'adjustment' })
  })
})
