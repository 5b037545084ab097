/**
 * 满意度测评 through the H5 build on 375 px phones (docs/DESIGN.md#satisfaction-surveys): the community admin opens a
 * survey for 幸福里 and opens its printable poster; a resident who never registered signs in (the local dev login
 * stands in for WeChat), opens the poster's page, answers the three questions with a comment and later changes an
 * answer; the community reads the result — one answer, 样本不足, the comment without who wrote it. Same real pieces
 * as the other walks: bundled backend on a fresh SQLite dir with the demo seed, the production H5 build, Debian Chromium.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { api, startBackend, type Backend } from './support/backend'
import { assertNoUnexpectedConsoleErrors, launchBrowser, shoot, ui } from './support/browser'
import { choose, confirmModal, makeStep, signedInPage, text, tokenOf, waitUntil } from './support/flow'

const COMMUNITY = 'demo-community-cm1'
const RESIDENT = 'resident-e2e-1'
const PERIOD = '2026年上半年'
const COMMENT = '地下车库照明不足，希望物业尽快维修'

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { community?: Page; resident?: Page } = {}
const step = makeStep(pages, 'survey-step')
let surveyId = ''

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

describe('满意度测评 on the H5 build (375 px phone)', () => {
  step(1, 'the community admin opens a survey for 幸福里 from the 工作台', async () => {
    const page = (pages.community = await newUserPage('community', COMMUNITY))
    await page.goto('/#/packages/secretary/index/index')
    await ui(page, '.workbench-survey').click()
    await page.waitForURL(/#\/packages\/survey\/manage\/index/)
    await choose(page, 'select.survey-estate, .survey-estate select', '幸福里')
    await ui(page, '.survey-period input').fill(PERIOD)
    await ui(page, '.survey-open-submit').click()
    await waitUntil('the new survey in the list', async () => (await ui(page, '.survey-item').count()) === 1, 10_000)
    expect(await text(page, '.survey-count')).toContain('已作答 0 人')
    await shoot(page, 'survey-manage.png')
  })

  step(2, 'the poster shows the survey’s code to print', async () => {
    const page = pages.community as Page
    await ui(page, '.survey-to-poster').click()
    await page.waitForURL(/#\/packages\/survey\/poster\/index\?surveyId=/)
    surveyId = new URL(page.url().replace('#', '')).searchParams.get('surveyId') ?? ''
    expect(surveyId).toMatch(/^SV/)
    await ui(page, '.survey-poster-code img, img.survey-poster-code').first().waitFor()
    expect(await text(page, '.survey-poster-title')).toContain(PERIOD)
    await shoot(page, 'survey-poster.png')
  })

  step(3, 'a resident who never registered answers from the poster’s page, then changes an answer', async () => {
    const page = (pages.resident = await newUserPage('resident', RESIDENT))
    const me = await api(backend.url, await tokenOf(page), 'me.get')
    expect(me.member ?? null).toBeNull()
    await page.goto(`/#/packages/survey/answer/index?scene=${surveyId}`)
    await ui(page, '.survey-question').first().waitFor()
    await ui(page, '.survey-choice-branch-satisfied').click()
    await ui(page, '.survey-choice-committee-basic').click()
    await ui(page, '.survey-choice-property-dissatisfied').click()
    await ui(page, '.survey-comment textarea').fill(COMMENT)
    await shoot(page, 'survey-answer.png')
    await ui(page, '.survey-submit').click()
    await ui(page, '.survey-mine').waitFor()
    // Changed before the close: the same answer, not a second one.
    await ui(page, '.survey-choice-property-basic').click()
    await ui(page, '.survey-submit').click()
    await waitUntil(
      'the changed answer stored',
      async () => (await api(backend.url, await tokenOf(page), 'survey.form', { surveyId })).mine?.property === 'basic',
      10_000,
    )
    await shoot(page, 'survey-answered.png')
  })

  step(4, 'the community reads one answer, 样本不足, and the comment without its author; then closes the survey', async () => {
    const page = pages.community as Page
    await page.goto('/#/packages/survey/manage/index')
    await ui(page, '.survey-to-results').first().click()
    await page.waitForURL(/#\/packages\/survey\/results\/index/)
    expect(await text(page, '.survey-sample')).toContain('样本量：1 份')
    expect(await text(page, '.survey-overall')).toContain('样本不足')
    expect(await text(page, '.survey-comment-item')).toContain(COMMENT)
    expect(await page.content()).not.toContain(RESIDENT)
    await shoot(page, 'survey-results.png')
    await page.goto('/#/packages/survey/manage/index')
    await ui(page, '.survey-close').first().click()
    await confirmModal(page)
    await waitUntil('the survey closed', async () => (await ui(page, '.survey-close').count()) === 0, 10_000)
    const res = await api(backend.url, await tokenOf(page), 'survey.results', { surveyId })
    expect(res).toMatchObject({ answers: 1, survey: { status: 'closed' } })
  })
})
