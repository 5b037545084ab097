import { SURVEY_MIN_SAMPLE, formatRate, satisfactionBp, shownRate } from './survey'

describe('satisfactionBp', () => {
  it('is exact in hundredths of a percent, half-up, where floats round wrong', () => {
    expect(satisfactionBp({ satisfied: 1, basic: 1, dissatisfied: 1 })).toBe(6667)
    expect(satisfactionBp({ satisfied: 0, basic: 1, dissatisfied: 2 })).toBe(3333)
    // 1/8 = 12.5 % exactly; 1/16 = 6.25 %; 1/32 = 3.125 % → 3.13 % half-up (a float 3.125 × 100 rounds to 312.49…).
    expect(satisfactionBp({ satisfied: 1, basic: 0, dissatisfied: 31 })).toBe(313)
    // 1/800 = 0.125 % → 0.13 % half-up
    expect(satisfactionBp({ satisfied: 0, basic: 1, dissatisfied: 799 })).toBe(13)
    expect(satisfactionBp({ satisfied: 30, basic: 0, dissatisfied: 0 })).toBe(10000)
  })
  it('is null with no answers', () => {
    expect(satisfactionBp({ satisfied: 0, basic: 0, dissatisfied: 0 })).toBeNull()
  })
})

describe('shownRate', () => {
  it('shows 样本不足 below the threshold and the rate from it on', () => {
    expect(SURVEY_MIN_SAMPLE).toBe(30)
    expect(shownRate(10000, 29)).toBe('样本不足')
    expect(shownRate(6667, 30)).toBe('66.67%')
    expect(formatRate(5)).toBe('0.05%')
    expect(formatRate(null)).toBe('—')
  })
})
