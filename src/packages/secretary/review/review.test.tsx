/** @jest-environment jsdom */
import type { AttendanceView, MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { click, flush, render } from '../../../../test/stubs/render'
import Review from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }
const att = (id: string, activityId: string, flags: string[] = ['no_location']): AttendanceView => ({
  id,
  activityId,
  activityTitle: activityId === 'A1' ? '楼道清洁' : '垃圾分类',
  memberId: `m-${id}`,
  memberName: `党员${id}`,
  phone: '138****1111',
  checkinAt: '2025-07-01T09:05:00.000+08:00',
  status: 'pending',
  flags,
  points: 2,
})

describe('审核 page', () => {
  let pending: AttendanceView[]
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    pending = [att('1', 'A1'), att('2', 'A1'), att('3', 'A2', ['late_submit'])]
    mockCall.mockImplementation(((action: string, body: { attendanceIds?: string[] }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'attendance.list') return Promise.resolve({ rows: pending })
      if (action === 'attendance.review') {
        const n = body.attendanceIds?.length ?? 0
        pending = pending.filter((p) => !body.attendanceIds?.includes(p.id))
        return Promise.resolve({ approved: n, rejected: 0, skipped: 0 })
      }
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('groups pending check-ins by activity and approves the selected ones in bulk', async () => {
    const r = await render(<Review />)
    await flush()
    await flush()
    expect(mockCall).toHaveBeenCalledWith('attendance.list', { estateBranchId: 'E1', status: 'pending' })
    expect(r.all('review-group')).toHaveLength(2)
    expect(r.all('review-item')).toHaveLength(3)
    expect(r.container.textContent).toContain('未获取位置')

    await click(r.q('review-select-all'))
    expect(r.all('review-checkbox').every((c) => c.className.includes('is-checked'))).toBe(true)
    await click(r.all('review-checkbox')[2])
    await click(r.q('review-approve'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('attendance.review', { attendanceIds: ['1', '2'], decision: 'approve' })
    expect(r.all('review-item')).toHaveLength(1)
    r.unmount()
  })

  it('requires a reason before rejecting', async () => {
    const r = await render(<Review />)
    await flush()
    await flush()
    await click(r.all('review-checkbox')[0])
    await click(r.q('review-reject'))
    expect(mockCall).not.toHaveBeenCalledWith('attendance.review', expect.anything())
    r.unmount()
  })
})
