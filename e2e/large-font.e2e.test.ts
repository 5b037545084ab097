/**
 * WeChat's largest font setting on a 375 px phone (docs/DESIGN.md#phones-and-screens): a member's home, 活动 list,
 * an activity and 我的积分 pages keep their layout — no sideways scroll, no text cut off by its box or running into
 * other text, and numbers and dates on one line.
 *
 * How the setting is emulated: WeChat's font setting makes text bigger and leaves boxes as they are (Android's
 * WebView textZoom). Taro's H5 build writes every size in rem of a root font it sets from the screen width (20 px at
 * 375 px), so raising the root font would also widen paddings and fixed boxes, which the phone does not do. The
 * test scales every font-size declaration of the app's stylesheets (and inline ones) by TEXT_SCALE instead, as the
 * stylesheets load — text only, as on the phone.
 *
 * Real pieces only: the bundled backend with the demo seed, the production H5 build, Debian Chromium.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startBackend, type Backend } from './support/backend'
import { assertNoHorizontalScroll, assertNoUnexpectedConsoleErrors, launchBrowser, shoot, ui } from './support/browser'
import { makeStep, newUserPage, openTab, signIn, waitUntil } from './support/flow'

const MEMBER = 'demo-member-1' // seed: a registered member of E1 with check-ins and a score
/** WeChat's largest setting is about 1.4–1.6 × the standard text size. */
const TEXT_SCALE = 1.5

let backend: Backend
let browser: Browser
const contexts: BrowserContext[] = []
const pages: { member?: Page } = {}
const step = makeStep(pages, 'large-font-step')

/** Multiplies every font-size in the page's style sheets and style attributes by `scale`, now and as more load. */
function enlargeText(scale: number) {
  const done = new WeakSet<object>()
  const scaleValue = (v: string) => v.replace(/(-?\d*\.?\d+)(rem|px)/g, (_, n: string, u: string) => `${(Number(n) * scale).toFixed(4)}${u}`)
  const scaleRules = (rules: CSSRuleList) => {
    for (const rule of [...rules]) {
      if (done.has(rule)) continue
      done.add(rule)
      if (rule instanceof CSSStyleRule && rule.style.fontSize && !/^(html|:root)$/.test(rule.selectorText)) {
        rule.style.setProperty('font-size', scaleValue(rule.style.fontSize), rule.style.getPropertyPriority('font-size'))
      }
      if ('cssRules' in rule) scaleRules((rule as CSSGroupingRule).cssRules)
    }
  }
  const tick = () => {
    for (const sheet of [...document.styleSheets]) {
      try {
        scaleRules(sheet.cssRules)
      } catch {
        // a sheet from another origin: none of the app's
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('[style*="font-size"]')) {
      if (done.has(el) || el === document.documentElement) continue
      done.add(el)
      el.style.fontSize = scaleValue(el.style.fontSize)
    }
  }
  // Stylesheets of subpackages load as their pages open; catching them within 50 ms is enough for a test.
  setInterval(tick, 50)
  document.addEventListener('DOMContentLoaded', tick)
}

interface LayoutProblem {
  kind: 'clipped' | 'overlap' | 'off-screen' | 'broken number'
  text: string
  other?: string
}

/**
 * Text that is cut off (a box hiding overflowing text), runs off the 375 px screen, overlaps other text, or a
 * number or date broken across lines — of the page shown (Taro keeps earlier pages in the DOM, hidden).
 */
async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: { kind: 'clipped' | 'overlap' | 'off-screen' | 'broken number'; text: string; other?: string }[] = []
    const visible = (el: Element) => {
      const s = getComputedStyle(el)
      return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0 && el.getClientRects().length > 0
    }
    // The tab bar and fixed bars sit over the page, which scrolls beneath them: compare text within each layer only.
    const layerOf = (el: Element): string => {
      if (el.closest('.weui-tabbar')) return 'tabbar'
      for (let e: Element | null = el; e; e = e.parentElement) if (getComputedStyle(e).position === 'fixed') return 'fixed'
      return 'page'
    }
    const boxes: { rect: DOMRect; text: string; node: Text; layer: string }[] = []
    // The page on top: Taro keeps the pages under it in the DOM, hidden once its opening animation is over.
    const shown = [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none')
    const current = shown[shown.length - 1]
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const node = n as Text
      const text = node.data.trim()
      const el = node.parentElement
      if (!text || !el || !visible(el) || el.closest('.taro__toast, .taro__modal, script, style')) continue
      const pageOf = el.closest('.taro_page')
      if (pageOf && pageOf !== current) continue
      const range = document.createRange()
      range.selectNodeContents(node)
      const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5)
      const layer = layerOf(el)
      for (const rect of rects) {
        boxes.push({ rect, text, node, layer })
        if (rect.right > window.innerWidth + 0.5 || rect.left < -0.5) problems.push({ kind: 'off-screen', text })
      }
      // Numbers and dates on one line: a run of digits with . : - / 月 日 年 split over two line boxes.
      if (rects.length > 1) {
        const lines = rects.map((r) => r.top)
        const splitAt = lines.findIndex((t, i) => i > 0 && Math.abs(t - lines[i - 1]) > 2)
        if (splitAt > 0) {
          const r2 = document.createRange()
          r2.setStart(node, 0)
          // Find the character where the second line starts, then look at the characters around it.
          let k = 0
          for (; k < node.data.length; k++) {
            r2.setEnd(node, k + 1)
            const rr = [...r2.getClientRects()].filter((r) => r.width > 0.5)
            if (rr.length && Math.abs(rr[rr.length - 1].top - lines[0]) > 2) break
          }
          const around = node.data.slice(Math.max(0, k - 1), k + 1)
          if (/^[\d.:,／/-]{2}$/.test(around) || /^\d[.:]$|^[.:]\d$/.test(around)) problems.push({ kind: 'broken number', text })
        }
      }
      // Cut off: an ancestor within three levels hides overflow and its content is wider or taller than it.
      for (let e: HTMLElement | null = el, depth = 0; e && depth < 3; e = e.parentElement, depth++) {
        const s = getComputedStyle(e)
        const hides = /hidden|clip/.test(s.overflowX) || /hidden|clip/.test(s.overflowY)
        if (hides && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) {
          problems.push({ kind: 'clipped', text: `${text} (${e.className})` })
          break
        }
      }
    }
    // Overlap: line boxes of different text nodes of one layer that share more than 2 px each way.
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]
        const b = boxes[j]
        if (a.node === b.node || a.layer !== b.layer) continue
        const w = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left)
        const h = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top)
        if (w > 2 && h > 2) problems.push({ kind: 'overlap', text: a.text, other: b.text })
      }
    }
    return problems
  })
}

async function assertLayoutHolds(page: Page, what: string): Promise<void> {
  await assertNoHorizontalScroll(page, `${what} at the largest font`)
  const problems = await layoutProblems(page)
  if (problems.length) {
    const lines = problems.map((p) => `  ${p.kind}: "${p.text}"${p.other ? ` ↔ "${p.other}"` : ''}`)
    throw new Error(`${what} at the largest font:\n${[...new Set(lines)].join('\n')}`)
  }
}

/** The font size the page's body text is drawn at, in CSS px. */
const bodyTextPx = (page: Page, selector: string) =>
  ui(page, selector)
    .first()
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))

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

describe('the largest font setting at 375 px (H5)', () => {
  step(1, 'a member signs in; text is drawn 1.5 × larger and boxes are not', async () => {
    const page = (pages.member = await newUserPage(browser, backend.url, contexts, 'member (largest font)'))
    await signIn(page, MEMBER)
    const standard = await bodyTextPx(page, '.home__hello')
    await page.addInitScript(enlargeText, TEXT_SCALE)
    await page.reload()
    await ui(page, '.home__hello').first().waitFor()
    const large = await waitUntil(
      'the text to be enlarged',
      async () => {
        const px = await bodyTextPx(page, '.home__hello')
        return px > standard * 1.4 ? px : null
      },
      10_000,
    )
    expect(large / standard).toBeCloseTo(TEXT_SCALE, 1)
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('20px') // rem, so boxes, unchanged
  })

  step(2, '首页 holds: no sideways scroll, nothing cut off or overlapping', async () => {
    const page = pages.member as Page
    await ui(page, '.activity-card-item, .home-no-activities').first().waitFor()
    await assertLayoutHolds(page, '首页')
    await shoot(page, 'largest-font-home.png')
  })

  step(3, '活动 list and an activity hold', async () => {
    const page = pages.member as Page
    await openTab(page, '活动')
    await ui(page, '.activity-card-item').first().waitFor()
    await assertLayoutHolds(page, '活动')
    await ui(page, '.activity-card-item').first().click()
    await page.waitForURL(/packages\/member\/activity/)
    await ui(page, '.activity-detail-title').first().waitFor()
    // The list page under it is hidden when the opening animation ends; the subpackage's stylesheet is enlarged on the next tick.
    await page.waitForFunction(() => [...document.querySelectorAll('.taro_page')].filter((p) => getComputedStyle(p).display !== 'none').length === 1)
    await page.waitForTimeout(200)
    await assertLayoutHolds(page, '活动详情')
    await page.goBack()
  })

  step(4, '我的积分 holds, and its numbers stay on one line', async () => {
    const page = pages.member as Page
    await openTab(page, '我的积分')
    await ui(page, '.points-total, .points-incomplete').first().waitFor()
    await assertLayoutHolds(page, '我的积分')
    // Every score on the card is one line box: "100.00" is never "100." and "00".
    const split = await page.evaluate(() =>
      [...document.querySelectorAll('.score-card .nowrap')]
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => {
          const r = document.createRange()
          r.selectNodeContents(el)
          const tops = new Set([...r.getClientRects()].filter((x) => x.width > 0.5).map((x) => Math.round(x.top)))
          return { text: el.textContent ?? '', lines: tops.size }
        }),
    )
    expect(split.length).toBeGreaterThan(2)
    expect(split.filter((s) => s.lines > 1)).toEqual([])
  })
})
