/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { MeData, MoveView } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import MoveRequests from '../../secretary/members/MoveRequests'
import Move from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const member: MeData = {
  openid: 'demo-member-1',
  member: {
    id: 'D001',
    name: '张建国',
    phone: '13800000001',
    unitBranchId: 'UB1',
    estateBranchId: 'E1',
    status: 'active',
    estateBranchName: '幸福里小区党支部',
    unitBranchName: '县财政局机关党支部',
  },
  roles: [{ role: 'member', scopeId: 'E1' }],
}
const orgs = [
  { id: 'E1', kind: 'estate', name: '幸福里小区党支部' },
  { id: 'E2', kind: 'estate', name: '锦绣花园党支部' },
  { id: 'UB1', kind: 'unitBranch', name: '县财政局机关党支部' },
  { id: 'UB2', kind: 'unitBranch', name: '县卫健委机关党支部' },
]
const request = (status: MoveView['status'], answer?: string): MoveView => ({
  requestId: 'MV1',
  memberId: 'D001',
  memberName: '张建国',
  from: { estateBranchId: 'E1', estateBranchName: '幸福里小区党支部', unitBranchId: 'UB1', unitBranchName: '县财政局机关党支部' },
  to: { estateBranchId: 'E2', estateBranchName: '锦绣花园党支部', unitBranchId: 'UB1', unitBranchName: '县财政局机关党支部' },
  reason: '搬家到锦绣花园',
  status,
  createdAt: '2025-07-01T10:00:00.000+08:00',
  ...(answer ? { answer } : {}),
})

describe('变更报到 (member)', () => {
  let mine: MoveView | null
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    ;(Taro.showToast as jest.Mock).mockClear()
    mine = null
    mockCall.mockImplementation(((action: string, body: { estateBranchId?: string; reason?: string }) => {
      if (action === 'me.get') return Promise.resolve(member)
      if (action === 'org.list') return Promise.resolve(orgs)
      if (action === 'member.myMove') return Promise.resolve(mine)
      if (action === 'member.requestMove') return Promise.resolve((mine = { ...request('pending'), reason: body.reason ?? '' }))
      if (action === 'member.withdrawMove') return Promise.resolve((mine = request('withdrawn')))
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('asks only for what changes, then shows the pending request and lets it be withdrawn', async () => {
    const r = await render(<Move />)
    await flush()
    await flush()
    await typeInto(r.q('move-reason'), '搬家到锦绣花园')
    await click(r.q('move-submit'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请选择新的小区或单位支部' }))
    expect(mockCall).not.toHaveBeenCalledWith('member.requestMove', expect.anything())
    await typeInto(r.q('move-estate').parentElement as HTMLElement, '1')
    await click(r.q('move-submit'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('member.requestMove', { estateBranchId: 'E2', reason: '搬家到锦绣花园' })
    expect(r.q('move-status').textContent).toBe('待审核')
    expect(r.has('move-form')).toBe(false)
    await click(r.q('move-withdraw'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('member.withdrawMove', {})
    expect(r.q('move-status').textContent).toBe('已撤回')
    expect(r.has('move-form')).toBe(true)
    r.unmount()
  })

  it('shows the secretary’s answer to a refused request', async () => {
    mine = request('rejected', '请先在单位完成组织关系转接')
    const r = await render(<Move />)
    await flush()
    await flush()
    expect(r.q('move-answer').textContent).toBe('书记答复：请先在单位完成组织关系转接')
    r.unmount()
  })
})

describe('变更报到申请 (secretary)', () => {
  let pending: MoveView[]
  beforeEach(() => {
    mockCall.mockReset()
    pending = [request('pending')]
    mockCall.mockImplementation(((action: string, body: { requestId?: string }) => {
      if (action === 'member.moveList') return Promise.resolve(pending)
      if (action === 'member.resolveMove') {
        pending = pending.filter((p) => p.requestId !== body.requestId)
        return Promise.resolve(request('approved'))
      }
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('shows where the member comes from and goes to; a refusal takes a reason; approving refreshes the roster', async () => {
    const onMoved = jest.fn()
    const r = await render(<MoveRequests estateBranchId='E2' onMoved={onMoved} />)
    await flush()
    const card = r.q('members-move')
    expect(card.textContent).toContain('原：幸福里小区党支部 · 县财政局机关党支部')
    expect(card.textContent).toContain('新：锦绣花园党支部 · 县财政局机关党支部')
    await click(r.q('members-move-reject'))
    expect(r.has('members-move-dialog')).toBe(true)
    await click(r.q('reason-dialog-cancel'))
    await click(r.q('members-move-approve'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('member.resolveMove', { requestId: 'MV1', decision: 'approve' })
    expect(onMoved).toHaveBeenCalled()
    expect(r.has('members-moves-empty')).toBe(true)
    r.unmount()
  })
})
