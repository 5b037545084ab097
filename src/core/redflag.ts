// 红旗小区 评选: the pure rules (docs/DESIGN.md#red-flag-estates) — street quotas, criteria weights and the panel's
// exact averages. Money in 分 (integer), scores in hundredths (integer), rates in basis points where needed.
import { divRoundHalfUp } from './scoring'

export const RF_DEFAULT_QUOTA = 20
/** A street may recommend this share of its estate branches, in percent (rounded half-up, at least 1). */
export const RF_DEFAULT_SHARE_PCT = 20
/** Subsidy per named estate, in 元. */
export const RF_DEFAULT_SUBSIDY_YUAN = 5000
export const RF_MAX_PHOTOS = 9
export const RF_MAX_REPORT_PHOTOS = 3

/** The application deadline's default: 30 December of the campaign year. */
export const rfDefaultDeadline = (year: number) => `${year}-12-30`

/**
 * How many estates a street may recommend: `sharePct` % of its estate branches, rounded half-up, and at least 1
 * where it has any (1 → 1, 3 → 1, 5 → 1, 7 → 1, 8 → 2, 12 → 2 at 20 %).
 */
export function streetQuota(estates: number, sharePct: number = RF_DEFAULT_SHARE_PCT): number {
  if (!Number.isInteger(estates) || estates < 0) throw new RangeError('estates must be a non-negative integer')
  if (estates === 0) return 0
  return Math.max(1, divRoundHalfUp(estates * sharePct, 100))
}

export interface RfCriterion {
  code: string
  name: string
  /** The most points a reviewer may give on it; all weights sum to 100. */
  weight: number
}

/** Problems with a criteria list (Chinese, for the refusal message); empty when it is usable. */
export function criteriaProblems(criteria: readonly RfCriterion[]): string[] {
  const problems: string[] = []
  const codes = new Set<string>()
  for (const c of criteria) {
    if (codes.has(c.code)) problems.push(`评选标准编号重复：${c.code}`)
    codes.add(c.code)
  }
  const sum = criteria.reduce((a, c) => a + c.weight, 0)
  if (sum !== 100) problems.push(`评选标准的权重之和必须为 100（现为 ${sum}）`)
  return problems
}

/** A reviewer's total for one application, in hundredths: the sum of their per-criterion scores (hundredths). */
export const reviewTotal = (scores: Record<string, number>) => Object.values(scores).reduce((a, x) => a + x, 0)

/** The panel's average, in hundredths, exact: Σ totals ÷ reviewers rounded half-up (null without any score). */
export function panelAverage(totals: readonly number[]): number | null {
  if (totals.length === 0) return null
  return divRoundHalfUp(
    totals.reduce((a, x) => a + x, 0),
    totals.length,
  )
}

/** A rate in hundredths of a percent (e.g. 8333 = 83.33 %), exact half-up; null when there is nothing to divide by. */
export const rateHundredths = (n: number, d: number): number | null => (d === 0 ? null : divRoundHalfUp(n * 10000, d))
