/** @jest-environment jsdom */
import type { MeData, ScoreMine } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { currentYear } from '@/utils/format'
import { flush, render } from '../../../test/stubs/render'
import Points from './index'
import { monthlyBars } from './PointsView'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const me: MeData = {
  openid: 'demo-member-1',
  member: {
    id: 'M1',
    name: '张三',
    phone: '13800001111',
    unitBranchId: 'UB1',
    estateBranchId: 'E1',
    status: 'active',
    estateBranchName: '幸福里小区党支部',
  },
  roles: [{ role: 'member', scopeId: 'E1' }],
}

const score: ScoreMine = {
  year: 2025,
  unitScore: null,
  estateScore: 72.5,
  weights: { unit: 0.5, estate: 0.5 },
  total: null,
  complete: false,
  band: null,
  unitSource: null,
  estateSource: { estateBranchId: 'E1', estateBranchName: '幸福里小区党支部', rulesetVersion: 1, baseScore: 60, fullScore: 100 },
  entries: [
    {
      id: 'l1',
      kind: 'activity',
      itemCode: 'V1',
      itemName: '志愿服务',
      category: '服务',
      points: 2,
      status: 'approved',
      at: '2025-03-02T09:00:00.000+08:00',
      title: '植树',
    },
    {
      id: 'l2',
      kind: 'activity',
      itemCode: 'V1',
      itemName: '志愿服务',
      category: '服务',
      points: 2,
      status: 'pending',
      at: '2025-05-02T09:00:00.000+08:00',
      title: '清洁',
    },
  ],
  byCategory: { 服务: 12.5 },
  byMonth: { '2025-03': 2, '2025-05': 10.5 },
}

function answer(data: Record<string, unknown>) {
  mockCall.mockImplementation(((action: string) =>
    action in data ? Promise.resolve(data[action]) : Promise.reject(new Error(`unexpected ${action}`))) as never)
}

describe('我的积分 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
  })

  it('shows an incomplete total, both halves, the trend, the breakdown and the entries', async () => {
    answer({ 'me.get': me, 'score.mine': score })
    const r = await render(<Points />)
    await flush()
    await flush()
    expect(r.q('points-incomplete').textContent).toContain('未完成 — 单位积分尚未录入')
    expect(r.has('points-total')).toBe(false)
    expect(r.q('points-estate-half').textContent).toContain('72.50')
    expect(r.all('points-entry')).toHaveLength(2)
    expect(r.all('points-entry')[1].textContent).toContain('待审核')
    expect(r.all('bar-chart__bar')).toHaveLength(12)
    expect(r.q('points-categories').textContent).toContain('服务')
    expect(mockCall).toHaveBeenCalledWith('score.mine', { year: expect.any(Number) })
    r.unmount()
  })

  it('during 公示 shows the dates and offers 申诉 on approved entries and on the total', async () => {
    answer({
      'me.get': me,
      'score.mine': score,
      'publicity.get': {
        publicityId: 'PUB_E1',
        estateBranchId: 'E1',
        year: currentYear(),
        startOn: '2025-07-01',
        endOn: '2025-07-07',
        workingDays: 5,
        status: 'open',
      },
    })
    const r = await render(<Points />)
    await flush()
    await flush()
    expect(mockCall).toHaveBeenCalledWith('publicity.get', { estateBranchId: 'E1', year: expect.any(Number) })
    expect(r.q('points-publicity').textContent).toContain('公示中：7 月 1 日至 7 月 7 日，可对积分提出申诉')
    expect(r.has('points-appeal-total')).toBe(true)
    // The approved entry can be appealed; the pending one cannot (yet).
    expect(r.all('points-entry-appeal')).toHaveLength(1)
    r.unmount()
  })

  it('asks a signed-in user without 双报到 to register instead of loading scores', async () => {
    answer({ 'me.get': { openid: 'new-user', roles: [] } })
    const r = await render(<Points />)
    await flush()
    expect(r.has('home-register-prompt')).toBe(true)
    expect(mockCall).not.toHaveBeenCalledWith('score.mine', expect.anything())
    r.unmount()
  })

  it('adds months up from YYYY-MM keys', () => {
    const bars = monthlyBars({ '2025-03': 2, '2025-05': 10.5 })
    expect(bars[2]).toEqual({ label: '3', value: 2 })
    expect(bars[4].value).toBe(10.5)
    expect(bars).toHaveLength(12)
  })
})
