/** @jest-environment jsdom */
import type { MeData } from '@/core/api-types'
import type { RuleTemplateView } from '@/core/template'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { currentYear } from '@/utils/format'
import { click, flush, render } from '../../../../test/stubs/render'
import { __resetTaro } from '../../../../test/stubs/taro'
import Ruleset from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const secretary: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }

/** A template the county saved: two items, not the built-in six. */
const COUNTY_SAVED: RuleTemplateView = {
  year: currentYear(),
  source: 'county',
  templateYear: currentYear(),
  savedAt: '2025-03-01T09:30:00+08:00',
  savedBy: '县委组织部',
  baseScore: 55,
  fullScore: 100,
  minPresenceRatio: 0.75,
  categoryCaps: { 志愿服务: 25 },
  items: [
    { code: 'G01', name: '垃圾分类督导', category: '志愿服务', points: 1.5, perHour: true, capPerYear: 6, requiresApproval: true },
    { code: 'N02', name: '拒不参加集中活动', category: '负面清单', points: -3, requiresApproval: true },
  ],
}
const DEFAULT: RuleTemplateView = { ...COUNTY_SAVED, source: 'default', templateYear: undefined, savedAt: undefined, savedBy: undefined }

let template: RuleTemplateView
function serve(me: MeData) {
  mockCall.mockImplementation(((action: string) => {
    if (action === 'me.get') return Promise.resolve(me)
    if (action === 'ruleset.get') return Promise.resolve({ current: null, versions: [] })
    if (action === 'ruleset.template') return Promise.resolve(template)
    if (action === 'ruleset.save') return Promise.resolve({ rulesetId: 'RS_E1_v1', version: 1 })
    if (action === 'ruleset.saveTemplate') return Promise.resolve(template)
    return Promise.reject(new Error(`unexpected ${action}`))
  }) as never)
}
const calls = (action: string) => mockCall.mock.calls.filter(([a]) => a === action).map(([, b]) => b)

async function open() {
  const r = await render(<Ruleset />)
  await flush()
  await flush()
  return r
}

beforeEach(() => {
  __resetTaro()
  resetMe()
  mockCall.mockReset()
  template = COUNTY_SAVED
  serve(secretary)
})

describe('积分明细 page', () => {
  it('从空白开始 opens the editor with one empty item and the default terms', async () => {
    const r = await open()
    await click(r.q('ruleset-new-blank'))
    expect(r.all('ruleset-item')).toHaveLength(1)
    expect((r.q('ruleset-item-code') as HTMLInputElement).value).toBe('')
    expect((r.q('ruleset-base') as HTMLInputElement).value).toBe('60')
    expect((r.q('ruleset-full') as HTMLInputElement).value).toBe('100')
    expect(r.q('ruleset-editor').textContent).toContain('基于空白模板')
    r.unmount()
  })

  it('drafts from the county template the server serves, and saves that as the estate’s draft', async () => {
    const r = await open()
    expect(calls('ruleset.template')).toEqual([{ year: currentYear() }])
    expect(r.q('ruleset-template-source').textContent).toBe('县级模板（县委组织部 2025-03-01 更新）')
    await click(r.q('ruleset-new-from-template'))
    expect(r.q('ruleset-editor').textContent).toContain('基于县级模板（县委组织部 2025-03-01 更新）')
    expect(r.all('ruleset-item-code').map((i) => (i as HTMLInputElement).value)).toEqual(['G01', 'N02'])
    expect((r.q('ruleset-base') as HTMLInputElement).value).toBe('55')
    expect((r.q('ruleset-presence') as HTMLInputElement).value).toBe('75')
    await click(r.q('ruleset-save'))
    expect(calls('ruleset.save')).toEqual([
      {
        estateBranchId: 'E1',
        year: currentYear(),
        baseScore: 55,
        fullScore: 100,
        minPresenceRatio: 0.75,
        categoryCaps: { 志愿服务: 25 },
        items: [
          { code: 'G01', name: '垃圾分类督导', category: '志愿服务', points: 1.5, perHour: true, capPerYear: 6, requiresApproval: true },
          { code: 'N02', name: '拒不参加集中活动', category: '负面清单', points: -3, requiresApproval: true },
        ],
      },
    ])
    expect(calls('ruleset.saveTemplate')).toEqual([])
    r.unmount()
  })

  it('labels the built-in template as the system default', async () => {
    template = DEFAULT
    const r = await open()
    expect(r.q('ruleset-template-source').textContent).toBe('县级模板（系统默认）')
    await click(r.q('ruleset-new-from-template'))
    expect(r.q('ruleset-editor').textContent).toContain('基于县级模板（系统默认）')
    r.unmount()
  })
})
