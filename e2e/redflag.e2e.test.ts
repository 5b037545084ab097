/**
 * 红旗小区 评选 through the H5 build on 375 px phones (docs/DESIGN.md#red-flag-estates), each step by the role that does it:
 * the county opens the campaign → 幸福里 applies, is returned by the community and resubmits (锦绣花园 applies too) →
 * the community endorses → the street's list over its quota is refused naming it, then one within it → two panel
 * reviewers score, one objects → the county records the 常委会 decision and opens the 公示 → a member files a 问题反映
 * that the county finds 属实 (滨江's place is removed, not refilled) → after the 公示 the results, and the honour badge on a
 * 幸福里 member's home page. 滨江小区 (河西街道, whose admins the demo has none of) goes through by the API.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { api, devLogin, startBackend, type Backend } from './support/backend'
import { assertNoUnexpectedConsoleErrors, launchBrowser, shoot, ui } from './support/browser'
import { confirmModal, makeStep, openTab, openWorkbenchTool, shanghaiToday, signedInPage, text, waitUntil } from './support/flow'

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: Record<string, Page | undefined> = {}
const step = makeStep(pages, 'redflag-step', 120_000)
const today = shanghaiToday()
// The campaign year as the app takes it: in January, last year's campaign is still running.
const YEAR = Number(today.date.slice(5, 7)) === 1 ? today.year - 1 : today.year
const DEADLINE = new Date(Date.now() + 8 * 3600_000 + 10 * 86_400_000).toISOString().slice(0, 10)
const ASSESS = ['每月主题党日，党员亮身份', '物业服务企业纳入党建联建', '居民议事会每季度召开', '楼道整治、平安巡逻', '志愿服务队常态化']

async function phone(label: string, openid: string): Promise<Page> {
  const page = await signedInPage(browser, backend.url, contexts, label, openid)
  pages[label] = page
  return page
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

afterAll(() => assertNoUnexpectedConsoleErrors(pages, [400, 401, 409]))

async function apply(page: Page) {
  for (let k = 0; k < ASSESS.length; k++) await ui(page, `.rf-assess-C${k + 1} textarea`).fill(ASSESS[k])
  await ui(page, '.rf-submit').click()
  await confirmModal(page)
  await waitUntil('the application to be submitted', async () => (await text(page, '.rf-apply-status')).startsWith('待社区把关'), 15_000)
}

describe('红旗小区 评选 on the H5 build (375 px phone)', () => {
  step(1, 'the county opens the campaign with the defaults and the programme’s criteria', async () => {
    const page = await phone('county', 'demo-admin')
    await openWorkbenchTool(page, 'rf-campaign', /#\/packages\/redflag\/campaign\/index/)
    await waitUntil('the empty campaign', async () => (await text(page, '.rf-campaign-state')).includes('尚未开启'), 10_000)
    await ui(page, '.rf-deadline input').fill(DEADLINE)
    await ui(page, '.rf-campaign-save').click()
    await waitUntil('the street quotas', async () => (await ui(page, '.rf-street-quota').count()) === 2, 10_000)
    expect(await text(page, '.rf-street-quota')).toContain('4 个小区 → 推荐 1 个')
    await shoot(page, '40-redflag-campaign.png')
  })

  step(2, '幸福里 applies; 锦绣花园 and 滨江 too', async () => {
    const page = await phone('e1', 'demo-secretary-e1')
    await openWorkbenchTool(page, 'rf-apply', /#\/packages\/redflag\/apply\/index/)
    await ui(page, '.rf-assess-C1 textarea').waitFor()
    await apply(page)
    expect(await text(page, '.rf-snapshot-row')).toContain('报到率')
    await shoot(page, '41-redflag-apply.png')
    const assessment = Object.fromEntries(ASSESS.map((a, k) => [`C${k + 1}`, a]))
    for (const e of ['e2', 'e5']) {
      const token = await devLogin(backend.url, `demo-secretary-${e}`)
      await api(backend.url, token, 'redflag.saveDraft', { year: YEAR, estateBranchId: e.toUpperCase(), assessment })
      await api(backend.url, token, 'redflag.submit', { year: YEAR, estateBranchId: e.toUpperCase() })
    }
  })

  step(3, 'the community returns 幸福里 with a reason; it is edited and resubmitted as version 2', async () => {
    const page = await phone('community', 'demo-community-cm1')
    await openWorkbenchTool(page, 'rf-review', /#\/packages\/redflag\/review\/index/)
    const card = ui(page, '.rf-application').filter({ hasText: '幸福里' })
    await card.locator('.rf-return').click()
    await ui(page, '.reason-dialog-input textarea').fill('请补充物业服务的具体做法和成效')
    await ui(page, '.reason-dialog-confirm').click()
    await waitUntil('returned', async () => (await card.locator('.rf-application-status').textContent())?.includes('已退回'), 10_000)

    const e1 = pages.e1 as Page
    await e1.reload()
    await ui(e1, '.rf-returned-reason').waitFor()
    expect(await text(e1, '.rf-returned-reason')).toContain('请补充物业服务的具体做法和成效')
    await ui(e1, '.rf-assess-C2 textarea').fill('物业服务企业纳入党建联建，每季度由居民评议一次')
    await ui(e1, '.rf-submit').click()
    await confirmModal(e1)
    await waitUntil('version 2', async () => (await text(e1, '.rf-apply-status')) === '待社区把关（第 2 版）', 15_000)

    await page.reload()
    for (const name of ['幸福里', '锦绣花园']) {
      const c = ui(page, '.rf-application').filter({ hasText: name })
      await c.locator('.rf-endorse').click()
      await waitUntil(`${name} endorsed`, async () => (await c.locator('.rf-application-status').textContent())?.includes('社区同意上报'), 10_000)
    }
    await shoot(page, '42-redflag-community.png')
    // 滨江 (河西街道) is endorsed and recommended by its own admins, granted for this walk.
    const admin = await devLogin(backend.url, 'demo-admin')
    await api(backend.url, admin, 'admin.importDirectory', {
      roles: [
        { openid: 'e2e-cm3', role: 'community_admin', scopeId: 'CM3' },
        { openid: 'e2e-s2', role: 'street_admin', scopeId: 'S2' },
      ],
    })
    await api(backend.url, await devLogin(backend.url, 'e2e-cm3'), 'redflag.review', { year: YEAR, estateBranchId: 'E5', decision: 'endorse' })
    await api(backend.url, await devLogin(backend.url, 'e2e-s2'), 'redflag.recommend', {
      year: YEAR,
      streetId: 'S2',
      picks: [{ estateBranchId: 'E5', note: '实地查看楼道与议事记录' }],
    })
  })

  step(4, 'the street’s two picks are refused naming its quota of 1; one is recommended', async () => {
    const page = await phone('street', 'demo-street-s1')
    await openWorkbenchTool(page, 'rf-review', /#\/packages\/redflag\/review\/index/)
    for (const name of ['幸福里', '锦绣花园']) {
      const c = ui(page, '.rf-application').filter({ hasText: name })
      await c.locator('.rf-pick').click()
      await c.locator('.rf-note input').fill(`${name}：实地查看楼道、议事会记录`)
    }
    await ui(page, '.rf-recommend').click()
    await waitUntil('the refusal naming the quota', async () => (await page.textContent('body'))?.includes('最多推荐 1 个小区（本次 2 个）'), 10_000)
    await shoot(page, '43-redflag-street-quota.png')
    await confirmModal(page)
    await ui(page, '.rf-application').filter({ hasText: '锦绣花园' }).locator('.rf-pick').click()
    await ui(page, '.rf-recommend').click()
    const e1 = ui(page, '.rf-application').filter({ hasText: '幸福里' })
    await waitUntil('recommended', async () => (await e1.locator('.rf-application-status').textContent())?.includes('街道已推荐'), 10_000)
  })

  step(5, 'two panel reviewers score; one objects; the exact average and the objection show', async () => {
    const scores = [
      ['27.5', '22', '13', '14', '13.55'],
      ['28', '22.1', '13', '14', '13'],
    ]
    for (const [k, openid] of ['demo-panel-1', 'demo-panel-2'].entries()) {
      const page = await phone(`panel${k + 1}`, openid)
      await openWorkbenchTool(page, 'rf-panel', /#\/packages\/redflag\/panel\/index/)
      for (const e of ['幸福里', '滨江']) {
        const card = ui(page, '.rf-panel-application').filter({ hasText: e })
        for (let c = 0; c < 5; c++) await card.locator(`.rf-score-C${c + 1} input`).fill(scores[k][c])
        if (k === 1 && e === '滨江') await card.locator('.rf-objection-input textarea').fill('群众反映物业收费公示不及时')
        await card.locator('.rf-score-save').click()
        await waitUntil(`${e} scored`, async () => (await card.locator('.rf-review').count()) === k + 1, 10_000)
      }
    }
    const page = pages.panel2 as Page
    // 90.05 and 90.10 → 90.08 (a float average shows 90.07).
    const e1 = ui(page, '.rf-panel-application').filter({ hasText: '幸福里' })
    await waitUntil('the average', async () => (await e1.locator('.rf-average').textContent())?.trim() === '90.08', 10_000)
    expect(await ui(page, '.rf-objection').first().textContent()).toContain('群众反映物业收费公示不及时')
    await shoot(page, '44-redflag-panel.png')
  })

  step(6, 'the county records the 常委会 decision and opens the 公示', async () => {
    const page = pages.county as Page
    await page.goto(`/#/packages/redflag/decision/index`)
    await waitUntil('two approved', async () => (await ui(page, '.rf-approve').count()) === 2, 10_000)
    await ui(page, '.rf-meeting-note textarea').fill(`县委常委会第 ${YEAR - 2000} 次会议审定`)
    await ui(page, '.rf-decide').click()
    await ui(page, '.rf-publicity-open').click()
    await ui(page, '.rf-publicity-state').waitFor()
    expect(await text(page, '.rf-publicity-state')).toContain('公示中')
    await shoot(page, '45-redflag-decision.png')
  })

  step(7, 'a member reports on 滨江; the county finds it 属实 and the place is not refilled', async () => {
    const page = await phone('member', 'demo-member-3')
    await openTab(page, '我的')
    await ui(page, '.mine-rf-publicity-link').click()
    await page.waitForURL(/#\/packages\/redflag\/publicity\/index/)
    await waitUntil('the list', async () => (await ui(page, '.rf-publicity-estate').count()) === 2, 10_000)
    const select = ui(page, 'select').first()
    const value = await select.evaluate((el) => [...(el as HTMLSelectElement).options].find((o) => o.textContent?.includes('滨江'))?.value ?? '')
    await select.selectOption(value)
    await ui(page, '.rf-report-text textarea').fill('小区物业收费项目和标准长期未公示，居民多次反映未果')
    await ui(page, '.rf-report-submit').click()
    await waitUntil('the report counted', async () => (await page.textContent('body'))?.includes('已收到问题反映 1 件'), 10_000)
    await shoot(page, '46-redflag-publicity.png')

    const county = pages.county as Page
    await county.reload()
    const report = ui(county, '.rf-report').first()
    await report.waitFor()
    expect(await report.textContent()).toContain('demo-member-3')
    await report.locator('.rf-answer input').fill('经住建局核实，收费未公示属实')
    await report.locator('.rf-upheld').click()
    await waitUntil('answered', async () => (await report.textContent())?.includes('属实：已取消资格'), 10_000)
    expect(await ui(county, '.rf-result').count()).toBe(1)
    await shoot(county, '47-redflag-report-answered.png')
  })

  step(8, 'after the 公示: the year’s results, the honour badge on a 幸福里 member’s home page, the subsidy paid', async () => {
    await backend.restart({ CLOCK_OFFSET_DAYS: '20' })
    const page = await phone('member1', 'demo-member-1')
    await ui(page, '.home-honour').waitFor()
    expect(await text(page, '.home-honour')).toContain(`${YEAR} 年度红旗小区`)
    await shoot(page, '48-redflag-badge.png')
    await ui(page, '.home-honour').click()
    await page.waitForURL(/#\/packages\/redflag\/results\/index/)
    await ui(page, '.rf-results-estate').waitFor()
    expect(await ui(page, '.rf-results-estate').count()).toBe(1)
    expect(await text(page, '.rf-results-estate')).toContain('幸福里小区党支部')
    expect(await text(page, '.rf-results-state')).toBe(`${YEAR} 年度红旗小区`)
    await shoot(page, '49-redflag-results.png')

    // The county records the subsidy as paid: the line says when and by whom.
    const county = pages.county as Page
    await county.reload()
    const line = ui(county, '.rf-result').filter({ hasText: '幸福里' })
    await line.locator('.rf-pay').click()
    await waitUntil('the subsidy line', async () => (await line.textContent())?.includes('由县财政局发放'), 10_000)
    await shoot(county, '50-redflag-subsidy.png')
  })
})
