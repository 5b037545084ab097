/** @jest-environment jsdom */
import type { ScoreRow } from '@/core/api-types'
import { render } from '../../../test/stubs/render'
import ScoreTable from './index'

const row = (memberId: string, total: number | null, rankInEstate: number | null): ScoreRow => ({
  memberId,
  name: memberId,
  unitBranchId: 'UB1',
  estateBranchId: 'E1',
  unitScore: total === null ? null : 80,
  estateScore: 70,
  weights: { unit: 0.5, estate: 0.5 },
  total,
  complete: total !== null,
  band: total === null ? null : '合格',
  rankInEstate,
  rankInUnit: null,
})

describe('ScoreTable', () => {
  it('orders by estate rank and lists incomplete totals last, marked 未完成', async () => {
    const r = await render(<ScoreTable rows={[row('c', null, null), row('b', 75, 2), row('a', 80, 1)]} />)
    expect(r.all('score-table__name').map((e) => e.textContent)).toEqual(['a', 'b', 'c'])
    expect(r.all('scores-incomplete')).toHaveLength(1)
    r.unmount()
  })

  it('ranks by total across estates for wide scopes (ties share a rank)', async () => {
    const r = await render(<ScoreTable rankBy='total' rows={[row('x', 70, 1), row('y', 90, 1), row('z', 90, 1)]} />)
    expect(r.all('score-table__rank').map((e) => e.textContent)).toEqual(['1', '1', '3'])
    expect(r.all('score-table__name').map((e) => e.textContent)).toEqual(['y', 'z', 'x'])
    r.unmount()
  })
})
