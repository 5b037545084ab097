import {
  activityPhase,
  checkinOpen,
  dateText,
  dateTimeText,
  fieldText,
  isoFromPickers,
  parseScore,
  rangeText,
  score2,
  shanghaiDateTime,
  signedPoints,
  weightPct,
} from './format'

describe('display formatting', () => {
  it('prints scores with exactly two decimals, without float artefacts', () => {
    expect(score2(88.6)).toBe('88.60')
    expect(score2(88.63)).toBe('88.63')
    expect(score2(0.29)).toBe('0.29')
    expect(score2(null)).toBe('—')
    expect(signedPoints(2)).toBe('+2.00')
    expect(signedPoints(-5)).toBe('-5.00')
  })

  it('prints weights as percentages (fractions or basis points)', () => {
    expect(weightPct(0.5)).toBe('50%')
    expect(weightPct(5000)).toBe('50%')
    expect(weightPct(0.6)).toBe('60%')
  })

  it('shows times in Asia/Shanghai and builds ISO strings with +08:00', () => {
    expect(rangeText('2025-07-01T09:00:00+08:00', '2025-07-01T11:30:00+08:00')).toBe('7月1日 09:00–11:30')
    expect(isoFromPickers('2025-07-01', '09:00')).toBe('2025-07-01T09:00:00+08:00')
    expect(shanghaiDateTime(Date.parse('2025-06-30T17:00:00Z'))).toEqual({ date: '2025-07-01', time: '01:00' })
  })

  it('words date and time field values in Chinese, never in the runtime locale', () => {
    expect(fieldText('date', '2026-11-22')).toBe('2026年11月22日')
    expect(fieldText('date', '2026-01-05')).toBe('2026年1月5日')
    expect(fieldText('time', '14:06')).toBe('14:06')
    expect(fieldText('time', '09:00')).toBe('09:00')
    expect(fieldText('date', '')).toBe('')
    expect(fieldText('time', '2:06 PM')).toBe('')
    expect(fieldText('date', '11/22/2026')).toBe('')
  })

  it('knows when an activity is upcoming, in progress or past, and when check-in is open', () => {
    const a = {
      status: 'published' as const,
      startAt: '2025-07-01T09:00:00+08:00',
      endAt: '2025-07-01T11:00:00+08:00',
      checkinOpensAt: '2025-07-01T08:30:00+08:00',
    }
    expect(activityPhase(a, Date.parse('2025-07-01T08:00:00+08:00'))).toBe('upcoming')
    expect(checkinOpen(a, Date.parse('2025-07-01T08:40:00+08:00'))).toBe(true)
    expect(activityPhase(a, Date.parse('2025-07-01T10:00:00+08:00'))).toBe('ongoing')
    expect(activityPhase(a, Date.parse('2025-07-01T12:00:00+08:00'))).toBe('past')
    expect(checkinOpen(a, Date.parse('2025-07-01T12:00:00+08:00'))).toBe(false)
  })

  it('accepts typed scores with at most two decimals', () => {
    expect(parseScore(' 87.25 ')).toBe(87.25)
    expect(parseScore('87.255')).toBeNull()
    expect(parseScore('-1')).toBeNull()
    expect(parseScore('abc')).toBeNull()
  })
})

describe('times are shown in Asia/Shanghai whatever the phone’s zone', () => {
  it('formats an instant as Shanghai wall-clock time, crossing midnight correctly', () => {
    expect(dateTimeText('2025-07-01T01:30:00Z')).toBe('7月1日 09:30')
    expect(shanghaiDateTime(Date.parse('2025-06-30T17:00:00Z'))).toEqual({ date: '2025-07-01', time: '01:00' })
    expect(dateText('2025-12-31T16:00:00.000Z')).toBe('2026-01-01')
  })
  it('writes a range on one day compactly and across days in full', () => {
    expect(rangeText('2025-07-01T09:00:00+08:00', '2025-07-01T11:30:00+08:00')).toBe('7月1日 09:00–11:30')
    expect(rangeText('2025-07-01T20:00:00+08:00', '2025-07-02T08:00:00+08:00')).toBe('7月1日 20:00 – 7月2日 08:00')
  })
  it('builds the ISO time sent to the server from picker values', () => {
    expect(Date.parse(isoFromPickers('2025-07-01', '09:00'))).toBe(Date.parse('2025-07-01T01:00:00Z'))
  })
})
