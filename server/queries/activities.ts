// An activity and its records, read by several actions: its windows and status, the deterministic ids of its
// sign-ups, attendances and ledger entries, and what each attendance is scored against.
import { fail } from '../../src/core/errors'
import type { ActivityStatus } from '../../src/core/api-types'
import type { RuleItem } from '../../src/core/scoring'
import { HOUR, MINUTE } from '../../src/core/time'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { keyId } from '../context/ids'
import type { ActivityDoc, AttendanceDoc, ClaimInfo } from '../model/activity'
import type { Store, TxStore } from '../ports/store.port'
import { findIn, requireOrg } from './orgs'

export const CHECKIN_OPENS_BEFORE = 30 * MINUTE
export const CHECKOUT_GRACE = 2 * HOUR
export const attendanceId = (activityId: string, memberId: string) => keyId('T', activityId, memberId)
export const signupId = (activityId: string, memberId: string) => keyId('S', activityId, memberId)
export const ledgerIdFor = (attendanceIdValue: string, round?: number) => `L_${attendanceIdValue}${round ? `_${round}` : ''}`

export function statusOf(a: ActivityDoc, now: number): ActivityStatus {
  if (a.status !== 'published') return a.status
  if (now < a.startAt) return 'published'
  if (now < a.endAt) return 'in_progress'
  return 'ended'
}

export async function loadActivity(deps: Deps, id: string): Promise<ActivityDoc> {
  const a = await deps.store.get('activities', id)
  if (!a) fail('NOT_FOUND', `活动不存在：${id}`)
  return a
}

/** The activity inside a transaction, once it is known to exist (activities are never deleted). */
export async function activityIn(tx: TxStore, id: string): Promise<ActivityDoc> {
  const a = await tx.get('activities', id)
  if (!a) return fail('NOT_FOUND', `活动不存在：${id}`)
  return a
}

/** An activity of an estate the caller is secretary of. */
export async function secretaryActivity(activityId: string, ctx: Ctx, deps: Deps): Promise<ActivityDoc> {
  const activity = await loadActivity(deps, activityId)
  const estate = await requireOrg(deps.store, activity.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  return activity
}

/**
 * Whether an activity asks for a check-out. Points per hour are paid by minutes present, which needs a check-out:
 * for such an item check-out is forced on, whatever was asked — simpler for secretaries than refusing the form
 * (and `requireCheckout: false` on an hour-based item could only ever pay 0 points). Use it on every create/edit.
 */
export const requiresCheckout = (item: RuleItem, requested: boolean | undefined): boolean => !!item.perHour || (requested ?? false)

/** What an attendance is scored against: its activity, or for a claim the day and rule item it names. */
export type Basis = Pick<
  ActivityDoc,
  'title' | 'item' | 'year' | 'startAt' | 'endAt' | 'rulesetId' | 'rulesetVersion' | 'minPresenceRatio' | 'requireCheckout'
>

/** A claim is "present" for the minutes it names, from noon of its day (the time of day is not claimed). */
export function claimBasis(c: ClaimInfo): Basis {
  const startAt = Date.parse(`${c.occurredOn}T12:00:00+08:00`)
  return {
    title: c.title,
    item: c.item,
    year: Number(c.occurredOn.slice(0, 4)),
    startAt,
    endAt: startAt + (c.minutes ?? 0) * MINUTE,
    rulesetId: c.rulesetId,
    rulesetVersion: c.rulesetVersion,
    minPresenceRatio: 0,
    requireCheckout: false,
  }
}

/** Check-in and check-out times to score a record by (a claim is present for all of its minutes). */
export const presenceOf = (a: AttendanceDoc, basis: Basis) =>
  a.claim
    ? { startAt: basis.startAt, endAt: basis.endAt, checkinAt: basis.startAt, checkoutAt: basis.endAt }
    : { startAt: basis.startAt, endAt: basis.endAt, checkinAt: a.checkinAt, checkoutAt: a.checkoutAt }

/** The basis of each record, by record id: activities are loaded once, claims carry their own. */
export async function basesOf(store: Store, docs: AttendanceDoc[], known: Map<string, ActivityDoc> = new Map()): Promise<Map<string, Basis>> {
  const activityIds = [...new Set(docs.filter((d) => !d.claim && !known.has(d.activityId)).map((d) => d.activityId))]
  const activities = new Map([...known, ...(await findIn(store, 'activities', '_id', activityIds)).map((a) => [a._id, a] as const)])
  const out = new Map<string, Basis>()
  for (const d of docs) {
    const basis = d.claim ? claimBasis(d.claim) : activities.get(d.activityId)
    if (basis) out.set(d._id, basis)
  }
  return out
}
