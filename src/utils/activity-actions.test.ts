import type { ActivityView } from '@/core/api-types'
import { byStart, cardAction, cardActionUrl, memberActions } from './activity-actions'
import { activityUrl, checkinUrl } from './routes'

const H = 3600_000
const START = Date.parse('2025-07-01T09:00:00+08:00')
const iso = (t: number) => new Date(t).toISOString()

function activity(over: Partial<ActivityView> = {}): ActivityView {
  return {
    id: 'A1',
    estateBranchId: 'E1',
    title: '楼道清洁',
    startAt: iso(START),
    endAt: iso(START + 2 * H),
    checkinOpensAt: iso(START - H / 2),
    itemCode: 'V01',
    itemName: '志愿服务（按次）',
    points: 5,
    perHour: false,
    requireCheckout: false,
    status: 'published',
    checkedIn: 0,
    signedUp: 0,
    mySignup: false,
    ...over,
  }
}

describe('what a member may do with an activity', () => {
  it('offers 报名 before the start, 取消报名 once signed up, and 名额已满 at capacity', () => {
    expect(memberActions(activity(), START - 3 * H)).toEqual({ signup: 'signup', attend: null })
    expect(memberActions(activity({ mySignup: true, signedUp: 1 }), START - 3 * H)).toEqual({ signup: 'cancel', attend: null })
    expect(memberActions(activity({ capacity: 2, signedUp: 2 }), START - 3 * H).signup).toBe('full')
    // Signed up members can still cancel when the activity is full.
    expect(memberActions(activity({ capacity: 2, signedUp: 2, mySignup: true }), START - 3 * H).signup).toBe('cancel')
  })

  it('closes sign-up at the start, and offers 去签到 inside the window only', () => {
    expect(memberActions(activity(), START - 10 * 60_000)).toEqual({ signup: 'signup', attend: 'checkin' })
    expect(memberActions(activity(), START + H)).toEqual({ signup: null, attend: 'checkin' })
    expect(memberActions(activity(), START + 3 * H)).toEqual({ signup: null, attend: null })
  })

  it('offers 签退 after a check-in only where a check-out is required and still accepted', () => {
    const mine = { attendanceId: 'T1', status: 'pending' as const, checkinAt: iso(START) }
    expect(memberActions(activity({ mine }), START + H).attend).toBeNull()
    expect(memberActions(activity({ mine, requireCheckout: true }), START + H).attend).toBe('checkout')
    expect(memberActions(activity({ mine, requireCheckout: true }), START + 3 * H).attend).toBe('checkout')
    expect(memberActions(activity({ mine, requireCheckout: true }), START + 4 * H + 1).attend).toBeNull()
    expect(memberActions(activity({ mine: { ...mine, checkoutAt: iso(START + H) }, requireCheckout: true }), START + H).attend).toBeNull()
    expect(memberActions(activity({ mine: { ...mine, status: 'rejected' }, requireCheckout: true }), START + H).attend).toBeNull()
  })

  it('offers nothing on a cancelled activity', () => {
    expect(memberActions(activity({ status: 'cancelled', mySignup: true }), START - 3 * H)).toEqual({ signup: null, attend: null })
    expect(memberActions(activity({ status: 'cancelled' }), START + H)).toEqual({ signup: null, attend: null })
  })

  it('gives each card one action', () => {
    expect(cardAction(activity(), START - 3 * H)).toEqual({ text: '报名', mode: 'detail' })
    expect(cardAction(activity(), START)).toEqual({ text: '去签到', mode: 'checkin' })
    const mine = { attendanceId: 'T1', status: 'pending' as const, checkinAt: iso(START) }
    expect(cardAction(activity({ mine, requireCheckout: true }), START + H)).toEqual({ text: '去签退', mode: 'checkout' })
    expect(cardAction(activity({ mine }), START + H)).toEqual({ text: '详情', mode: 'detail' })
  })

  it('leads to the check-in or check-out page, or else to the activity', () => {
    expect(cardActionUrl(activity(), START - 3 * H)).toBe(activityUrl('A1'))
    expect(cardActionUrl(activity(), START)).toBe(checkinUrl('A1', 'checkin'))
    const mine = { attendanceId: 'T1', status: 'pending' as const, checkinAt: iso(START) }
    expect(cardActionUrl(activity({ mine, requireCheckout: true }), START + H)).toBe(checkinUrl('A1', 'checkout'))
  })

  it('orders by start, the latest first for what is over', () => {
    const list = [activity({ id: 'B', startAt: iso(START + H) }), activity({ id: 'A' }), activity({ id: 'C', startAt: iso(START + 2 * H) })]
    expect([...list].sort(byStart(false)).map((a) => a.id)).toEqual(['A', 'B', 'C'])
    expect([...list].sort(byStart(true)).map((a) => a.id)).toEqual(['C', 'B', 'A'])
  })
})
