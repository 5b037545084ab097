/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { MeData, MemberView, SettingsView } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { ActionError } from '@/services/errors'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import Workbench from '../../secretary/index/index'
import Adjustment from './index'
import { searchMembers } from './search'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const showModal = Taro.showModal as unknown as jest.Mock
const showToast = Taro.showToast as unknown as jest.Mock

const county: MeData = { openid: 'demo-admin', roles: [{ role: 'county_admin', scopeId: 'county', scopeName: '示范县' }] }
const member = (id: string, name: string, estate: string): MemberView => ({
  id,
  name,
  phone: `138****${id.slice(1).padStart(4, '0')}`,
  unitBranchId: 'UB1',
  estateBranchId: estate,
  status: 'active',
})
const MEMBERS = [member('D001', '张建国', 'E1'), member('D002', '李秀英', 'E1'), member('D021', '张志强', 'E3')]
const settings = (year: number): SettingsView => ({
  year,
  weights: { unit: 0.5, estate: 0.5 },
  bands: [],
  holidays: [],
  extraWorkdays: [],
  honourList: false,
  locked: year === 2024,
})

let recordAnswer: () => Promise<unknown>
function serve(me: MeData = county) {
  mockCall.mockImplementation(((action: string, body: { year?: number; points?: number }) => {
    if (action === 'me.get') return Promise.resolve(me)
    if (action === 'member.list') return Promise.resolve(MEMBERS)
    if (action === 'org.list')
      return Promise.resolve([
        { id: 'E1', kind: 'estate', name: '幸福里小区党支部' },
        { id: 'E3', kind: 'estate', name: '书香苑党支部' },
      ])
    if (action === 'settings.get') return Promise.resolve(settings(body.year ?? 0))
    if (action === 'adjustment.record') return recordAnswer()
    return Promise.reject(new Error(`unexpected ${action}`))
  }) as never)
}
const calls = (action: string) => mockCall.mock.calls.filter(([a]) => a === action).map(([, b]) => b)

async function open() {
  const r = await render(<Adjustment />)
  await flush()
  await flush()
  return r
}
async function fill(r: Awaited<ReturnType<typeof render>>, o: { search: string; year: string; points: string; reason: string }) {
  await typeInto(r.q('adjustment-search'), o.search)
  await click(r.q('adjustment-match'))
  await typeInto(r.q('adjustment-year'), o.year)
  await flush()
  await typeInto(r.q('adjustment-points'), o.points)
  await typeInto(r.q('adjustment-reason'), o.reason)
}

describe('member search', () => {
  it('finds by name, by the visible digits of the masked phone, or by 党员编号', () => {
    expect(searchMembers(MEMBERS, '张').map((m) => m.id)).toEqual(['D001', 'D021'])
    expect(searchMembers(MEMBERS, '0002').map((m) => m.id)).toEqual(['D002'])
    expect(searchMembers(MEMBERS, 'd021').map((m) => m.id)).toEqual(['D021'])
    expect(searchMembers(MEMBERS, '  ')).toEqual([])
    expect(searchMembers(MEMBERS, '王')).toEqual([])
  })
})

describe('审计调整 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    showModal.mockClear()
    showToast.mockClear()
    recordAnswer = () => Promise.resolve({ entryId: 'ADJ_abc123', points: 2.5 })
    serve()
  })

  it('is on the county admin’s workbench only', async () => {
    const r = await render(<Workbench />)
    await flush()
    expect(r.q('workbench-adjustment').textContent).toContain('审计调整')
    r.unmount()
    resetMe()
    serve({ openid: 'demo-street-s1', roles: [{ role: 'street_admin', scopeId: 'S1', scopeName: '城关街道' }] })
    const s = await render(<Workbench />)
    await flush()
    expect(s.has('workbench-tally')).toBe(true)
    expect(s.has('workbench-adjustment')).toBe(false)
    s.unmount()
  })

  it('searches the county’s members, confirms, sends the exact body for a finalised year and shows the audited result', async () => {
    const r = await open()
    expect(calls('member.list')).toEqual([{ scopeId: 'county', status: 'active' }])
    await typeInto(r.q('adjustment-search'), '张')
    expect(r.all('adjustment-match').map((m) => m.textContent)).toEqual([
      '张建国D001 · 138****0001 · 幸福里小区党支部',
      '张志强D021 · 138****0021 · 书香苑党支部',
    ])
    await fill(r, { search: '0001', year: '2024', points: '+2.5', reason: '  复核申诉：漏记一次志愿服务  ' })
    expect(r.q('adjustment-picked').textContent).toContain('张建国')
    expect(r.q('adjustment-locked').textContent).toContain('2024 年度已定稿')

    await click(r.q('adjustment-submit'))
    await flush()
    expect(showModal).toHaveBeenCalledTimes(1)
    expect(showModal.mock.calls[0][0].content).toContain('张建国（D001）2024 年度积分调整 +2.50 分')
    expect(showModal.mock.calls[0][0].content).toContain('理由：复核申诉：漏记一次志愿服务')
    expect(calls('adjustment.record')).toEqual([{ memberId: 'D001', year: 2024, points: 2.5, reason: '复核申诉：漏记一次志愿服务' }])

    expect(r.q('adjustment-done-points').textContent).toBe('+2.50')
    expect(r.q('adjustment-done-who').textContent).toBe('张建国（D001）· 2024 年度')
    expect(r.q('adjustment-done-audit').textContent).toContain('ADJ_abc123')
    expect(r.q('adjustment-done-audit').textContent).toContain('审计日志')
    expect(r.q('adjustment-done-locked').textContent).toContain('2024 年度已定稿')
    await click(r.q('adjustment-again'))
    expect(r.has('adjustment-search')).toBe(true)
    r.unmount()
  })

  it('sends a negative adjustment as a negative number and shows the server’s refusal in the form', async () => {
    recordAnswer = () => Promise.reject(new ActionError('NOT_FOUND', '党员不存在或尚未报到：D002'))
    const r = await open()
    await fill(r, { search: '李', year: '2025', points: '-1', reason: '重复记分，予以更正' })
    expect(r.has('adjustment-locked')).toBe(false)
    expect(r.q('adjustment-open').textContent).toBe('2025 年度尚未定稿。')
    await click(r.q('adjustment-submit'))
    await flush()
    expect(calls('adjustment.record')).toEqual([{ memberId: 'D002', year: 2025, points: -1, reason: '重复记分，予以更正' }])
    expect(r.q('adjustment-error-message').textContent).toBe('党员不存在或尚未报到：D002')
    expect(r.has('adjustment-done')).toBe(false)
    // What was typed stays for a retry.
    expect((r.q('adjustment-points') as HTMLInputElement).value).toBe('-1')

    recordAnswer = () => Promise.resolve({ entryId: 'ADJ_x', points: -1 })
    await click(r.q('adjustment-submit'))
    await flush()
    expect(r.q('adjustment-done-points').textContent).toBe('-1.00')
    r.unmount()
  })

  it('sends nothing without a member, with a zero or malformed score, a short reason, or when the dialog is cancelled', async () => {
    const r = await open()
    await click(r.q('adjustment-submit'))
    expect(showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请先查找并选择党员' }))
    await fill(r, { search: '张建国', year: '2025', points: '0', reason: '理由写清楚了' })
    await click(r.q('adjustment-submit'))
    expect(showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: expect.stringContaining('非零') }))
    await typeInto(r.q('adjustment-points'), '1.234')
    await click(r.q('adjustment-submit'))
    expect(showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: expect.stringContaining('两位小数') }))
    await typeInto(r.q('adjustment-points'), '3')
    await typeInto(r.q('adjustment-reason'), '太短')
    await click(r.q('adjustment-submit'))
    expect(showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请写明调整理由（至少 5 个字）' }))
    await typeInto(r.q('adjustment-reason'), '理由写清楚了')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await click(r.q('adjustment-submit'))
    await flush()
    expect(showModal).toHaveBeenCalledTimes(1)
    expect(calls('adjustment.record')).toEqual([])
    r.unmount()
  })
})
