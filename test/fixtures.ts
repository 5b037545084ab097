// Shared view fixtures for component tests (what the API would answer), so each test states only what matters.
import type { RuleItemView, RuleSetView } from '@/core/api-types'

/** An adopted version 1 of E1's 积分明细 with the given items: base 60, full 100, presence 60 %. */
export function adoptedRuleset(items: Partial<RuleItemView>[], year: number): RuleSetView {
  return {
    id: 'RS1',
    estateBranchId: 'E1',
    year,
    version: 1,
    status: 'adopted',
    baseScore: 60,
    fullScore: 100,
    minPresenceRatio: 0.6,
    items,
  } as unknown as RuleSetView
}
