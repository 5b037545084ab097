import {
  bandOf,
  computeEstateScore,
  computeTotal,
  divRoundHalfUp,
  formatScore,
  netReversals,
  normaliseUnitScore,
  rankBy,
  toNumber,
  type RuleSetTerms,
} from './scoring'

describe('total = 50 % unit + 50 % estate, exact to the hundredth', () => {
  it('rounds the SPEC example 0.5×87.25 + 0.5×90 = 88.625 half-up to 88.63', () => {
    expect(computeTotal(8725, 9000)).toEqual({ total: 8863, complete: true })
    expect(formatScore(8863)).toBe('88.63')
  })
  it('does not drift like binary floating point would (0.5×80.15 + 0.5×80.2)', () => {
    // 0.5*80.15 + 0.5*80.2 in doubles is 80.17499999999998; exact arithmetic gives 80.175 → 80.18
    expect(computeTotal(8015, 8020).total).toBe(8018)
  })
  it('is incomplete (null, never 0) while the unit score is missing', () => {
    expect(computeTotal(null, 9500)).toEqual({ total: null, complete: false })
    expect(bandOf(null)).toBeNull()
  })
  it('honours other weights that sum to 1', () => {
    expect(computeTotal(9000, 8000, { unit: 6000, estate: 4000 }).total).toBe(8600)
    expect(computeTotal(8333, 7777, { unit: 3333, estate: 6667 }).total).toBe(7962) // 27.773889+51.849259=79.623148
  })
  it('refuses weights that do not sum to 1', () => {
    expect(() => computeTotal(1, 1, { unit: 5000, estate: 4000 })).toThrow(RangeError)
  })
})

describe('unit score normalisation', () => {
  it('normalises another full scale to 100 and rounds half-up (130/150 → 86.67)', () => {
    expect(normaliseUnitScore(13000, 15000)).toBe(8667)
    expect(normaliseUnitScore(8725, 10000)).toBe(8725)
    expect(normaliseUnitScore(1, 30000)).toBe(0) // 0.0033… → 0.00
    expect(normaliseUnitScore(50, 30000)).toBe(17) // 0.1666… → 0.17
  })
  it('rounds exact halves up: 2.5 → 3 and -2.5 → -3 (away from zero)', () => {
    expect(divRoundHalfUp(5, 2)).toBe(3)
    expect(divRoundHalfUp(-5, 2)).toBe(-3)
    expect(divRoundHalfUp(4, 3)).toBe(1)
  })
})

describe('bands (default 优秀 ≥ 90, 合格 ≥ 70, 基本合格 ≥ 60, 不合格 < 60)', () => {
  it.each([
    [10000, '优秀'],
    [9000, '优秀'],
    [8999, '合格'],
    [7000, '合格'],
    [6999, '基本合格'],
    [6000, '基本合格'],
    [5999, '不合格'],
    [0, '不合格'],
  ])('%i hundredths → %s', (total, band) => expect(bandOf(total)).toBe(band))
})

describe('estate score = clamp(base + Σ capped entries, 0, full)', () => {
  const terms: RuleSetTerms = {
    baseScore: 6000,
    fullScore: 10000,
    items: [
      { code: 'V01', name: '志愿服务', category: '志愿服务', points: 500, capPerYear: 2000 },
      { code: 'V02', name: '环境整治', category: '志愿服务', points: 300, capPerYear: 1200 },
      { code: 'P01', name: '主题党日', category: '组织生活', points: 400 },
      { code: 'N01', name: '缺席', category: '负面清单', points: -500 },
    ],
    categoryCaps: { 志愿服务: 3000 },
  }
  const e = (itemCode: string, category: string, points: number) => ({ itemCode, category, points })

  it('is the base score with no entries', () => {
    expect(computeEstateScore(terms, []).estateScore).toBe(6000)
  })
  it('caps an item at its yearly cap', () => {
    const entries = Array.from({ length: 6 }, () => e('V01', '志愿服务', 500)) // 30 points, cap 20
    const r = computeEstateScore(terms, entries)
    expect(r.byItem.V01).toBe(2000)
    expect(r.estateScore).toBe(8000)
  })
  it('caps a category after item caps', () => {
    const entries = [...Array.from({ length: 5 }, () => e('V01', '志愿服务', 500)), ...Array.from({ length: 5 }, () => e('V02', '志愿服务', 300))]
    // V01 capped 20 + V02 capped 12 = 32, category cap 30
    const r = computeEstateScore(terms, entries)
    expect(r.byCategory.志愿服务).toBe(3000)
    expect(r.estateScore).toBe(9000)
  })
  it('applies deductions in full and never lets a cap shrink them', () => {
    const r = computeEstateScore(terms, [e('P01', '组织生活', 400), e('N01', '负面清单', -500)])
    expect(r.estateScore).toBe(5900)
  })
  it('clamps to [0, full]', () => {
    const many = Array.from({ length: 20 }, () => e('P01', '组织生活', 400)) // +80 uncapped
    expect(computeEstateScore(terms, many).estateScore).toBe(10000)
    const bad = Array.from({ length: 20 }, () => e('N01', '负面清单', -500)) // -100
    expect(computeEstateScore(terms, bad).estateScore).toBe(0)
  })
})

describe('a new rule-set version applies from its adoption on, never backwards', () => {
  const v1: RuleSetTerms = {
    baseScore: 6000,
    fullScore: 10000,
    items: [
      { code: 'V01', name: '志愿服务', category: '志愿服务', points: 500, capPerYear: 2000 },
      { code: 'X01', name: '旧条目', category: '其他', points: 300, capPerYear: 600 },
    ],
    categoryCaps: { 志愿服务: 2500 },
  }
  // v2 lowers the V01 cap to 10, drops X01 and lowers the base.
  const v2: RuleSetTerms = {
    baseScore: 5000,
    fullScore: 10000,
    items: [{ code: 'V01', name: '志愿服务', category: '志愿服务', points: 500, capPerYear: 1000 }],
  }
  const versions = new Map([
    ['RS1', { order: 1, terms: v1 }],
    ['RS2', { order: 2, terms: v2 }],
  ])
  const e = (rulesetId: string, itemCode: string, category: string, points: number) => ({ rulesetId, itemCode, category, points })

  it('keeps points earned under v1 up to v1’s cap even after v2 lowers it, and v2 entries earn nothing past it', () => {
    // Entries given out of order on purpose: versions are taken in adoption order.
    const entries = [e('RS2', 'V01', '志愿服务', 500), ...Array.from({ length: 3 }, () => e('RS1', 'V01', '志愿服务', 500))]
    const r = computeEstateScore(v2, entries, versions)
    expect(r.byItem.V01).toBe(1500) // 15 under v1 (cap 20); v2’s cap 10 is already passed, so +0
    expect(r.estateScore).toBe(5000 + 1500) // base of the version in force
  })
  it('lets a raised cap admit later entries', () => {
    const up: RuleSetTerms = { ...v2, items: [{ code: 'V01', name: '志愿服务', category: '志愿服务', points: 500, capPerYear: 3000 }] }
    const vs = new Map([...versions, ['RS3', { order: 3, terms: up }]])
    const entries = [
      ...Array.from({ length: 5 }, () => e('RS1', 'V01', '志愿服务', 500)),
      ...Array.from({ length: 3 }, () => e('RS3', 'V01', '志愿服务', 500)),
    ]
    // v1: 25 → capped 20 (category cap 25 not reached); v3: cap 30 admits 10 more.
    expect(computeEstateScore(up, entries, vs).byItem.V01).toBe(3000)
  })
  it('still caps an item the version in force no longer lists, under the version it was earned in', () => {
    const entries = Array.from({ length: 4 }, () => e('RS1', 'X01', '其他', 300))
    expect(computeEstateScore(v2, entries, versions).byItem.X01).toBe(600)
  })
  it('is the plain min(Σ, cap) with one version, whatever the order', () => {
    const entries = Array.from({ length: 6 }, () => e('RS1', 'V01', '志愿服务', 500))
    expect(computeEstateScore(v1, entries, new Map([['RS1', { order: 1, terms: v1 }]]))).toEqual(computeEstateScore(v1, entries))
  })
})

describe('reversals', () => {
  it('cancel their entry before caps apply, so a capped item stays capped', () => {
    const terms: RuleSetTerms = { baseScore: 0, fullScore: 10000, items: [{ code: 'V01', name: 'v', category: 'c', points: 500, capPerYear: 2000 }] }
    const entries = [
      ...Array.from({ length: 6 }, (_, i) => ({ _id: `L${i}`, itemCode: 'V01', category: 'c', points: 500 })),
      { _id: 'R0', itemCode: 'V01', category: 'c', points: -500, reverses: 'L0' },
    ]
    const net = netReversals(entries)
    expect(net.map((e) => e._id)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5'])
    expect(computeEstateScore(terms, net).estateScore).toBe(2000) // 5 × 5 = 25, capped at 20
  })
})

describe('category and item names are data, not object keys', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('scores a category named %s like any other', (cat) => {
    const terms: RuleSetTerms = {
      baseScore: 6000,
      fullScore: 10000,
      items: [{ code: 'X', name: 'x', category: cat, points: 500 }],
      categoryCaps: { 志愿服务: 3000 },
    }
    const r = computeEstateScore(terms, [{ itemCode: 'X', category: cat, points: 500 }])
    expect(r.estateScore).toBe(6500)
    expect(Object.prototype.hasOwnProperty.call(r.byCategory, cat)).toBe(true)
    expect(r.byCategory[cat]).toBe(500)
  })
})

describe('ranking', () => {
  it('gives ties the same rank (1, 2, 2, 4) and incomplete rows none', () => {
    const rows = [{ t: 9000 }, { t: 8000 }, { t: 8000 }, { t: 7000 }, { t: null }]
    const r = rankBy(rows, (x) => x.t)
    expect(rows.map((x) => r.get(x))).toEqual([1, 2, 2, 4, null])
  })
})

it('renders hundredths as JSON numbers with at most 2 decimals', () => {
  expect(toNumber(8863)).toBe(88.63)
  expect(toNumber(-500)).toBe(-5)
  expect(formatScore(-5)).toBe('-0.05')
})
