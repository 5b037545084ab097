/** @jest-environment jsdom */
import type { ScoreMine } from '@/core/api-types'
import { render } from '../../../test/stubs/render'
import ScoreCard from './index'

const base: ScoreMine = {
  year: 2025,
  unitScore: 87.25,
  estateScore: 90,
  weights: { unit: 0.5, estate: 0.5 },
  total: 88.63,
  complete: true,
  band: '合格',
  unitSource: {
    raw: 87.25,
    fullScale: 100,
    unitBranchId: 'UB1',
    unitBranchName: '县财政局机关党支部',
    enteredBy: 'openid-of-wang',
    enteredByName: '王书记',
    enteredAt: '2025-12-01T10:00:00.000+08:00',
  },
  estateSource: { estateBranchId: 'E1', estateBranchName: '幸福里小区党支部', rulesetId: 'R1', rulesetVersion: 2, baseScore: 60, fullScore: 100 },
  entries: [],
  byCategory: {},
  byMonth: {},
  rankInEstate: 3,
  estateMembers: 12,
}

describe('ScoreCard', () => {
  it('shows the total with two decimals, the band, both weighted halves and their provenance', async () => {
    const r = await render(<ScoreCard score={base} />)
    expect(r.q('points-total').textContent).toBe('88.63')
    expect(r.q('points-band').textContent).toBe('合格')
    expect(r.q('points-unit-half').textContent).toContain('87.25')
    expect(r.q('points-unit-half').textContent).toContain('× 50%')
    expect(r.q('points-unit-half').textContent).toContain('王书记')
    expect(r.q('points-unit-half').textContent).toContain('100.00')
    expect(r.q('points-estate-half').textContent).toContain('90.00')
    expect(r.q('points-estate-half').textContent).toContain('幸福里小区党支部')
    expect(r.q('points-estate-half').textContent).toContain('第 2 版')
    expect(r.q('points-rank').textContent).toContain('第 3 名')
    expect(r.has('points-incomplete')).toBe(false)
    r.unmount()
  })

  it('keeps every score and date on one line (white-space: nowrap): "100.00" never breaks as "100." and "00"', async () => {
    const r = await render(<ScoreCard score={base} />)
    const numbers = /\d+(?:\.\d+)?(?:\s*\/\s*\d+\.\d+)?|\d{4}年\d{1,2}月\d{1,2}日/g
    const loose: string[] = []
    let seen = 0
    const walker = document.createTreeWalker(r.container, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const found = (n.textContent ?? '').match(numbers) ?? []
      seen += found.length
      // A number in running text ("第 3 名", "共 12 人", "第 2 版") is short and breaks nowhere without break-all.
      const scores = found.filter((x) => /\.|年/.test(x))
      if (scores.length && !n.parentElement?.closest('.nowrap')) loose.push(...scores)
    }
    expect(seen).toBeGreaterThan(6)
    expect(loose).toEqual([])
    r.unmount()
  })

  it('says the total is incomplete (never 0) while the unit score is missing', async () => {
    const r = await render(
      <ScoreCard score={{ ...base, unitScore: null, unitSource: null, total: null, complete: false, band: null, rankInEstate: null }} />,
    )
    expect(r.q('points-incomplete').textContent).toContain('未完成 — 单位积分尚未录入')
    expect(r.has('points-total')).toBe(false)
    expect(r.has('points-band')).toBe(false)
    expect(r.q('points-unit-half').textContent).toContain('未录入')
    expect(r.q('points-unit-half').textContent).not.toMatch(/\d\.\d\d ×/)
    r.unmount()
  })
})
