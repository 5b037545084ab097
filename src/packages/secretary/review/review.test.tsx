/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { AttendanceStatus, AttendanceView, MeData } from '@/core/api-types'
import { act } from 'react'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { click, flush, render } from '../../../../test/stubs/render'
import Review from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }
const att = (
  id: string,
  activityId: string,
  flags: string[] = ['no_location'],
  status: AttendanceStatus = 'pending',
  memberId = `m-${id}`,
): AttendanceView => ({
  id,
  kind: 'activity',
  activityId,
  activityTitle: activityId === 'A1' ? '楼道清洁' : '垃圾分类',
  memberId,
  memberName: `党员${memberId}`,
  phone: '138****1111',
  checkinAt: '2025-07-01T09:05:00.000+08:00',
  status,
  flags,
  points: 2,
})

describe('审核 page', () => {
  let pending: AttendanceView[]
  let approved: AttendanceView[]
  let rejected: AttendanceView[]
  let revoked: AttendanceView[]
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    ;(Taro.showToast as jest.Mock).mockClear()
    pending = [att('1', 'A1'), att('2', 'A1'), att('3', 'A2', ['late_submit'])]
    approved = [att('4', 'A1', [], 'approved', 'm-x'), att('5', 'A2', ['backfill'], 'approved', 'm-x'), att('6', 'A2', [], 'approved', 'm-y')]
    rejected = [{ ...att('7', 'A1', ['outside_radius'], 'rejected'), reason: '不在现场', distanceM: 1112 }]
    revoked = [{ ...att('8', 'A2', [], 'revoked'), reason: '核实未参加' }]
    mockCall.mockImplementation(((action: string, body: { attendanceIds?: string[]; status?: string }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'attendance.list')
        return Promise.resolve(
          body.status === 'approved' ? approved : body.status === 'rejected' ? rejected : body.status === 'revoked' ? revoked : pending,
        )
      if (action === 'attendance.revoke') {
        const n = body.attendanceIds?.length ?? 0
        approved = approved.filter((p) => !body.attendanceIds?.includes(p.id))
        return Promise.resolve({ revoked: n, skipped: 0 })
      }
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
    expect(r.has('review-distance')).toBe(false) // no location sent, no distance

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

  it('shows 已通过 and 未通过 in their own tabs, with flags and reasons in words', async () => {
    const r = await render(<Review />)
    await flush()
    await flush()
    expect(r.q('review-tab-pending').className).toContain('is-on')

    await click(r.q('review-tab-rejected'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('attendance.list', { estateBranchId: 'E1', status: 'rejected' })
    expect(r.all('review-item')).toHaveLength(1)
    expect(r.container.textContent).toContain('不在活动地点附近')
    expect(r.container.textContent).toContain('驳回理由：不在现场')
    expect(r.q('review-distance').textContent).toBe('距活动地点 1112 米') // the measured distance, beside the flags
    // Nothing to decide on rejected records: no checkboxes, no buttons.
    expect(r.has('review-checkbox')).toBe(false)
    expect(r.has('review-approve')).toBe(false)

    await click(r.q('review-tab-approved'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('attendance.list', { estateBranchId: 'E1', status: 'approved' })
    expect(r.all('review-item')).toHaveLength(3)
    expect(r.container.textContent).toContain('书记补录')
    expect(r.has('review-revoke')).toBe(true)
    expect(r.has('review-approve')).toBe(false)

    // Revoked records stay readable, with the reason, and offer nothing to do.
    await click(r.q('review-tab-revoked'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('attendance.list', { estateBranchId: 'E1', status: 'revoked' })
    expect(r.all('review-item')).toHaveLength(1)
    expect(r.container.textContent).toContain('撤销理由：核实未参加')
    expect(r.has('review-checkbox')).toBe(false)
    expect(r.has('review-revoke')).toBe(false)
    r.unmount()
  })

  it('groups by member on request', async () => {
    const r = await render(<Review />)
    await flush()
    await flush()
    await click(r.q('review-tab-approved'))
    await flush()
    expect(r.all('review-group')).toHaveLength(2) // by activity: A1, A2
    await click(r.q('review-group-by-member'))
    const groups = r.all('review-group')
    expect(groups).toHaveLength(2) // by member: m-x (2), m-y (1)
    expect(groups[0].textContent).toContain('党员m-x')
    expect(groups[0].querySelectorAll('.review-item')).toHaveLength(2)
    expect(groups[0].textContent).toContain('楼道清洁')
    expect(groups[0].textContent).toContain('垃圾分类')
    r.unmount()
  })

  it('revokes approved check-ins in bulk only with a reason', async () => {
    const r = await render(<Review />)
    await flush()
    await flush()
    await click(r.q('review-tab-approved'))
    await flush()
    await click(r.all('review-checkbox')[0])
    await click(r.q('review-revoke'))
    expect(mockCall).not.toHaveBeenCalledWith('attendance.revoke', expect.anything())
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '撤销需填写理由' }))

    const input = r.q('review-revoke-reason') as HTMLInputElement
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, '核实未参加')
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await click(r.q('review-revoke'))
    await flush()
    expect(Taro.showModal).toHaveBeenCalled()
    expect(mockCall).toHaveBeenCalledWith('attendance.revoke', { attendanceIds: ['4'], reason: '核实未参加' })
    expect(r.all('review-item')).toHaveLength(2)
    r.unmount()
  })

  it('puts every claim in one 自主申报 group with its description and photos; a photo tap enlarges, never selects', async () => {
    const claim = (id: string, photos: string[]): AttendanceView => ({
      ...att(id, `C${id}`, ['claim']),
      kind: 'claim',
      activityTitle: `申报${id}`,
      claim: { itemCode: 'V02', itemName: '环境整治', occurredOn: '2025-06-28', description: `清理楼道杂物 ${id}`, photos },
    })
    pending = [att('1', 'A1'), claim('8', ['/files/F1?e=1&s=a', '']), claim('9', [])]
    const r = await render(<Review />)
    await flush()
    await flush()
    const groups = r.all('review-group')
    expect(groups).toHaveLength(2)
    expect(groups[1].textContent).toContain('自主申报（2）')
    expect(r.all('review-claim')).toHaveLength(2)
    expect(r.container.textContent).toContain('清理楼道杂物 8')
    expect(r.container.textContent).toContain('照片暂时无法显示')
    expect(r.container.textContent).toContain('未附照片')
    expect(r.container.textContent).toContain('自主申报（党员自行申报')
    await click(r.q('review-claim-photo'))
    expect(Taro.previewImage).toHaveBeenCalledWith({ current: '/files/F1?e=1&s=a', urls: ['/files/F1?e=1&s=a'] })
    expect(r.all('review-checkbox').some((c) => c.className.includes('is-checked'))).toBe(false)
    r.unmount()
  })
})
