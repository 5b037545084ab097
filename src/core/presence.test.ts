import { pointsFor, presentMinutes } from './presence'

const H = 3600_000
const start = Date.UTC(2025, 6, 1, 1) // 09:00 Shanghai
const end = start + 2 * H // a 2-hour activity

describe('presence and hour-based points', () => {
  it('counts only presence inside the activity', () => {
    expect(presentMinutes({ startAt: start, endAt: end, checkinAt: start - H, checkoutAt: end + H })).toBe(120)
    expect(presentMinutes({ startAt: start, endAt: end, checkinAt: start + 30 * 60_000, checkoutAt: start + 90 * 60_000 })).toBe(60)
    expect(presentMinutes({ startAt: start, endAt: end, checkinAt: start })).toBe(0)
  })
  it('pays per-time items in full without a check-out requirement', () => {
    expect(pointsFor({ points: 500 }, { startAt: start, endAt: end, checkinAt: start }, 6000, false)).toEqual({ points: 500 })
  })
  it('pays per-hour items by minutes present, rounded half-up to hundredths', () => {
    // 2 points/hour × 100 min = 3.333… → 3.33
    expect(
      pointsFor({ points: 200, perHour: true }, { startAt: start, endAt: end, checkinAt: start, checkoutAt: start + 100 * 60_000 }, 6000, false),
    ).toEqual({ points: 333 })
    // 2 points/hour × 75 min = 2.5 exactly
    expect(
      pointsFor({ points: 200, perHour: true }, { startAt: start, endAt: end, checkinAt: start, checkoutAt: start + 75 * 60_000 }, 6000, false),
    ).toEqual({ points: 250 })
  })
  it('pays nothing below the minimum presence ratio (default 60 %), and exactly at it pays', () => {
    // 71 of 120 minutes = 59.2 % < 60 %
    expect(
      pointsFor({ points: 200, perHour: true }, { startAt: start, endAt: end, checkinAt: start, checkoutAt: start + 71 * 60_000 }, 6000, false),
    ).toEqual({ points: 0, shortfall: 'below_min_presence' })
    // 72 of 120 minutes = 60 %
    expect(
      pointsFor({ points: 200, perHour: true }, { startAt: start, endAt: end, checkinAt: start, checkoutAt: start + 72 * 60_000 }, 6000, false),
    ).toEqual({ points: 240 })
    // a rule set may ask for 80 %: 90 of 120 = 75 % is not enough
    expect(pointsFor({ points: 500 }, { startAt: start, endAt: end, checkinAt: start, checkoutAt: start + 90 * 60_000 }, 8000, true)).toEqual({
      points: 0,
      shortfall: 'below_min_presence',
    })
  })
  it('pays nothing for a required check-out that never came', () => {
    expect(pointsFor({ points: 200, perHour: true }, { startAt: start, endAt: end, checkinAt: start }, 6000, false)).toEqual({
      points: 0,
      shortfall: 'no_checkout',
    })
    expect(pointsFor({ points: 500 }, { startAt: start, endAt: end, checkinAt: start }, 6000, true)).toEqual({ points: 0, shortfall: 'no_checkout' })
  })
})
