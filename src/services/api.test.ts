import type { RuleSetView } from '@/core/api-types'
import { adoptedRuleset, callAction, rowsOf } from './api'
import { ActionError } from './errors'
import { send } from './transport'

jest.mock('./transport', () => ({ send: jest.fn() }))
const mockSend = send as jest.MockedFunction<typeof send>

describe('callAction', () => {
  beforeEach(() => mockSend.mockReset())

  it('resolves with the data of an ok envelope', async () => {
    mockSend.mockResolvedValue({ ok: true, data: { year: 2025, total: 88.63 } })
    await expect(callAction('score.mine', { year: 2025 })).resolves.toEqual({ year: 2025, total: 88.63 })
    expect(mockSend).toHaveBeenCalledWith('score.mine', { year: 2025 })
  })

  it('rejects with an ActionError carrying the server code and Chinese message', async () => {
    mockSend.mockResolvedValue({ ok: false, error: { code: 'CODE_EXPIRED', message: '签到码已过期，请扫描最新的二维码' } })
    const err = await callAction('activity.checkin', { code: 'x' }).catch((e) => e)
    expect(err).toBeInstanceOf(ActionError)
    expect(err.code).toBe('CODE_EXPIRED')
    expect(err.message).toBe('签到码已过期，请扫描最新的二维码')
  })

  it('turns a transport failure into a NETWORK error', async () => {
    mockSend.mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(callAction('me.get', {})).rejects.toMatchObject({ code: 'NETWORK' })
  })
})

describe('result shapes', () => {
  it('reads lists given as an array or as { rows }', () => {
    expect(rowsOf([1, 2])).toEqual([1, 2])
    expect(rowsOf({ rows: [3] })).toEqual([3])
    expect(rowsOf(undefined)).toEqual([])
  })

  it('finds the adopted rule set in the shapes ruleset.get may answer', () => {
    const v = (version: number, status: 'draft' | 'adopted'): RuleSetView => ({
      id: `r${version}`,
      estateBranchId: 'E1',
      year: 2025,
      version,
      status,
      baseScore: 60,
      fullScore: 100,
      items: [],
      minPresenceRatio: 0.6,
    })
    expect(adoptedRuleset({ current: v(2, 'adopted'), versions: [v(2, 'adopted'), v(3, 'draft')] })?.version).toBe(2)
    expect(adoptedRuleset({ current: null, versions: [v(3, 'draft')] })).toBeNull()
    expect(adoptedRuleset({ adopted: v(2, 'adopted'), draft: v(3, 'draft') })?.version).toBe(2)
    expect(adoptedRuleset([v(1, 'adopted'), v(2, 'adopted'), v(3, 'draft')])?.version).toBe(2)
    expect(adoptedRuleset(v(4, 'adopted'))?.version).toBe(4)
    expect(adoptedRuleset(v(4, 'draft'))).toBeNull()
    expect(adoptedRuleset(null)).toBeNull()
  })
})
