import { criteriaProblems, panelAverage, rateHundredths, reviewTotal, streetQuota } from './redflag'

describe('street quota (20 %, half-up, at least 1)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [3, 1],
    [5, 1],
    [7, 1],
    [8, 2],
    [12, 2],
    [13, 3],
  ])('%i estates → %i', (estates, quota) => {
    expect(streetQuota(estates)).toBe(quota)
  })
  it('follows another share: 25 % of 6 = 1.5 → 2', () => {
    expect(streetQuota(6, 25)).toBe(2)
  })
  it('refuses a negative count', () => {
    expect(() => streetQuota(-1)).toThrow(RangeError)
  })
})

describe('criteria', () => {
  it('accepts weights summing to 100', () => {
    expect(
      criteriaProblems([
        { code: 'A', name: '党建', weight: 60 },
        { code: 'B', name: '物业', weight: 40 },
      ]),
    ).toEqual([])
  })
  it('names the wrong sum and a repeated code', () => {
    expect(
      criteriaProblems([
        { code: 'A', name: '党建', weight: 60 },
        { code: 'A', name: '物业', weight: 30 },
      ]),
    ).toEqual(['评选标准编号重复：A', '评选标准的权重之和必须为 100（现为 90）'])
  })
})

describe('panel average (hundredths, half-up)', () => {
  it('is exact where floats round wrong: 80.05 and 80.10 → 80.08 (float gives 80.07)', () => {
    expect(((80.05 + 80.1) / 2).toFixed(2)).toBe('80.07') // what a float average shows
    const avg = panelAverage([8005, 8010])
    expect(avg).toBe(8008)
    // 1.005 * 100 in floats is 100.49999…: the integer path does not go through it.
    expect(Math.round(((1.0 + 1.01) / 2) * 100)).toBe(100)
    expect(panelAverage([100, 101])).toBe(101)
  })
  it('averages three reviewers: 85 + 90 + 86 = 261 ÷ 3 = 87.00', () => {
    expect(panelAverage([8500, 9000, 8600])).toBe(8700)
    expect(panelAverage([8500, 9000, 8601])).toBe(8700)
    expect(panelAverage([8500, 9000, 8602])).toBe(8701)
  })
  it('is null without scores', () => {
    expect(panelAverage([])).toBeNull()
  })
  it('sums a reviewer', () => {
    expect(reviewTotal({ A: 5525, B: 3000 })).toBe(8525)
  })
})

describe('rates', () => {
  it('are exact hundredths of a percent', () => {
    expect(rateHundredths(5, 6)).toBe(8333)
    expect(rateHundredths(1, 8)).toBe(1250)
    expect(rateHundredths(0, 0)).toBeNull()
  })
})
