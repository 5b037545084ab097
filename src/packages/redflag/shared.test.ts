import { campaignYear, isStoredPhoto, snapshotRows } from './shared'

describe('红旗小区 screens: shared helpers', () => {
  it('opens last year’s campaign in January (the campaign runs December–January)', () => {
    const year = new Date().getFullYear()
    expect(campaignYear(1)).toBe(campaignYear(12) - 1)
    expect([year - 1, year, year + 1]).toContain(campaignYear(12))
  })

  it('shows the frozen figures in words, and 暂无测评 until a survey exists', () => {
    const rows = snapshotRows({
      directory: 10,
      registered: 9,
      registrationRate: 90,
      participants: 6,
      participationRate: 66.67,
      activities: 12,
      volunteerHours: 86.5,
      averageEstateScore: null,
      satisfactionRate: null,
      satisfactionSample: null,
      computedAt: '2025-12-20T10:00:00+08:00',
    })
    expect(rows).toEqual([
      ['报到率', '90.00%（9 / 10 人）'],
      ['参与率', '66.67%（6 人参加活动）'],
      ['开展活动', '12 次'],
      ['志愿服务时长', '86.50 小时'],
      ['平均小区积分', '—'],
      ['满意率', '暂无测评'],
    ])
    const surveyed = snapshotRows({
      directory: 1,
      registered: 1,
      registrationRate: null,
      participants: 0,
      participationRate: null,
      activities: 0,
      volunteerHours: 0,
      averageEstateScore: 80,
      satisfactionRate: 93.33,
      satisfactionSample: 45,
      computedAt: '2025-12-20T10:00:00+08:00',
    })
    expect(surveyed[5]).toEqual(['满意率', '93.33%（样本 45 份）'])
  })

  it('tells a saved photo from one just picked on the phone', () => {
    expect(isStoredPhoto('Fabcdefghijkl')).toBe(true)
    expect(isStoredPhoto('cloud://env-1/claims/o1/a.jpg')).toBe(true)
    expect(isStoredPhoto('wxfile://tmp_123.jpg')).toBe(false)
    expect(isStoredPhoto('blob:http://127.0.0.1/abc')).toBe(false)
  })
})
