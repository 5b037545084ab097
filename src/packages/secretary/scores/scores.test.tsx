/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { MeData, ScoreRow } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { currentYear } from '@/utils/format'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import EstateScores from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }
const row = (memberId: string, name: string): ScoreRow => ({
  memberId,
  name,
  unitBranchId: 'UB1',
  estateBranchId: 'E1',
  unitScore: 80,
  estateScore: 65,
  weights: { unit: 0.5, estate: 0.5 },
  total: 72.5,
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
