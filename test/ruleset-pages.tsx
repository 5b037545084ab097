// What the server answers the two 积分明细 pages (the estate's, and the county's template), shared by their tests.
import type { ReactElement } from 'react'
import type { MeData } from '@/core/api-types'
import type { RuleTemplateView } from '@/core/template'
import type { callAction } from '@/services/api'
import { currentYear } from '@/utils/format'
import { flush, render } from './stubs/render'

export const secretary: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }

/** The county's own items: two, not the built-in six. */
export const COUNTY_ITEMS: RuleTemplateView['items'] = [
  { code: 'G01', name: '垃圾分类督导', category: '志愿服务', points: 1.5, perHour: true, capPerYear: 6, requiresApproval: true },
  { code: 'N02', name: '拒不参加集中活动', category: '负面清单', points: -3, requiresApproval: true },
]

/** A template the county saved. */
export const COUNTY_SAVED: RuleTemplateView = {
  year: currentYear(),
  source: 'county',
  templateYear: currentYear(),
  savedAt: '2025-03-01T09:30:00+08:00',
  savedBy: '县委组织部',
  baseScore: 55,
  fullScore: 100,
  minPresenceRatio: 0.75,
  categoryCaps: { 志愿服务: 25 },
  items: COUNTY_ITEMS,
}

type MockCall = jest.MockedFunction<typeof callAction>

/** Answers, as `me`, what either page calls: no version of the estate's own yet, and `template` as the county template. */
export function serveRulesets(mockCall: MockCall, me: MeData, template: RuleTemplateView = COUNTY_SAVED): void {
  mockCall.mockImplementation(((action: string) => {
    if (action === 'me.get') return Promise.resolve(me)
    if (action === 'ruleset.get') return Promise.resolve({ current: null, versions: [] })
    if (action === 'ruleset.template') return Promise.resolve(template)
    if (action === 'ruleset.save') return Promise.resolve({ rulesetId: 'RS_E1_v1', version: 1 })
    if (action === 'ruleset.saveTemplate') return Promise.resolve(template)
    return Promise.reject(new Error(`unexpected ${action}`))
  }) as never)
}

/** The bodies sent with `action`, in order. */
export const callsOf = (mockCall: MockCall, action: string) => mockCall.mock.calls.filter(([a]) => a === action).map(([, b]) => b)

/** Renders a page and lets its identity and then its data load. */
export async function open(page: ReactElement) {
  const r = await render(page)
  await flush()
  await flush()
  return r
}
