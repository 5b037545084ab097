// 积分明细: an estate's versions per year, and the county's template estates draft from.
import type { RuleSetTerms } from '../../src/core/scoring'
import type { TemplateTerms } from '../../src/core/template'

export interface RuleSetDoc extends RuleSetTerms {
  _id: string
  estateBranchId: string
  year: number
  version: number
  status: 'draft' | 'adopted'
  minPresenceRatio: number
  adoptedOn?: string
  attendees?: number
  note?: string
  createdBy: string
  createdAt: number
  adoptedBy?: string
  adoptedAt?: number
}

/** The county's template for a year (`TPL_<year>`); estates draft from it, nothing is scored by it. */
export interface TemplateDoc extends TemplateTerms {
  _id: string
  year: number
  savedBy: string
  savedAt: number
}
