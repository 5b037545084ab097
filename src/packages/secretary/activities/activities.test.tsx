/** @jest-environment jsdom */
import { act } from 'react'
import Taro from '@tarojs/taro'
import type { ActivityView, MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { click, flush, render } from '../../../../test/stubs/render'
import { __resetTaro } from '../../../../test/stubs/taro'
import ActivitiesAdmin from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const H = 3600_000
const iso = (t: number) => new Date(t).toISOString()
const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }

function activity(id: string, startIn: number, over: Partial<ActivityView> = {}): ActivityView {
  const start = Date.now() + startIn
  return {
    id,
    estateBranchId: 'E1',
    title: `活动${id}`,
    startAt: iso(start),
    endAt: iso(start + 2 * H),
    checkinOpensAt: iso(start - H / 2),
    itemCode: 'V01',
    itemName: '志愿服务（按次）',
    points: 5,
    perHour: false,
    requireCheckout: false,
    status: 'published',
    checkedIn: 0,
    signedUp: 2,
    mySignup: false,
    ...over,
  }
}

describe('活动管理 page', () => {
  let rows: ActivityView[]
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    __resetTaro()
    rows = [activity('D', 48 * H, { status: 'draft' }), activity('U', 24 * H, { capacity: 10 }), activity('P', -72 * H, { status: 'ended' })]
    mockCall.mockImplementation(((action: string, body: { activityId?: string; reason?: string }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'activity.list') return Promise.resolve(rows)
      if (action === 'activity.publish') {
        rows = rows.map((a) => (a.id === body.activityId ? { ...a, status: 'published' } : a))
        return Promise.resolve({ status: 'published', repeated: false })
      }
      if (action === 'activity.cancel') {
        rows = rows.map((a) => (a.id === body.activityId ? { ...a, status: 'cancelled', cancelReason: body.reason } : a))
        return Promise.resolve({ status: 'cancelled', notified: 2, repeated: false })
      }
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('lists drafts, upcoming and ended activities with the actions each allows', async () => {
    const r = await render(<ActivitiesAdmin />)
    await flush()
    await flush()
    expect(mockCall).toHaveBeenCalledWith('activity.list', { estateBranchId: 'E1' })
    const draft = r.q('activities-admin-draft')
    expect(draft.querySelector('.activities-admin-publish')).not.toBeNull()
    const upcoming = r.q('activities-admin-upcoming')
    expect(upcoming.textContent).toContain('已报名 2 / 10 人')
    expect(upcoming.querySelector('.activities-admin-code')).not.toBeNull()
    expect(upcoming.querySelector('.activities-admin-cancel')).not.toBeNull()
    const past = r.q('activities-admin-past')
    expect(past.querySelector('.activities-admin-backfill')).not.toBeNull()
    expect(past.querySelector('.activities-admin-cancel')).toBeNull()

    await click(draft.querySelector('.activities-admin-publish') as HTMLElement)
    await flush()
    expect(mockCall).toHaveBeenCalledWith('activity.publish', { activityId: 'D' })
    expect(r.has('activities-admin-draft')).toBe(false)
    r.unmount()
  })

  it('cancels an activity only with a reason', async () => {
    const r = await render(<ActivitiesAdmin />)
    await flush()
    await flush()
    await click(r.q('activities-admin-upcoming').querySelector('.activities-admin-cancel') as HTMLElement)
    expect(r.q('activities-cancel-dialog').textContent).toContain('2 位党员会收到取消通知')
    await click(r.q('reason-dialog-confirm'))
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请填写理由' }))
    expect(mockCall).not.toHaveBeenCalledWith('activity.cancel', expect.anything())

    const input = r.q('reason-dialog-input') as HTMLTextAreaElement
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(input, '暴雨预警')
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await click(r.q('reason-dialog-confirm'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('activity.cancel', { activityId: 'U', reason: '暴雨预警' })
    expect(r.has('activities-cancel-dialog')).toBe(false)
    expect(r.q('activities-admin-cancelled').textContent).toContain('取消原因：暴雨预警')
    r.unmount()
  })
})
