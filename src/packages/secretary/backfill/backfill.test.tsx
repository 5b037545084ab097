/** @jest-environment jsdom */
import { act } from 'react'
import Taro from '@tarojs/taro'
import type { ActivityView, MeData, MemberView } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { click, flush, render } from '../../../../test/stubs/render'
import { __resetTaro, __setRouterParams } from '../../../../test/stubs/taro'
import { checkBackfill, type BackfillForm } from './form'
import Backfill from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const form = (over: Partial<BackfillForm> = {}): BackfillForm => ({
  activityId: 'A1',
  memberId: 'D007',
  inDate: '2025-07-01',
  inTime: '09:00',
  withCheckout: true,
  outDate: '2025-07-01',
  outTime: '11:00',
  reason: '手机没电，现场登记',
  ...over,
})

describe('补录 form checks', () => {
  it('builds the body with +08:00 times', () => {
    expect(checkBackfill(form())).toEqual({
      ok: true,
      body: {
        activityId: 'A1',
        memberId: 'D007',
        checkinAt: '2025-07-01T09:00:00+08:00',
        checkoutAt: '2025-07-01T11:00:00+08:00',
        reason: '手机没电，现场登记',
      },
    })
    const noOut = checkBackfill(form({ withCheckout: false }))
    expect(noOut.ok && 'checkoutAt' in noOut.body).toBe(false)
  })

  it('names what is missing or wrong, in the order of the form', () => {
    expect(checkBackfill(form({ activityId: null }))).toMatchObject({ ok: false, field: 'activityId', message: '请选择活动' })
    expect(checkBackfill(form({ memberId: null }))).toMatchObject({ ok: false, field: 'memberId', message: '请选择党员' })
    expect(checkBackfill(form({ inTime: '' }))).toMatchObject({ ok: false, field: 'inTime' })
    expect(checkBackfill(form({ outTime: '08:59' }))).toMatchObject({ ok: false, field: 'outTime', message: '签退时间必须晚于签到时间' })
    expect(checkBackfill(form({ reason: '   ' }))).toMatchObject({ ok: false, field: 'reason', message: '请填写补录理由' })
    expect(checkBackfill(form({ reason: '长'.repeat(201) }))).toMatchObject({ ok: false, field: 'reason' })
  })
})

const H = 3600_000
const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }
const START = Date.parse('2025-07-01T09:00:00+08:00')
const activity: ActivityView = {
  id: 'A1',
  estateBranchId: 'E1',
  title: '小区环境整治志愿服务',
  startAt: '2025-07-01T09:00:00+08:00',
  endAt: '2025-07-01T11:00:00+08:00',
  checkinOpensAt: new Date(START - H / 2).toISOString(),
  itemCode: 'V01',
  itemName: '志愿服务（按次）',
  points: 5,
  perHour: false,
  requireCheckout: true,
  status: 'ended',
  checkedIn: 3,
  signedUp: 0,
  mySignup: false,
}
const members: MemberView[] = [
  { id: 'D007', name: '赵磊', phone: '13800000007', unitBranchId: 'UB3', estateBranchId: 'E1', status: 'active' },
  { id: 'D008', name: '黄丽', phone: '13800000008', unitBranchId: 'UB4', estateBranchId: 'E1', status: 'active' },
]

async function pick(el: HTMLElement, value: string) {
  const control = (el.parentElement as HTMLElement).querySelector('select, input') as HTMLInputElement | HTMLSelectElement
  await act(async () => {
    const proto = control.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(control, value)
    control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }))
  })
}

describe('补录 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    __resetTaro()
    __setRouterParams({ activityId: 'A1' })
    mockCall.mockImplementation(((action: string, body: { checkinAt?: string }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'activity.list') return Promise.resolve([activity])
      if (action === 'member.list') return Promise.resolve(members)
      if (action === 'attendance.backfill')
        return Promise.resolve({
          attendanceId: 'T9',
          status: 'pending',
          flags: ['backfill'],
          checkinAt: body.checkinAt,
          checkoutAt: '2025-07-01T11:00:00.000+08:00',
        })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('preselects the activity with its times, refuses to send without a member or a reason, then shows the result', async () => {
    const r = await render(<Backfill />)
    await flush()
    await flush()
    expect(mockCall).toHaveBeenCalledWith('member.list', { scopeId: 'E1', status: 'active' })
    expect(r.q('backfill-activity').textContent).toContain('小区环境整治志愿服务')
    expect(r.q('backfill-in-time').textContent).toBe('09:00')
    expect(r.q('backfill-out-time').textContent).toBe('11:00') // requireCheckout → check-out time asked for

    await click(r.q('backfill-submit'))
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请选择党员' }))
    await pick(r.q('backfill-member'), '0')
    await click(r.q('backfill-submit'))
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请填写补录理由' }))
    expect(mockCall).not.toHaveBeenCalledWith('attendance.backfill', expect.anything())

    const reason = r.q('backfill-reason') as HTMLTextAreaElement
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(reason, '手机没电，现场登记')
      reason.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await pick(r.q('backfill-out-time'), '12:30') // beyond the end: the server caps it
    await click(r.q('backfill-submit'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('attendance.backfill', {
      activityId: 'A1',
      memberId: 'D007',
      checkinAt: '2025-07-01T09:00:00+08:00',
      checkoutAt: '2025-07-01T12:30:00+08:00',
      reason: '手机没电，现场登记',
    })
    const result = r.q('backfill-result')
    expect(result.textContent).toContain('已补录，待审核')
    expect(result.textContent).toContain('赵磊')
    expect(result.textContent).toContain('书记补录')
    expect(r.has('backfill-capped')).toBe(true)
    r.unmount()
  })
})
