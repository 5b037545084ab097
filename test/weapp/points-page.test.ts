/**
 * @jest-environment jsdom
 */
// 我的积分 as built for WeChat: the page asks the `score` cloud function for `score.mine` and shows the total
// with its band and both halves. Rendered from the weapp build (see taro-simulate.ts); set WEAPP_DIR to test a
// build elsewhere. Needs `npx taro build --type weapp` first; without a build the suite is skipped, loudly.
import fs from 'node:fs'
import path from 'node:path'
import type { MeData, ScoreMine } from '../../src/core/api-types'
import { bootTaroWeapp, hasWeappBuild, weappDir, type CloudCall, type TaroWeapp } from './taro-simulate'

const dir = weappDir()
const built = hasWeappBuild(dir)
if (!built) {
  console.warn(`test/weapp skipped: no weapp build at ${dir} — run \`npx taro build --type weapp\` (or set WEAPP_DIR)`)
}

const me: MeData = {
  openid: 'o-member-zhang',
  member: {
    id: 'm-zhang',
    name: '张建国',
    phone: '138****1234',
    unitBranchId: 'ub-tax',
    estateBranchId: 'e-lanting',
    status: 'active',
    unitBranchName: '县税务局机关党支部',
    estateBranchName: '兰亭小区党支部',
  },
  roles: [{ role: 'member', scopeId: 'e-lanting' }],
}

// 0.5 × 90 + 0.5 × 87.25 = 88.625 → 88.63 (half-up), band 合格 (70 ≤ total < 90).
function scoreMine(year: number): ScoreMine {
  return {
    year,
    unitScore: 90,
    estateScore: 87.25,
    weights: { unit: 0.5, estate: 0.5 },
    total: 88.63,
    complete: true,
    band: '合格',
    unitSource: {
      raw: 90,
      fullScale: 100,
      unitBranchId: 'ub-tax',
      unitBranchName: '县税务局机关党支部',
      enteredBy: 'openid-of-li',
      enteredByName: '李书记',
      enteredAt: `${year}-12-20T10:00:00+08:00`,
    },
    estateSource: {
      estateBranchId: 'e-lanting',
      estateBranchName: '兰亭小区党支部',
      rulesetId: 'rs-lanting',
      rulesetVersion: 2,
      baseScore: 60,
      fullScore: 100,
    },
    entries: [
      {
        id: 'le-1',
        kind: 'activity',
        itemCode: 'V01',
        itemName: '志愿服务',
        category: '志愿服务',
        points: 4,
        status: 'approved',
        at: `${year}-05-18T09:30:00+08:00`,
        title: '楼道清洁志愿服务',
        rulesetVersion: 2,
      },
      {
        id: 'le-2',
        kind: 'activity',
        itemCode: 'V02',
        itemName: '文明劝导',
        category: '志愿服务',
        points: 3.25,
        status: 'approved',
        at: `${year}-06-02T15:00:00+08:00`,
        title: '垃圾分类文明劝导',
        rulesetVersion: 2,
      },
    ],
    byCategory: { 志愿服务: 27.25 },
    byMonth: { [`${year}-05`]: 4, [`${year}-06`]: 3.25 },
    rankInEstate: 3,
    estateMembers: 12,
  }
}

// The unit branch has not entered this member's unit score yet: no total, no band (docs/DESIGN.md#the-two-halves-and-exact-scoring).
function incomplete(score: ScoreMine): ScoreMine {
  return { ...score, unitScore: null, unitSource: null, total: null, complete: false, band: null }
}

let unitScoreEntered = true

function answer(call: CloudCall): unknown {
  const { action, ...body } = call.data
  if (action === 'me.get') return { ok: true, data: me }
  if (action === 'score.mine') {
    const year = typeof body.year === 'number' ? body.year : new Date().getFullYear()
    const score = scoreMine(year)
    return { ok: true, data: unitScoreEntered ? score : incomplete(score) }
  }
  return { ok: false, error: { code: 'NOT_FOUND', message: `测试未提供 ${String(action)}` } }
}

;(built ? describe : describe.skip)('weapp 我的积分 (pages/points/index) rendered by miniprogram-simulate', () => {
  let weapp: TaroWeapp

  beforeAll(() => {
    weapp = bootTaroWeapp(dir, answer)
  })

  it('asks the score cloud function for score.mine and shows the total 88.63 with its band', async () => {
    const page = await weapp.renderPage('pages/points/index')
    await page.waitForText('88.63')
    expect(page.text()).toContain('合格')
    const scoreCalls = weapp.calls.filter((c) => c.data.action === 'score.mine')
    expect(scoreCalls.length).toBeGreaterThan(0)
    expect(scoreCalls.every((c) => c.name === 'score')).toBe(true)
  })

  it('shows both halves next to the total (docs/DESIGN.md#the-two-halves-and-exact-scoring)', async () => {
    const page = await weapp.renderPage('pages/points/index')
    await page.waitForText('88.63')
    expect(page.text()).toContain('87.25')
    expect(page.text()).toMatch(/\b90(\.00?)?\b/)
  })

  it("carries the year buttons' role and label to WeChat's screen reader (aria-role / aria-label on the text)", async () => {
    const page = await weapp.renderPage('pages/points/index')
    await page.waitForText('88.63')
    // The simulator draws no aria attributes, so read what WeChat is given: the node's data under the short names
    // the built <text> template reads aria-role and aria-label from.
    const wxml = fs.readFileSync(path.join(dir, 'base.wxml'), 'utf8')
    const textTmpl = /<text [^>]*>/.exec(wxml)?.[0] ?? ''
    const alias = (attr: string) => new RegExp(`${attr}="\\{\\{i\\.(p\\d+)\\}\\}"`).exec(textTmpl)?.[1]
    expect(alias('aria-role')).toBeDefined()
    type Node = { cl?: string; cn?: Node[]; [k: string]: unknown }
    const find = (n: Node): Node | undefined => (n.cl?.includes('points-year-prev') ? n : (n.cn ?? []).map(find).find(Boolean))
    const prev = find((page.component.data as { root: Node }).root)
    expect(prev?.[alias('aria-role') as string]).toBe('button')
    expect(prev?.[alias('aria-label') as string]).toBe(`上一年度，${new Date().getFullYear() - 1} 年`)
  })

  it('shows a total without a unit score as incomplete, not as a number or a band', async () => {
    unitScoreEntered = false
    try {
      const page = await weapp.renderPage('pages/points/index')
      await page.waitForText('87.25')
      expect(page.text()).toMatch(/未完成|不完整|尚未录入/)
      expect(page.text()).not.toContain('88.63')
      expect(page.text()).not.toMatch(/优秀|合格/)
    } finally {
      unitScoreEntered = true
    }
  })
})
