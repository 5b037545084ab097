// Forgotten check-outs are closed lazily, whenever someone reads the records: a secretary's list or review, or a
// member reading their own.
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { auditDoc } from '../context/audit'
import type { ActivityDoc, AttendanceDoc } from '../model/activity'
import { CHECKOUT_GRACE, requiresCheckout } from '../queries/activities'
import { findIn } from '../queries/orgs'

// Activities created before check-out was forced for hour-based items still need one for them.
const needsCheckout = (activity: ActivityDoc) => requiresCheckout(activity.item, activity.requireCheckout)

/** A pending attendance still without the check-out its activity needs, once the deadline (end + 2 h) has passed. */
const isForgotten = (d: AttendanceDoc, activity: ActivityDoc, now: number) =>
  !d.claim && d.status === 'pending' && d.checkoutAt === undefined && needsCheckout(activity) && now > activity.endAt + CHECKOUT_GRACE

/** Closes one forgotten check-out (re-checked inside the transaction); the closed record, or null if none was due. */
async function closeForgotten(deps: Deps, ctx: Ctx, activity: ActivityDoc, id: string): Promise<AttendanceDoc | null> {
  return deps.store.transaction(async (tx) => {
    const cur = await tx.get('attendances', id)
    if (!cur || !isForgotten(cur, activity, ctx.now)) return null
    const next: AttendanceDoc = { ...cur, checkoutAt: Math.max(cur.checkinAt, activity.endAt), flags: [...cur.flags, 'auto_closed'] }
    await tx.set('attendances', next)
    await tx.create(
      'audit',
      auditDoc(ctx, 'attendance.autoClose', cur._id, { checkoutAt: null, flags: cur.flags }, { checkoutAt: next.checkoutAt, flags: next.flags }),
    )
    return next
  })
}

/**
 * Closes check-outs members forgot: once the check-out deadline (end + 2 h) has passed, a pending attendance
 * that needed a check-out gets one at the activity's end, flagged `auto_closed` for the reviewer. Lazy: run when
 * a secretary lists or reviews, and when a member reads their own records (closeMyForgotten). Idempotent: a
 * closed record has a check-out, so later reads find nothing to write.
 */
export async function closeForgottenCheckouts(deps: Deps, ctx: Ctx, activity: ActivityDoc): Promise<number> {
  if (!needsCheckout(activity) || ctx.now <= activity.endAt + CHECKOUT_GRACE) return 0
  const open = (await deps.store.find('attendances', { activityId: activity._id, status: 'pending' })).filter((a) =>
    isForgotten(a, activity, ctx.now),
  )
  let closed = 0
  for (const a of open) if (await closeForgotten(deps, ctx, activity, a._id)) closed++
  return closed
}

/** The same close for a member's own records when they read them; returns the records with the closed ones updated. */
export async function closeMyForgotten(deps: Deps, ctx: Ctx, docs: AttendanceDoc[], known: ActivityDoc[] = []): Promise<AttendanceDoc[]> {
  const open = docs.filter((d) => !d.claim && d.status === 'pending' && d.checkoutAt === undefined)
  if (!open.length) return docs
  const activities = new Map(known.map((a) => [a._id, a] as const))
  const missing = [...new Set(open.map((d) => d.activityId))].filter((id) => !activities.has(id))
  for (const a of await findIn(deps.store, 'activities', '_id', missing)) activities.set(a._id, a)
  const closed = new Map<string, AttendanceDoc>()
  for (const d of open) {
    const activity = activities.get(d.activityId)
    if (!activity || !isForgotten(d, activity, ctx.now)) continue
    const next = (await closeForgotten(deps, ctx, activity, d._id)) ?? (await deps.store.get('attendances', d._id))
    if (next) closed.set(d._id, next)
  }
  return closed.size ? docs.map((d) => closed.get(d._id) ?? d) : docs
}
