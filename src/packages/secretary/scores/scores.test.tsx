/** @jest-environment jsdom */
import { act } from 'react'
import Taro from '@tarojs/taro'
import type { MeData, ScoreRow } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { currentYear } from '@/utils/format'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import { __reachBottom } from '../../../../test/stubs/taro'
import EstateScores from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }
const row = (memberId: string, name: string, total = 72.5): ScoreRow => ({
  memberId,
  name,
  unitBranchId: 'UB1',
  estateBranchId: 'E1',
  unitScore: 80,
  estateScore: 65,
  weights: { unit: 0.5, estate: 0.5 },
  total,
  complete: true,
  band: '合格',
  rankInEstate: 1,
  rankInUnit: 1,
})

describe('积分一览: 双报告评语 read back', () => {
  let remarks: { memberId: string; remark: string; at: string }[]
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    remarks = [{ memberId: 'D001', remark: '积极参加志愿服务', at: '2025-07-01T10:00:00.000+08:00' }]
    mockCall.mockImplementation(((action: string, body: { memberId?: string; remark?: string; year?: number }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'score.list') return Promise.resolve({ rows: [row('D001', '张建国'), row('D002', '李秀英')] })
      if (action === 'feedback.remarks') return Promise.resolve({ estateBranchId: 'E1', year: body.year, rows: remarks })
      if (action === 'feedback.remark') {
        remarks = [
          ...remarks.filter((r) => r.memberId !== body.memberId),
          { memberId: body.memberId ?? '', remark: body.remark ?? '', at: '2025-07-02T09:00:00.000+08:00' },
        ]
        return Promise.resolve({ memberId: body.memberId, year: body.year, remark: body.remark })
      }
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('shows who has a remark, prefills it when the member is picked, and counts a new one after saving', async () => {
    const r = await render(<EstateScores />)
    await flush()
    await flush()
    expect(mockCall).toHaveBeenCalledWith('feedback.remarks', { estateBranchId: 'E1', year: currentYear() })
    expect(r.q('remark-progress').textContent).toBe('已写 1 / 2 人')
    const picker = r.q('remark-member').parentElement as HTMLElement
    expect([...picker.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['张建国（已写）', '李秀英'])
    await typeInto(picker, '0')
    expect((r.q('remark-text') as HTMLTextAreaElement).value).toBe('积极参加志愿服务')
    expect(r.q('remark-saved-at').textContent).toContain('7月1日')
    await typeInto(picker, '1')
    expect((r.q('remark-text') as HTMLTextAreaElement).value).toBe('')
    await typeInto(r.q('remark-text'), '热心邻里事务')
    await click(r.q('remark-save'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('feedback.remark', { memberId: 'D002', year: currentYear(), remark: '热心邻里事务' })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '评语已保存' }))
    expect(r.q('remark-progress').textContent).toBe('已写 2 / 2 人')
    r.unmount()
  })
})

describe('积分一览 of a large estate: pages of the last 核算', () => {
  const talliedAt = '2025-07-01T02:00:00.000+08:00'
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    mockCall.mockImplementation(((action: string, body: { cursor?: string }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'feedback.remarks') return Promise.resolve({ estateBranchId: 'E1', year: currentYear(), rows: [] })
      if (action === 'score.list') {
        if (!body.cursor)
          return Promise.resolve({ rows: [row('D001', '张建国', 90), row('D002', '李秀英', 80)], next: 'p2', mode: 'stored', talliedAt })
        if (body.cursor === 'p2') return Promise.resolve({ rows: [row('D003', '王芳', 70)], next: 'p3', mode: 'stored', talliedAt })
        return Promise.resolve({ rows: [row('D004', '赵强', 60)], mode: 'stored', talliedAt })
      }
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('says the ranks date from the last 核算, loads more on tap and at the bottom, then says all are loaded', async () => {
    const r = await render(<EstateScores />)
    await flush()
    await flush()
    expect(r.q('tally-note').textContent).toContain('排名截至 最近核算 ')
    expect(r.all('scores-row')).toHaveLength(2)
    expect(r.q('list-more').textContent).toBe('加载更多（已显示 2 人）')
    expect(r.has('list-end')).toBe(false)
    await click(r.q('list-more'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('score.list', { year: currentYear(), scopeId: 'E1', cursor: 'p2' })
    expect(r.all('scores-row')).toHaveLength(3)
    await act(async () => __reachBottom())
    await flush()
    expect(mockCall).toHaveBeenCalledWith('score.list', { year: currentYear(), scopeId: 'E1', cursor: 'p3' })
    expect(r.all('score-table__name').map((e) => e.textContent)).toEqual(expect.arrayContaining(['张建国', '李秀英', '王芳', '赵强']))
    expect(r.all('scores-row')).toHaveLength(4)
    expect(r.has('list-more')).toBe(false)
    expect(r.q('list-end').textContent).toBe('已全部加载（已显示 4 人）')
    // At the end, reaching the bottom asks for nothing more.
    const asked = mockCall.mock.calls.length
    await act(async () => __reachBottom())
    await flush()
    expect(mockCall.mock.calls.length).toBe(asked)
    r.unmount()
  })

  it('a list computed now has no note and no footer', async () => {
    mockCall.mockImplementation(((action: string) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'feedback.remarks') return Promise.resolve({ estateBranchId: 'E1', year: currentYear(), rows: [] })
      if (action === 'score.list') return Promise.resolve({ rows: [row('D001', '张建国')] })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
    const r = await render(<EstateScores />)
    await flush()
    await flush()
    expect(r.all('scores-row')).toHaveLength(1)
    expect([r.has('tally-note'), r.has('list-more'), r.has('list-end')]).toEqual([false, false, false])
    r.unmount()
  })
})
