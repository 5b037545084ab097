import { endAfterWorkingDays, isWorkingDay, shanghaiDate, workingDaysBetween } from './working-days'

describe('公示 working days', () => {
  it('skips weekends: 5 working days from Thursday 2025-07-03 end on Wednesday 07-09', () => {
    expect(endAfterWorkingDays('2025-07-03', 5)).toBe('2025-07-09')
    expect(workingDaysBetween('2025-07-03', '2025-07-09')).toBe(5)
  })
  it('starting on a Saturday counts from Monday', () => {
    expect(endAfterWorkingDays('2025-07-05', 5)).toBe('2025-07-11')
  })
  it('skips configured holidays and counts 调休 weekend working days (National Day 2025)', () => {
    const cal = {
      holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
      extraWorkdays: ['2025-09-28', '2025-10-11'],
    }
    expect(isWorkingDay('2025-09-28', cal)).toBe(true) // a Sunday worked
    expect(isWorkingDay('2025-10-01', cal)).toBe(false) // a Wednesday off
    // 09-29 Mon, 09-30 Tue, [10-01…10-08 off], 10-09 Thu, 10-10 Fri, 10-11 Sat (worked)
    expect(endAfterWorkingDays('2025-09-29', 5, cal)).toBe('2025-10-11')
  })
  it('crosses the year end', () => {
    expect(endAfterWorkingDays('2025-12-29', 5, { holidays: ['2026-01-01'] })).toBe('2026-01-05')
  })
  it('refuses impossible dates and counts', () => {
    expect(() => endAfterWorkingDays('2025-02-30', 5)).toThrow(RangeError)
    expect(() => endAfterWorkingDays('2025-07-01', 0)).toThrow(RangeError)
  })
  it('takes the Shanghai date of an instant', () => {
    expect(shanghaiDate(Date.parse('2025-06-30T16:30:00Z'))).toBe('2025-07-01')
  })
})
