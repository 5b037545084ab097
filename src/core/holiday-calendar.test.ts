import { officialCalendar, yearCalendar } from './holiday-calendar'
import { endAfterWorkingDays, isWorkingDay, workingDaysBetween } from './working-days'

describe('the national 节假日/调休 schedule a year prefills with', () => {
  const cal2026 = officialCalendar(2026)!

  it('has 国庆 2026-10-01…10-07 off and the 调休 weekends 09-20 and 10-10 worked', () => {
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2026-10-0${d}`, cal2026)).toBe(false)
    expect(isWorkingDay('2026-10-08', cal2026)).toBe(true) // Thursday after the break
    expect(isWorkingDay('2026-09-20', cal2026)).toBe(true) // a Sunday worked
    expect(isWorkingDay('2026-10-10', cal2026)).toBe(true) // a Saturday worked
    expect(isWorkingDay('2026-10-11', cal2026)).toBe(false) // an ordinary Sunday
  })

  it('has 2026 春节 02-15…02-23 off with Saturdays 02-14 and 02-28 worked, and the other holidays', () => {
    expect(cal2026.holidays.filter((d) => d >= '2026-02-01' && d < '2026-03-01')).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ])
    expect(cal2026.extraWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    expect(cal2026.holidays).toHaveLength(33)
    for (const d of ['2026-01-01', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-25']) expect(isWorkingDay(d, cal2026)).toBe(false)
    // Every 调休 day is a weekend day and no holiday is also a workday.
    for (const d of cal2026.extraWorkdays) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay())
    expect(cal2026.holidays.filter((d) => cal2026.extraWorkdays.includes(d))).toEqual([])
  })

  it('makes a 公示 opened before 国庆 2026 end after it, counting the 调休 Saturday', () => {
    // Mon 09-28, Tue 09-29, Wed 09-30, [10-01…10-07 off], Thu 10-08, Fri 10-09 → 5
    expect(endAfterWorkingDays('2026-09-28', 5, cal2026)).toBe('2026-10-09')
    // Fri 09-25…Sun 09-27 are 中秋; Sun 09-20 is worked: Fri 09-18, Sun 09-20, Mon 09-21 … Thu 09-24 → 6
    expect(workingDaysBetween('2026-09-18', '2026-09-27', cal2026)).toBe(6)
  })

  it('covers 2025 (国庆/中秋 10-01…10-08) and no year it has no published notice for', () => {
    expect(officialCalendar(2025)!.holidays).toContain('2025-10-08')
    expect(officialCalendar(2025)!.extraWorkdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'])
    expect(officialCalendar(2030)).toBeUndefined()
  })

  it('is what a year shows until the county saves either list; then only what was saved counts', () => {
    expect(yearCalendar(2026, {})).toMatchObject({ prefilled: true, extraWorkdays: cal2026.extraWorkdays })
    expect(yearCalendar(2026, { holidays: ['2026-10-01'] })).toEqual({ holidays: ['2026-10-01'], extraWorkdays: [], prefilled: false })
    expect(yearCalendar(2026, { holidays: [], extraWorkdays: [] })).toEqual({ holidays: [], extraWorkdays: [], prefilled: false })
    expect(yearCalendar(2030, {})).toEqual({ holidays: [], extraWorkdays: [], prefilled: false })
  })
})
