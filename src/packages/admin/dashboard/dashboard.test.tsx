/** @jest-environment jsdom */
import type { DashboardData, MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { currentYear } from '@/utils/format'
import { flush, render } from '../../../../test/stubs/render'
import Workbench from '../../secretary/index/index'
import Dashboard from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }
const data = (year: number): DashboardData => ({
  scopeId: 'E1',
  scopeName: '幸福里小区党支部',
  year,
  directoryMembers: 10,
  registered: 9,
  registrationRate: 90,
  participants: 4,
  participationRate: 44.44,
  averageTotal: 76.1,
  distribution: { 优秀: 1, 合格: 6, 基本合格: 1, 不合格: 0 },
  incomplete: 1,
  estates: [{ estateBranchId: 'E1', name: '幸福里小区党支部', directory: 10, registered: 9, participants: 4, participationRate: 44.44 }],
  pendingReviews: 3,
  openAppeals: 0,
})

describe('看板 for an estate secretary', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    mockCall.mockImplementation(((action: string, body: { year?: number }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'org.list')
        return Promise.resolve([
          { id: 'county', kind: 'county', name: '示范县', parentId: null },
          { id: 'E1', kind: 'estate', name: '幸福里小区党支部', parentId: 'CM1' },
        ])
      if (action === 'dashboard.get') return Promise.resolve(data(body.year ?? 0))
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('is on the estate secretary’s workbench', async () => {
    const r = await render(<Workbench />)
    await flush()
    expect(r.has('workbench-estate-dashboard')).toBe(true)
    r.unmount()
  })

  it('shows the estate’s own figures, scoped to the estate', async () => {
    const r = await render(<Dashboard />)
    await flush()
    await flush()
    expect(mockCall).toHaveBeenCalledWith('dashboard.get', { scopeId: 'E1', year: currentYear() })
    expect(r.q('dashboard-registration').textContent).toContain('90%')
    expect(r.q('dashboard-scope-name').textContent).toBe('幸福里小区党支部')
    // The 双报告 table is exported by admins; the estate secretary writes the remarks instead.
    expect(r.has('export-totals')).toBe(true)
    expect(r.has('export-feedback')).toBe(false)
    r.unmount()
  })
})

describe('看板 for a community admin', () => {
  const admin: MeData = { openid: 'demo-community-cm1', roles: [{ role: 'community_admin', scopeId: 'CM1', scopeName: '东风社区党总支' }] }
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    mockCall.mockImplementation(((action: string, body: { year?: number }) => {
      if (action === 'me.get') return Promise.resolve(admin)
      if (action === 'org.list')
        return Promise.resolve([
          { id: 'county', kind: 'county', name: '示范县', parentId: null },
          { id: 'CM1', kind: 'community', name: '东风社区党总支', parentId: 'S1' },
        ])
      if (action === 'dashboard.get') return Promise.resolve({ ...data(body.year ?? 0), scopeId: 'CM1', scopeName: '东风社区党总支' })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('offers the 双报告 table export next to the other tables', async () => {
    const r = await render(<Dashboard />)
    await flush()
    await flush()
    expect(r.all('export-buttons__btn').map((b) => b.textContent)).toEqual(['年度总分', '积分流水', '名册', '双报告反馈表'])
    r.unmount()
  })
})
