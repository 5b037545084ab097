/** @jest-environment jsdom */
import type { MeData, SettingsView } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import Settings from './index'
import { validateBands, validateWeights } from './validate'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

describe('weights validation', () => {
  it('accepts weights that sum to exactly 1, compared in basis points (no float drift)', () => {
    expect(validateWeights('0.5', '0.5')).toEqual({ weights: { unit: 0.5, estate: 0.5 } })
    expect(validateWeights('0.7', '0.3')).toEqual({ weights: { unit: 0.7, estate: 0.3 } })
    expect(validateWeights('0.3333', '0.6667')).toEqual({ weights: { unit: 0.3333, estate: 0.6667 } })
    expect(validateWeights('1', '0')).toEqual({ weights: { unit: 1, estate: 0 } })
    expect(validateWeights(' .6 ', '0.4')).toEqual({ weights: { unit: 0.6, estate: 0.4 } })
  })
  it('refuses a sum other than 1 and says what the sum is', () => {
    expect(validateWeights('0.6', '0.5')).toEqual({ error: '单位权重与小区权重之和必须为 1（现为 1.1）' })
    expect(validateWeights('0.3333', '0.6666')).toEqual({ error: '单位权重与小区权重之和必须为 1（现为 0.9999）' })
  })
  it('refuses anything that is not a fraction 0–1 with at most 4 decimals', () => {
    for (const bad of ['', 'abc', '50%', '1.5', '-0.5', '0.33333', '2']) {
      expect(validateWeights(bad, '0.5')).toEqual({ error: expect.stringContaining('单位权重应为 0 到 1') })
    }
    expect(validateWeights('0.5', '五成')).toEqual({ error: expect.stringContaining('小区权重') })
  })
})

describe('bands validation', () => {
  it('sorts bands from the top and needs the lowest to start at 0', () => {
    expect(
      validateBands([
        { name: '合格', min: '70' },
        { name: '优秀', min: '90' },
        { name: '不合格', min: '0' },
      ]),
    ).toEqual({
      bands: [
        { name: '优秀', min: 90 },
        { name: '合格', min: 70 },
        { name: '不合格', min: 0 },
      ],
    })
    expect(
      validateBands([
        { name: '好', min: '80' },
        { name: '一般', min: '60' },
      ]),
    ).toEqual({ error: expect.stringContaining('最低一档') })
    expect(
      validateBands([
        { name: '好', min: '80' },
        { name: '好', min: '0' },
      ]),
    ).toEqual({ error: '等次名称不能重复' })
    expect(
      validateBands([
        { name: '好', min: '0' },
        { name: '差', min: '0.00' },
      ]),
    ).toEqual({ error: '等次分数线不能重复' })
    expect(validateBands([{ name: '好', min: '101' }])).toEqual({ error: expect.stringContaining('0–100') })
  })
})

describe('设置 page', () => {
  const me: MeData = { openid: 'demo-admin', roles: [{ role: 'county_admin', scopeId: 'county', scopeName: '示范县' }] }
  const settings = (year: number): SettingsView => ({
    year,
    weights: { unit: 0.5, estate: 0.5 },
    bands: [
      { name: '优秀', min: 90 },
      { name: '合格', min: 70 },
      { name: '基本合格', min: 60 },
      { name: '不合格', min: 0 },
    ],
    holidays: [],
    extraWorkdays: [],
    honourList: false,
    locked: false,
  })
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    mockCall.mockImplementation(((action: string, body: { year: number; weights?: SettingsView['weights'] }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'settings.get') return Promise.resolve(settings(body.year))
      if (action === 'settings.set') return Promise.resolve({ ...settings(body.year), weights: body.weights })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('shows a bad weight sum at once, keeps 保存 disabled, and sends nothing until the weights add up to 1', async () => {
    const r = await render(<Settings />)
    await flush()
    await flush()
    expect((r.q('settings-weight-unit') as HTMLInputElement).value).toBe('0.5')
    await typeInto(r.q('settings-weight-unit'), '0.6')
    expect(r.q('settings-weights-error').textContent).toBe('单位权重与小区权重之和必须为 1（现为 1.1）')
    expect(r.q('settings-save').hasAttribute('disabled')).toBe(true)
    await click(r.q('settings-save'))
    expect(mockCall).not.toHaveBeenCalledWith('settings.set', expect.anything())

    await typeInto(r.q('settings-weight-estate'), '0.4')
    expect(r.has('settings-weights-error')).toBe(false)
    await click(r.q('settings-save'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith('settings.set', expect.objectContaining({ weights: { unit: 0.6, estate: 0.4 }, honourList: false }))
    r.unmount()
  })

  it('says when the calendar is the national schedule prefilled, and saves the prefilled lists as they are shown', async () => {
    const prefilled = { holidays: ['2026-10-01', '2026-10-02'], extraWorkdays: ['2026-10-10'], calendarPrefilled: true }
    let saved: object | null = null
    mockCall.mockImplementation(((action: string, body: { year: number }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'settings.get') return Promise.resolve(saved ?? { ...settings(body.year), ...prefilled })
      if (action === 'settings.set') return Promise.resolve((saved = { ...settings(body.year), ...body }))
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
    const r = await render(<Settings />)
    await flush()
    await flush()
    expect(r.q('settings-prefilled').textContent).toContain('国务院办公厅')
    await click(r.q('settings-save'))
    await flush()
    expect(mockCall).toHaveBeenCalledWith(
      'settings.set',
      expect.objectContaining({ holidays: prefilled.holidays, extraWorkdays: prefilled.extraWorkdays }),
    )
    expect(r.has('settings-prefilled')).toBe(false)
    r.unmount()
  })
})
