// Points an attendance earns under its rule item (docs/DESIGN.md#check-in-layers): per time, or per hour of presence when the
// member was present for at least the rule's minimum share of the activity.
import { divRoundHalfUp, type BasisPoints, type Hundredths, type RuleItem } from './scoring'

export interface PresenceInput {
  startAt: number
  endAt: number
  checkinAt: number
  checkoutAt?: number
}

/** Minutes of overlap between presence and the activity; 0 without a check-out. */
export function presentMinutes(p: PresenceInput): number {
  if (p.checkoutAt === undefined) return 0
  const from = Math.max(p.checkinAt, p.startAt)
  const to = Math.min(p.checkoutAt, p.endAt)
  return Math.max(0, Math.floor((to - from) / 60_000))
}

export interface PointsOutcome {
  points: Hundredths
  /** Why an attendance earned less than its item's points, if it did. */
  shortfall?: 'no_checkout' | 'below_min_presence'
}

export function pointsFor(
  item: Pick<RuleItem, 'points' | 'perHour'>,
  p: PresenceInput,
  minPresence: BasisPoints,
  requireCheckout: boolean,
): PointsOutcome {
  const needsPresence = item.perHour || requireCheckout
  if (!needsPresence) return { points: item.points }
  if (p.checkoutAt === undefined) return { points: 0, shortfall: 'no_checkout' }
  const minutes = presentMinutes(p)
  const lengthMinutes = Math.max(1, Math.floor((p.endAt - p.startAt) / 60_000))
  if (minutes * 10000 < minPresence * lengthMinutes) return { points: 0, shortfall: 'below_min_presence' }
  if (!item.perHour) return { points: item.points }
  return { points: divRoundHalfUp(item.points * minutes, 60) }
}
