/** @jest-environment jsdom */
import * as TaroModule from '@tarojs/taro'
import type { AppealView, MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { appealReasonProblem } from '@/utils/appeal'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import Appeal from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
// The jest stub of @tarojs/taro (test/stubs/taro.ts) lets a test set the page's router params.
const setParams = (TaroModule as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams

const me: MeData = {
  openid: 'demo-member-1',
  member: { id: 'D001', name: '张建国', phone: '13800000001', unitBranchId: 'UB1', estateBranchId: 'E1', status: 'active' },
  roles: [{ role: 'member', scopeId: 'E1' }],
}

describe('appeal reason', () => {
  it('needs at least 5 characters (spaces around do not count) and at most 500', () => {
    expect(appealReasonProblem('')).toBe('请写明申诉理由')
    expect(appealReasonProblem('   太少了  ')).toContain('至少写 5 个字')
    expect(appealReasonProblem('当天参加了')).toBeNull()
    expect(appealReasonProblem('字'.repeat(501))).toContain('最多 500 字')
  })
})

describe('申诉 page', () => {
  let mine: AppealView[]
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    mine = []
    setParams({ year: '2025', target: 'entry', targetId: 'L_1', title: encodeURIComponent('小区环境整治志愿服务') })
    mockCall.mockImplementation(((action: string, body: { reason?: string }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'publicity.get')
        return Promise.resolve({
          publicityId: 'PUB_E1_2025',
          estateBranchId: 'E1',
          year: 2025,
          startOn: '2025-07-01',
          endOn: '2025-07-07',
          workingDays: 5,
          status: 'open',
        })
      if (action === 'appeal.mine') return Promise.resolve(mine)
      if (action === 'appeal.create') {
        const a: AppealView = {
          appealId: 'AP1',
          memberId: 'D001',
          estateBranchId: 'E1',
          year: 2025,
          target: 'entry',
          targetId: 'L_1',
          reason: body.reason ?? '',
          status: 'open',
          createdAt: '2025-07-02T10:00:00+08:00',
        }
        mine = [a]
        return Promise.resolve(a)
      }
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })
  afterEach(() => setParams({}))

  it('refuses a reason under 5 characters on the spot, then sends a good one and lists it as 待答复', async () => {
    const r = await render(<Appeal />)
    await flush()
    await flush()
    expect(r.q('appeal-target').textContent).toContain('积分流水「小区环境整治志愿服务」')

    await typeInto(r.q('appeal-reason'), '不对')
    await click(r.q('appeal-submit'))
    expect(r.q('appeal-problem').textContent).toContain('至少写 5 个字')
    expect(mockCall).not.toHaveBeenCalledWith('appeal.create', expect.anything())

    await typeInto(r.q('appeal-reason'), '我当天还参加了清扫，应加分')
    expect(r.has('appeal-problem')).toBe(false)
    await click(r.q('appeal-submit'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('appeal.create', { year: 2025, target: 'entry', targetId: 'L_1', reason: '我当天还参加了清扫，应加分' })
    expect(r.has('appeal-form')).toBe(false)
    expect(r.all('appeal-item')).toHaveLength(1)
    expect(r.q('appeal-status').textContent).toBe('待答复')
    r.unmount()
  })

  it('shows the secretary’s answer on an answered appeal', async () => {
    setParams({ year: '2025' })
    mine = [
      {
        appealId: 'AP1',
        memberId: 'D001',
        estateBranchId: 'E1',
        year: 2025,
        target: 'total',
        reason: '单位积分尚未录入',
        status: 'accepted',
        createdAt: '2025-07-02T10:00:00+08:00',
        answer: '经核实，加 2 分',
        resolvedAt: '2025-07-03T09:00:00+08:00',
        adjustmentId: 'ADJ_AP1',
      },
    ]
    const r = await render(<Appeal />)
    await flush()
    await flush()
    expect(r.has('appeal-form')).toBe(false)
    expect(r.q('appeal-status').textContent).toBe('已采纳')
    expect(r.q('appeal-answer').textContent).toContain('经核实，加 2 分')
    r.unmount()
  })
})
