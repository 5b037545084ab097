import { DURATION_OPTIONS, claimProblem, earliestClaimDay, type ClaimForm } from './claim'

const item = { code: 'V02', name: '环境整治' }
const form = (over: Partial<ClaimForm> = {}): ClaimForm => ({
  item,
  occurredOn: '2025-06-28',
  minutes: null,
  title: '清理楼道',
  description: '清理了楼道杂物',
  photos: [],
  ...over,
})

describe('claim form rules', () => {
  it('allows the last 30 days up to today, across a month end', () => {
    expect(earliestClaimDay('2025-07-01')).toBe('2025-06-01')
    expect(earliestClaimDay('2025-03-01')).toBe('2025-01-30')
    expect(claimProblem(form({ occurredOn: '2025-06-01' }), '2025-07-01')).toBeNull()
    expect(claimProblem(form({ occurredOn: '2025-05-31' }), '2025-07-01')).toBe('只能申报 30 天内的服务')
    expect(claimProblem(form({ occurredOn: '2025-07-02' }), '2025-07-01')).toBe('服务日期不能晚于今天')
  })
  it('asks for what each rule item needs, in words', () => {
    const today = '2025-07-01'
    expect(claimProblem(form({ item: null }), today)).toBe('请选择申报的积分细则')
    expect(claimProblem(form({ item: { ...item, perHour: true } }), today)).toContain('请选择服务时长')
    expect(claimProblem(form({ item: { ...item, perHour: true }, minutes: '90' }), today)).toBeNull()
    expect(claimProblem(form({ item: { ...item, evidenceRequired: true } }), today)).toContain('至少附 1 张照片')
    expect(claimProblem(form({ title: ' 一 ' }), today)).toContain('事项')
    expect(claimProblem(form({ description: '四个字啊' }), today)).toContain('说明经过')
    expect(claimProblem(form({ photos: ['a', 'b', 'c', 'd'] }), today)).toBe('最多附 3 张照片')
  })
  it('offers half-hour steps from 30 minutes to 8 hours', () => {
    expect(DURATION_OPTIONS).toHaveLength(16)
    expect(DURATION_OPTIONS[0]).toEqual({ value: '30', label: '30 分钟' })
    expect(DURATION_OPTIONS[2]).toEqual({ value: '90', label: '1 小时 30 分钟' })
    expect(DURATION_OPTIONS[15]).toEqual({ value: '480', label: '8 小时' })
  })
})
