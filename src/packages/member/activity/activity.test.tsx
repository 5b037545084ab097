/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { ActivityView, AttendanceView, MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { checkinUrl } from '@/utils/routes'
import { click, flush, render } from '../../../../test/stubs/render'
import { __resetTaro, __setRouterParams } from '../../../../test/stubs/taro'
import ActivityDetail from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const H = 3600_000
const iso = (t: number) => new Date(t).toISOString()
const me: MeData = {
  openid: 'demo-member-1',
  member: { id: 'D001', name: '张建国', phone: '13800000001', unitBranchId: 'UB1', estateBranchId: 'E1', status: 'active' },
  roles: [{ role: 'member', scopeId: 'E1' }],
}

function activity(startIn: number, over: Partial<ActivityView> = {}): ActivityView {
  const start = Date.now() + startIn
  return {
    id: 'A1',
    estateBranchId: 'E1',
    estateBranchName: '幸福里小区党支部',
    title: '楼道清理',
    description: '清理 3 号楼楼道堆放物',
    startAt: iso(start),
    endAt: iso(start + 2 * H),
    checkinOpensAt: iso(start - H / 2),
    itemCode: 'V02',
    itemName: '环境整治',
    points: 3,
    perHour: false,
    capacity: 15,
    requireCheckout: false,
    status: 'published',
    checkedIn: 0,
    signedUp: 4,
    mySignup: false,
    ...over,
  }
}

async function open(initial: ActivityView, records: AttendanceView[] = []) {
  let current = initial
  mockCall.mockImplementation(((action: string) => {
    if (action === 'me.get') return Promise.resolve(me)
    if (action === 'activity.get') return Promise.resolve(current)
    if (action === 'attendance.mine') return Promise.resolve(records)
    if (action === 'activity.signup') {
      current = { ...current, mySignup: true, signedUp: current.signedUp + 1 }
      return Promise.resolve({ status: 'signed_up', repeated: false, signedUp: current.signedUp, capacity: current.capacity ?? null })
    }
    if (action === 'activity.cancelSignup') {
      current = { ...current, mySignup: false, signedUp: current.signedUp - 1 }
      return Promise.resolve({ status: 'cancelled', signedUp: current.signedUp })
    }
    return Promise.reject(new Error(`unexpected ${action}`))
  }) as never)
  const r = await render(<ActivityDetail />)
  await flush()
  await flush()
  await flush()
  return r
}

describe('活动详情 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    __resetTaro()
    __setRouterParams({ activityId: 'A1' })
  })

  it('shows the facts and signs up, then offers 取消报名 (after a confirmation)', async () => {
    const r = await open(activity(24 * H))
    expect(mockCall).toHaveBeenCalledWith('activity.get', { activityId: 'A1' })
    expect(r.q('activity-detail-title').textContent).toBe('楼道清理')
    expect(r.q('activity-detail-capacity').textContent).toContain('已报名 4 / 15 人')
    expect(r.container.textContent).toContain('清理 3 号楼楼道堆放物')
    expect(r.has('activity-detail-checkin')).toBe(false)

    await click(r.q('activity-detail-signup'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('activity.signup', { activityId: 'A1' })
    expect(r.q('activity-detail-capacity').textContent).toContain('已报名 5 / 15 人')
    expect(r.has('activity-detail-signup')).toBe(false)
    expect(r.has('activity-detail-signed')).toBe(true)

    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    await click(r.q('activity-detail-cancel-signup'))
    await flush()
    expect(mockCall).not.toHaveBeenCalledWith('activity.cancelSignup', expect.anything())

    await click(r.q('activity-detail-cancel-signup'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('activity.cancelSignup', { activityId: 'A1' })
    expect(r.has('activity-detail-signup')).toBe(true)
    r.unmount()
  })

  it('shows 名额已满 (disabled) when full, and no sign-up once the activity has started', async () => {
    const full = await open(activity(24 * H, { signedUp: 15 }))
    expect(full.q('activity-detail-full').hasAttribute('disabled')).toBe(true)
    expect(full.has('activity-detail-signup')).toBe(false)
    full.unmount()

    resetMe()
    const started = await open(activity(-H))
    expect(started.has('activity-detail-signup')).toBe(false)
    expect(started.has('activity-detail-cancel-signup')).toBe(false)
    await click(started.q('activity-detail-checkin'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: checkinUrl('A1') })
    started.unmount()
  })

  it('says when the check-in location is checked, and not otherwise', async () => {
    const located = await open(activity(24 * H, { location: { lat: 30.27415, lng: 120.15515, radiusM: 300, address: '幸福里小区东门' } }))
    expect(located.q('activity-detail-geofence').textContent).toContain('签到时核对位置：活动地点 300 米内')
    expect(located.container.textContent).toContain('幸福里小区东门')
    located.unmount()

    resetMe()
    const plain = await open(activity(24 * H))
    expect(plain.has('activity-detail-geofence')).toBe(false)
    plain.unmount()
  })

  it('says why a cancelled activity was cancelled and offers nothing', async () => {
    const r = await open(activity(24 * H, { status: 'cancelled', cancelReason: '暴雨预警', mySignup: true }))
    expect(r.q('activity-detail-cancelled').textContent).toContain('暴雨预警')
    expect(r.q('activity-detail-status').textContent).toBe('已取消')
    for (const c of ['activity-detail-signup', 'activity-detail-cancel-signup', 'activity-detail-checkin', 'activity-detail-checkout'])
      expect(r.has(c)).toBe(false)
    r.unmount()
  })

  it('explains the review flags of my check-in and offers 签退 where one is required', async () => {
    const a = activity(-H, { requireCheckout: true, mine: { attendanceId: 'T1', status: 'pending', checkinAt: iso(Date.now() - H) } })
    const record: AttendanceView = {
      id: 'T1',
      kind: 'activity',
      activityId: 'A1',
      activityTitle: '楼道清理',
      memberId: 'D001',
      memberName: '张建国',
      phone: '13800000001',
      checkinAt: a.mine!.checkinAt,
      status: 'pending',
      flags: ['no_location'],
      points: 0,
    }
    const r = await open(a, [record])
    expect(r.q('activity-detail-mine-status').textContent).toBe('待审核')
    expect(r.q('activity-detail-flags').textContent).toContain('未获取位置')
    expect(r.has('activity-detail-checkin')).toBe(false)
    await click(r.q('activity-detail-checkout'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: checkinUrl('A1', 'checkout') })
    r.unmount()
  })
})
