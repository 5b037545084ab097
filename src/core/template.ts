// The county's 积分明细 template: what an estate starts a new rule set from. The county organisation department
// maintains it (`ruleset.saveTemplate`, one per year); until it saves one, DEFAULT_TEMPLATE below is served.
// Stored units throughout (hundredths for points, basis points for the presence ratio); `templateView` is the one
// place they turn into the JSON numbers the app shows.
import type { RuleTemplateView } from './api-types'
export type { RuleTemplateView } from './api-types'
import { toNumber, type BasisPoints, type RuleSetTerms } from './scoring'

/** A template's terms as stored: a rule set's terms with the presence ratio always set. */
export interface TemplateTerms extends RuleSetTerms {
  minPresenceRatio: BasisPoints
}

/** The built-in template (the same items the demo estates adopted). */
export const DEFAULT_TEMPLATE: TemplateTerms = {
  baseScore: 6000,
  fullScore: 10000,
  minPresenceRatio: 6000,
  categoryCaps: { 志愿服务: 3000 },
  items: [
    { code: 'V01', name: '志愿服务（按次）', category: '志愿服务', points: 500, capPerYear: 2000, requiresApproval: true },
    { code: 'V02', name: '环境整治', category: '志愿服务', points: 300, capPerYear: 1200, requiresApproval: true },
    { code: 'V03', name: '文明劝导（按小时）', category: '志愿服务', points: 200, perHour: true, capPerYear: 1000, requiresApproval: true },
    { code: 'P01', name: '参加主题党日', category: '组织生活', points: 400, capPerYear: 1600, requiresApproval: true },
    { code: 'R01', name: '政策宣讲', category: '宣传引导', points: 500, capPerYear: 1000, requiresApproval: true },
    { code: 'N01', name: '无故缺席集中活动', category: '负面清单', points: -500, requiresApproval: true },
  ],
}

/** Stored terms in view units (points as numbers with ≤ 2 decimals, the presence ratio as 0–1). */
export function templateTermsView(
  t: TemplateTerms,
): Pick<RuleTemplateView, 'baseScore' | 'fullScore' | 'minPresenceRatio' | 'items' | 'categoryCaps'> {
  const view: Pick<RuleTemplateView, 'baseScore' | 'fullScore' | 'minPresenceRatio' | 'items' | 'categoryCaps'> = {
    baseScore: toNumber(t.baseScore),
    fullScore: toNumber(t.fullScore),
    minPresenceRatio: t.minPresenceRatio / 10000,
    items: t.items.map((i) => ({
      code: i.code,
      name: i.name,
      category: i.category,
      points: toNumber(i.points),
      ...(i.perHour ? { perHour: true } : {}),
      ...(i.capPerYear !== undefined ? { capPerYear: toNumber(i.capPerYear) } : {}),
      requiresApproval: i.requiresApproval !== false,
      ...(i.evidenceRequired ? { evidenceRequired: true } : {}),
    })),
  }
  if (t.categoryCaps) view.categoryCaps = Object.fromEntries(Object.entries(t.categoryCaps).map(([k, v]) => [k, toNumber(v)]))
  return view
}
