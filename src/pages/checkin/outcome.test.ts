import type { CheckinResult } from '@/core/api-types'
import { outcomeTitle, queueResultText } from './outcome'

const result = (over: Partial<CheckinResult>): CheckinResult => ({
  attendanceId: 'a1',
  activityId: 'act1',
  activityTitle: '楼道清洁',
  status: 'approved',
  repeated: false,
  flags: [],
  ...over,
})

describe('check-in outcome title', () => {
  it('says 签到成功 for an approved check-in', () => {
    expect(outcomeTitle('activity.checkin', result({}))).toBe('签到成功')
  })
  it('says 待审核 when the check-in goes to review', () => {
    expect(outcomeTitle('activity.checkin', result({ status: 'pending', flags: ['no_location'] }))).toBe('待审核')
  })
  it('says 已签到过 for a repeated check-in, whatever its status', () => {
    expect(outcomeTitle('activity.checkin', result({ repeated: true, status: 'pending' }))).toBe('已签到过')
  })
  it('has check-out wording', () => {
    expect(outcomeTitle('activity.checkout', result({}))).toBe('签退成功')
    expect(outcomeTitle('activity.checkout', result({ repeated: true }))).toBe('已签退过')
  })
})

describe('what became of a queued check-in', () => {
  it('names the activity and the outcome when the server accepted it', () => {
    const r = {
      kind: 'activity.checkin' as const,
      at: 1,
      answeredAt: 2,
      ok: true as const,
      result: result({ status: 'pending', flags: ['late_submit'] }),
    }
    expect(queueResultText(r)).toBe('楼道清洁：待审核')
  })
  it('gives the refusal itself', () => {
    expect(queueResultText({ kind: 'activity.checkout', at: 1, answeredAt: 2, ok: false, message: '活动已取消' })).toBe('未成功：活动已取消')
  })
})
