/**
 * 自主申报 through the H5 build on 375 px phones (docs/DESIGN.md#the-ledger): a member reports service no activity covered — rule
 * item, day, what happened and a photo chosen from the phone — and the secretary sees it in the review queue with
 * the photo itself (served from DATA_DIR behind a signed link), approves it, and the member's record shows the
 * points. Same real pieces as the other walks: bundled backend on a fresh SQLite dir with the demo seed, the
 * production H5 build, Debian Chromium.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { api, startBackend, type Backend } from './support/backend'
import { assertNoHorizontalScroll, assertNoUnexpectedConsoleErrors, launchBrowser, newPhone, shoot, ui, watch } from './support/browser'
import { choose, makeStep, openTab, signIn, text, tokenOf, waitUntil } from './support/flow'

const MEMBER = { openid: 'demo-member-2', name: '李秀英' }
const SECRETARY = 'demo-secretary-e1'
const TITLE = `帮独居老人代购药品 ${new Date(Date.now() + 8 * 3600_000).toISOString().slice(11, 16)}`
const STORY = '周六上午为 5 号楼独居的王奶奶去社区卫生服务站代购降压药，并送药上门。'

/** A 120×90 photo: red on the left half, blue on the right, so a broken image cannot pass for it. */
function photo(): Buffer {
  const png = new PNG({ width: 120, height: 90 })
  for (let y = 0; y < 90; y++)
    for (let x = 0; x < 120; x++) {
      const i = (y * 120 + x) * 4
      png.data[i] = x < 60 ? 200 : 20
      png.data[i + 1] = 30
      png.data[i + 2] = x < 60 ? 30 : 200
      png.data[i + 3] = 255
    }
  return PNG.sync.write(png)
}

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { member?: Page; secretary?: Page } = {}
const step = makeStep(pages, 'claim-step')

async function newUserPage(label: string, openid: string): Promise<Page> {
  const ctx = await newPhone(browser, backend.url)
  contexts.push(ctx)
  const page = await ctx.newPage()
  page.setDefaultTimeout(15_000)
  watch(page, label)
  await signIn(page, openid)
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

afterAll(() => assertNoUnexpectedConsoleErrors(pages, [401]))

describe('自主申报 on the H5 build (375 px phone)', () => {
  step(1, 'a member fills in a claim on 我的 → 自主申报 and attaches a photo from the phone', async () => {
    const page = (pages.member = await newUserPage('member', MEMBER.openid))
    await openTab(page, '我的')
    await ui(page, '.mine-claim-link').click()
    await page.waitForURL(/#\/packages\/member\/claim\/index/)
    await choose(page, 'select.claim-item, .claim-item select', '环境整治')
    await ui(page, '.claim-title input').fill(TITLE)
    await ui(page, '.claim-description textarea').fill(STORY)
    // On a phone Taro asks first: 拍摄 or 从相册选择; then the system file picker opens.
    await ui(page, '.claim-photo-add').click()
    const album = ui(page, '.taro__actionSheet .taro-actionsheet__cell').filter({ hasText: '从相册选择' }).first()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), album.click()])
    await chooser.setFiles({ name: 'medicine.png', mimeType: 'image/png', buffer: photo() })
    await waitUntil('the thumbnail', async () => (await ui(page, '.claim-photo').count()) === 1, 10_000)
    await assertNoHorizontalScroll(page, '自主申报')
    await shoot(page, '16-claim-form.png')
    await ui(page, '.claim-submit').click()
    await ui(page, '.claim-done').waitFor()
    expect(await text(page, '.claim-done')).toContain(`「${TITLE}」已进入小区党支部书记的审核队列`)
    await ui(page, '.claim-records').click()
    await page.waitForURL(/#\/packages\/member\/attendance\/index/)
    const row = ui(page, '.my-attendance-item--claim').filter({ hasText: TITLE })
    await row.waitFor()
    expect(await row.textContent()).toContain('待审核')
    expect(await row.textContent()).toContain('1 张照片')
  })

  step(2, 'the secretary sees it under 自主申报 with the photo itself, and approves it', async () => {
    const page = (pages.secretary = await newUserPage('secretary', SECRETARY))
    await ui(page, '.home__workbench').click()
    await ui(page, '.workbench-review').click()
    await page.waitForURL(/#\/packages\/secretary\/review\/index/)
    const group = ui(page, '.review-group').filter({ hasText: '自主申报（' }).first()
    await group.waitFor()
    const item = group.locator('.review-item').filter({ hasText: TITLE })
    await item.waitFor()
    expect(await item.textContent()).toContain(STORY)
    expect(await item.textContent()).toContain(MEMBER.name)
    // The photo loads through its signed link and is the one the member chose (left red, right blue).
    const img = item.locator('.review-claim-photo img, img.review-claim-photo').first()
    await waitUntil(
      'the photo to load',
      async () => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 120),
      10_000,
    )
    const src = (await img.getAttribute('src')) ?? ''
    expect(src).toMatch(/^\/files\/F[\w-]+\?e=\d+&s=[\w-]+$/)
    const fetched = PNG.sync.read(Buffer.from(await (await fetch(backend.url + src)).arrayBuffer()))
    expect([fetched.width, fetched.height, fetched.data[0], fetched.data[(45 * 120 + 100) * 4 + 2]]).toEqual([120, 90, 200, 200])
    await shoot(page, '17-review-claim.png')
    await item.locator('.review-checkbox').click()
    await waitUntil('1 selected', async () => (await text(page, '.review-selected-count')) === '已选 1', 5000)
    await ui(page, '.review-approve').click()
    await waitUntil('the claim to leave 待审核', async () => (await ui(page, '.review-item').filter({ hasText: TITLE }).count()) === 0, 10_000)
  })

  step(3, 'the member’s record shows it approved with its points, and 我的积分 counts it', async () => {
    const page = pages.member as Page
    await page.reload()
    const row = ui(page, '.my-attendance-item--claim').filter({ hasText: TITLE })
    await row.waitFor()
    await waitUntil('已通过 +3', async () => ((await row.textContent()) ?? '').includes('+3.00 分'), 10_000)
    expect(await row.textContent()).toContain('已通过')
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4))
    const mine = await api(backend.url, await tokenOf(page), 'score.mine', { year })
    expect(mine.entries.find((e: { title: string }) => e.title === TITLE)).toMatchObject({ kind: 'claim', status: 'approved', points: 3 })
  })
})
