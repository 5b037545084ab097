/**
 * Check-in materials (docs/DESIGN.md#check-in-layers), walked through the H5 build: the estate secretary opens an
 * activity's A4 poster and downloads it as a PNG, whose printed code — read from the PNG's pixels, as a phone's
 * camera would — is the activity's static check-in code; then she opens the projector view on a 1280 × 720 screen,
 * which keeps the screen awake, and its "已签到 N 人" rises after a member checks in with the code it shows.
 *
 * Real pieces only: the bundled backend with the demo seed, the production H5 build, Debian Chromium.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { api, devLogin, startBackend, type Backend } from './support/backend'
import { ARTIFACT_DIR, SCREENSHOT_DIR, assertNoUnexpectedConsoleErrors, launchBrowser, shoot, ui, watch } from './support/browser'
import { isoShanghai, makeStep, newUserPage, signIn, text, tokenOf, waitUntil } from './support/flow'
import { decodeQrPng, readQr } from './support/qr'
import { codeUrl, HOME_URL } from '../src/utils/routes'

const SECRETARY = 'demo-secretary-e1' // seed: estate secretary of E1 (幸福里小区党支部)
const MEMBER = 'demo-member-3' // seed: a member living in E1
const HOUR = 3600_000
// A long title (the poster wraps it), in its check-in window now.
const TITLE = `关于开展垃圾分类宣传引导暨楼道堆物清理志愿服务活动 ${Date.now() % 1000}`
const ADDRESS = '幸福里小区 3 号楼架空层（东门进）'

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { secretary?: Page; projector?: Page; member?: Page } = {}
const state = { activityId: '', staticQr: '', countBefore: -1 }
const step = makeStep(pages, 'materials-step')

/** Records the Screen Wake Lock requests and releases a page makes (headless Chromium has no screen to keep on). */
const WAKE_LOCK_PROBE = () => {
  const log: string[] = []
  ;(window as unknown as { __wakeLocks: string[] }).__wakeLocks = log
  Object.defineProperty(navigator, 'wakeLock', {
    configurable: true,
    value: {
      request: async (type: string) => {
        log.push(`request:${type}`)
        return { release: async () => void log.push('release') }
      },
    },
  })
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

describe('check-in poster and projector view (H5)', () => {
  step(1, 'the secretary downloads the A4 poster, and its printed code is the activity’s static check-in code', async () => {
    const page = (pages.secretary = await newUserPage(browser, backend.url, contexts, 'secretary'))
    await signIn(page, SECRETARY)
    const token = await tokenOf(page)
    state.activityId = (
      await api(backend.url, token, 'activity.create', {
        estateBranchId: 'E1',
        title: TITLE,
        itemCode: 'V03',
        startAt: isoShanghai(Date.now() - 5 * 60_000),
        endAt: isoShanghai(Date.now() + 2 * HOUR),
        location: { lat: 30.2741, lng: 120.1551, radiusM: 300, address: ADDRESS },
      })
    ).activityId
    state.staticQr = (await api(backend.url, token, 'activity.staticCode', { activityId: state.activityId })).qr

    await page.goto(`/#${codeUrl(state.activityId)}`)
    await ui(page, '.code-tab-static').click()
    await ui(page, '.code-static-poster').click()
    await page.waitForURL(/#\/packages\/secretary\/poster\/index\?.*activityId=/)
    const preview = ui(page, '.poster-image img').first()
    await preview.waitFor()
    await shoot(page, 'poster-page.png')

    const [download] = await Promise.all([page.waitForEvent('download'), ui(page, '.poster-save').click()])
    expect(download.suggestedFilename()).toMatch(/^签到海报-.*\.png$/)
    const file = path.join(ARTIFACT_DIR, 'poster-a4.png')
    fs.mkdirSync(ARTIFACT_DIR, { recursive: true })
    await download.saveAs(file)
    const png = fs.readFileSync(file)

    // A4 at 300 dpi.
    const img = PNG.sync.read(png)
    expect([img.width, img.height]).toEqual([2480, 3508])
    // The code, read from the downloaded file's pixels, is the activity's static code: DSJS.<activity id>.<signature>.
    const decoded = decodeQrPng(png)
    expect(decoded).toBe(state.staticQr)
    expect(decoded).toMatch(new RegExp(`^DSJS\\.${state.activityId}\\.[A-Za-z0-9_-]{8}$`))
    // For the README: the poster itself at 827 × 1170 (A4 at 100 dpi), scaled down in the page from the downloaded PNG.
    const small = await page.evaluate(
      async (dataUrl) => {
        const img = new Image()
        img.src = dataUrl
        await img.decode()
        const c = document.createElement('canvas')
        c.width = 827
        c.height = 1170
        c.getContext('2d')?.drawImage(img, 0, 0, c.width, c.height)
        return c.toDataURL('image/png').split(',')[1]
      },
      `data:image/png;base64,${png.toString('base64')}`,
    )
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'poster-a4.png'), Buffer.from(small, 'base64'))
  })

  step(2, 'a member checks in with the poster’s code (it goes to review)', async () => {
    const member = (pages.member = await newUserPage(browser, backend.url, contexts, 'member'))
    await signIn(member, MEMBER)
    const r = await api(backend.url, await tokenOf(member), 'activity.checkin', { code: state.staticQr })
    expect(r).toMatchObject({ status: 'pending' })
    const flags: string[] = r.flags ?? []
    expect(flags).toContain('static_code')
  })

  step(3, 'the projector view fills a 1280 × 720 screen, keeps it awake, and its count rises when a member checks in', async () => {
    const ctx = await browser.newContext({
      baseURL: backend.url,
      viewport: { width: 1280, height: 720 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    contexts.push(ctx)
    await ctx.addInitScript(WAKE_LOCK_PROBE)
    // Signed in as the secretary without the dev-login screen (a phone-sized page, held to 375 px).
    await ctx.addInitScript(
      ([token, openid]) => {
        localStorage.setItem('dsj.token', token)
        localStorage.setItem('dsj.openid', openid)
      },
      [await devLogin(backend.url, SECRETARY), SECRETARY],
    )
    const screen = (pages.projector = await ctx.newPage())
    screen.setDefaultTimeout(15_000)
    watch(screen, 'projector')
    await screen.goto(`/#${codeUrl(state.activityId)}`)
    await ui(screen, '.code-projector').waitFor()
    const wakeLocks = () => screen.evaluate(() => (window as unknown as { __wakeLocks: string[] }).__wakeLocks.slice())
    const before = await wakeLocks()
    await ui(screen, '.code-projector').click()
    await screen.waitForURL(/#\/packages\/secretary\/projector\/index\?.*activityId=/)
    const qr = ui(screen, '.projector-qr img').first()
    await qr.waitFor()

    // Landscape: the QR takes most of the height, the 6-digit code sits beside it, nothing scrolls.
    const { box, short } = await waitUntil(
      'the projector laid out',
      async () => {
        const q = await qr.boundingBox()
        const d = await ui(screen, '.projector-short').first().boundingBox()
        // Taro's H5 router slides a new page in from the right: measure once it has arrived.
        return q && d && q.x >= 0 && q.x < 100 ? { box: q, short: d } : null
      },
      5000,
    )
    expect(box.height).toBeGreaterThanOrEqual(0.75 * 720)
    expect(short.x).toBeGreaterThan(box.x + box.width)
    expect(await text(screen, '.projector-short')).toMatch(/^\d{6}$/)
    const scroll = await screen.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))
    expect(scroll.w).toBeLessThanOrEqual(1280)
    expect(scroll.h).toBeLessThanOrEqual(720)
    // The projector view asked for its own wake lock.
    const during = await wakeLocks()
    expect(during.filter((e) => e === 'request:screen').length).toBe(before.filter((e) => e === 'request:screen').length + 1)

    state.countBefore = Number(await text(screen, '.projector-count-number'))
    expect(state.countBefore).toBe(1) // the member of step 2

    // Another member scans the QR on the screen (read from its pixels) and checks in on her phone.
    const member = pages.member as Page
    await signIn(member, 'demo-member-4')
    await member.goto(`/#${HOME_URL}`)
    await ui(member, '.home-checkin-button').click()
    await member.waitForURL(/#\/pages\/checkin\/index/)
    await ui(member, '.checkin-qr-input input').fill(await readQr(qr))
    await ui(member, '.checkin-qr-submit').click()
    await ui(member, '.checkin-result').waitFor()

    // The projector polls every 5 s: the count moves without anyone touching the screen.
    await waitUntil(
      'the projector count to rise',
      async () => Number(await text(screen, '.projector-count-number')) === state.countBefore + 1,
      15_000,
    )
    // A README picture of a projector (1280 × 720): shoot() holds pages to a 375 px phone, so the page is taken as is.
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await screen.screenshot({ path: path.join(SCREENSHOT_DIR, 'projector.png'), animations: 'disabled' })

    // Leaving the view lets the screen sleep again.
    await ui(screen, '.projector-exit').click()
    await screen.waitForURL(/#\/packages\/secretary\/code\/index/)
    await waitUntil(
      'the wake lock to be released',
      async () => (await wakeLocks()).filter((e) => e === 'release').length > during.filter((e) => e === 'release').length,
      5000,
    )
  })
})
