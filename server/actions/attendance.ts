// The review queue of attendances and claims: listing, approving or rejecting (an approval writes its ledger
// entry in the same transaction), revoking an approval by a reversal entry, and 补录.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import type { AttendanceView, ReviewResult } from '../../src/core/api-types'
import { pointsFor } from '../../src/core/presence'
import { maskPhone } from '../../src/core/privacy'
import { toNumber } from '../../src/core/scoring'
import { toIsoShanghai } from '../../src/core/time'
import { DocumentExists, OneOf, type TxStore } from '../ports/store.port'
import { auditDoc } from '../context/audit'
import { covers, requireScope } from '../context/authz'
import { memberOf, type Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { ActivityDoc, AttendanceDoc } from '../model/activity'
import type { MemberDoc, OrgDoc } from '../model/org'
import type { LedgerDoc } from '../model/score'
import { attendanceId, basesOf, ledgerIdFor, loadActivity, presenceOf, secretaryActivity, type Basis } from '../queries/activities'
import { findIn, getOrg, requireOrg } from '../queries/orgs'
import { assertYearOpen, yearSettings } from '../queries/year-settings'
import { closeForgottenCheckouts, closeMyForgotten } from '../services/checkouts'
import { ledgerEntry } from '../services/ledger'
import { queueReviewResult } from '../services/notify'

async function attendanceViews(deps: Deps, docs: AttendanceDoc[], fullPhone: boolean): Promise<AttendanceView[]> {
  const memberIds = [...new Set(docs.map((d) => d.memberId))]
  const members = new Map((await findIn(deps.store, 'members', '_id', memberIds)).map((m) => [m._id, m]))
  const bases = await basesOf(deps.store, docs)
  const photoUrls = await deps.files.urls(docs.flatMap((d) => d.claim?.photos ?? []))
  return docs.map((d) => {
    const m = members.get(d.memberId)
    const view: AttendanceView = {
      id: d._id,
      kind: d.claim ? 'claim' : 'activity',
      activityId: d.activityId,
      activityTitle: bases.get(d._id)?.title ?? '',
      memberId: d.memberId,
      memberName: m?.name ?? '',
      phone: m ? (fullPhone ? m.phone : maskPhone(m.phone)) : '',
      checkinAt: toIsoShanghai(d.checkinAt),
      status: d.status,
      flags: d.flags,
      points: toNumber(d.points ?? 0),
    }
    if (d.checkoutAt !== undefined) view.checkoutAt = toIsoShanghai(d.checkoutAt)
    if (d.distanceM !== undefined) view.distanceM = d.distanceM
    if (d.reason) view.reason = d.reason
    if (d.claim) {
      const c = d.claim
      view.claim = {
        itemCode: c.item.code,
        itemName: c.item.name,
        occurredOn: c.occurredOn,
        description: c.description,
        photos: c.photos.map((id) => photoUrls.get(id) ?? ''),
        ...(c.minutes !== undefined ? { minutes: c.minutes } : {}),
      }
    }
    return view
  })
}

export async function attendanceList(b: BodyOf<'attendance.list'>, ctx: Ctx, deps: Deps): Promise<AttendanceView[]> {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  const filter: Record<string, string> = { estateBranchId: estate._id, status: b.status ?? 'pending' }
  if (b.activityId) filter.activityId = b.activityId
  let docs = await deps.store.find('attendances', filter, { orderBy: { field: 'checkinAt', dir: 'asc' }, limit: 1000 })
  if (filter.status === 'pending') {
    let closed = 0
    for (const id of new Set(docs.filter((d) => !d.claim).map((d) => d.activityId)))
      closed += await closeForgottenCheckouts(deps, ctx, await loadActivity(deps, id))
    if (closed) docs = await deps.store.find('attendances', filter, { orderBy: { field: 'checkinAt', dir: 'asc' }, limit: 1000 })
  }
  return attendanceViews(deps, docs, true)
}

export async function attendanceMine(_b: BodyOf<'attendance.mine'>, ctx: Ctx, deps: Deps): Promise<AttendanceView[]> {
  const docs = await deps.store.find('attendances', { memberId: memberOf(ctx)._id }, { orderBy: { field: 'checkinAt', dir: 'desc' }, limit: 500 })
  return attendanceViews(deps, await closeMyForgotten(deps, ctx, docs), true)
}

async function reviewOne(
  tx: TxStore,
  id: string,
  b: BodyOf<'attendance.review'>,
  ctx: Ctx,
  bases: Map<string, Basis>,
): Promise<'approved' | 'rejected' | 'skipped'> {
  const cur = await tx.get('attendances', id)
  if (!cur || cur.status !== 'pending') return 'skipped'
  const activity = bases.get(cur._id)
  if (!activity) return fail('NOT_FOUND', `活动不存在：${cur.activityId}`)
  await assertYearOpen(tx, cur.year)
  const next: AttendanceDoc = { ...cur, reviewedBy: ctx.openid, reviewedAt: ctx.now }
  if (b.decision === 'approve') {
    const outcome = pointsFor(activity.item, presenceOf(cur, activity), activity.minPresenceRatio, activity.requireCheckout)
    next.status = 'approved'
    next.points = outcome.points
    if (outcome.shortfall && !next.flags.includes(outcome.shortfall)) next.flags = [...next.flags, outcome.shortfall]
    await tx.create('ledger', ledgerEntry(activity, next, ctx))
  } else {
    next.status = 'rejected'
    next.reason = b.reason
  }
  if (b.reason && b.decision === 'approve') next.reason = b.reason
  await tx.set('attendances', next)
  await queueReviewResult(tx, next, activity.title, ctx.now)
  await tx.create(
    'audit',
    auditDoc(ctx, 'attendance.review', id, { status: 'pending' }, { status: next.status, points: next.points, reason: b.reason }),
  )
  return next.status as 'approved' | 'rejected'
}

export async function attendanceReview(b: BodyOf<'attendance.review'>, ctx: Ctx, deps: Deps): Promise<ReviewResult> {
  if (b.decision === 'reject' && !b.reason) fail('VALIDATION', '驳回时必须填写理由（reason）', { field: 'reason' })
  const ids = [...new Set(b.attendanceIds)]
  const docs = await deps.store.find('attendances', { _id: new OneOf(ids) })
  if (docs.length !== ids.length) {
    const missing = ids.filter((id) => !docs.some((d) => d._id === id))
    fail('NOT_FOUND', `签到记录不存在：${missing.join('、')}`, { ids: missing })
  }
  // Authorise every record before changing any, so a batch with another estate's record changes nothing.
  const estates = new Map<string, OrgDoc | null>()
  for (const d of docs) {
    const estate = estates.get(d.estateBranchId) ?? (await getOrg(deps.store, d.estateBranchId))
    estates.set(d.estateBranchId, estate)
    if (!estate || !covers(ctx, ['estate_secretary'], estate)) fail('FORBIDDEN', '无权审核其他小区的签到记录')
  }
  for (const year of new Set(docs.map((d) => d.year)))
    if ((await yearSettings(deps.store, year)).locked) fail('YEAR_LOCKED', `${year} 年度已定稿锁定`)
  const activities = new Map<string, ActivityDoc>()
  for (const d of docs) if (!d.claim && !activities.has(d.activityId)) activities.set(d.activityId, await loadActivity(deps, d.activityId))
  if (b.decision === 'approve') {
    // A cancelled activity earns nothing: its check-ins may be rejected, never approved (checked before any write).
    const cancelled = [...activities.values()].find(
      (a) => a.status === 'cancelled' && docs.some((d) => d.activityId === a._id && d.status === 'pending'),
    )
    if (cancelled) fail('CONFLICT', `活动“${cancelled.title}”已取消，其签到记录不能审核通过，请选择驳回`, { activityId: cancelled._id })
  }
  for (const a of activities.values()) await closeForgottenCheckouts(deps, ctx, a)
  const bases = await basesOf(deps.store, docs, activities)

  const counts: ReviewResult = { approved: 0, rejected: 0, skipped: 0 }
  for (const id of ids) {
    let outcome: 'approved' | 'rejected' | 'skipped'
    try {
      outcome = await deps.store.transaction((tx) => reviewOne(tx, id, b, ctx, bases))
    } catch (e) {
      // Another secretary's approval won the race for this record: it is already decided.
      if (e instanceof DocumentExists && e.collection === 'ledger') outcome = 'skipped'
      else throw e
    }
    counts[outcome]++
  }
  return counts
}

export async function attendanceRevoke(b: BodyOf<'attendance.revoke'>, ctx: Ctx, deps: Deps) {
  const ids = [...new Set(b.attendanceIds)]
  const docs = await deps.store.find('attendances', { _id: new OneOf(ids) })
  if (docs.length !== ids.length) fail('NOT_FOUND', `签到记录不存在：${ids.filter((id) => !docs.some((d) => d._id === id)).join('、')}`)
  const estates = new Map<string, OrgDoc | null>()
  for (const d of docs) {
    if (!estates.has(d.estateBranchId)) estates.set(d.estateBranchId, await getOrg(deps.store, d.estateBranchId))
    const estate = estates.get(d.estateBranchId)
    if (!estate || !covers(ctx, ['estate_secretary'], estate)) fail('FORBIDDEN', '无权撤销其他小区的签到记录')
  }
  for (const year of new Set(docs.map((d) => d.year)))
    if ((await yearSettings(deps.store, year)).locked) fail('YEAR_LOCKED', `${year} 年度已定稿锁定`)
  let revoked = 0
  let skipped = 0
  for (const id of ids) {
    try {
      const done = await deps.store.transaction(async (tx) => {
        const cur = await tx.get('attendances', id)
        const original = cur ? await tx.get('ledger', ledgerIdFor(id, cur.round)) : null
        if (!cur || cur.status !== 'approved' || !original) return false
        await assertYearOpen(tx, cur.year)
        const reversal: LedgerDoc = {
          ...original,
          _id: original._id.replace(/^L_/, 'R_'),
          kind: 'reversal',
          points: -original.points,
          reverses: original._id,
          reason: b.reason,
          title: `撤销：${original.title}`,
          createdAt: ctx.now,
          createdBy: ctx.openid,
        }
        await tx.create('ledger', reversal)
        await tx.set('attendances', { ...cur, status: 'revoked', reason: b.reason, reviewedBy: ctx.openid, reviewedAt: ctx.now })
        await queueReviewResult(tx, { ...cur, status: 'revoked', reason: b.reason }, original.title, ctx.now)
        await tx.create(
          'audit',
          auditDoc(ctx, 'attendance.revoke', id, { status: 'approved', points: original.points }, { status: 'revoked', reason: b.reason }),
        )
        return true
      })
      if (done) revoked++
      else skipped++
    } catch (e) {
      if (e instanceof DocumentExists && e.collection === 'ledger') skipped++
      else throw e
    }
  }
  return { revoked, skipped }
}

export async function attendanceBackfill(b: BodyOf<'attendance.backfill'>, ctx: Ctx, deps: Deps) {
  const activity = await secretaryActivity(b.activityId, ctx, deps)
  if (activity.status === 'draft' || activity.status === 'cancelled') fail('CONFLICT', '草稿或已取消的活动不能补录')
  if (ctx.now < activity.startAt)
    fail('OUT_OF_WINDOW', `活动尚未开始（${toIsoShanghai(activity.startAt).slice(0, 16).replace('T', ' ')} 开始），不能补录；请在活动开始后再补录`)
  await assertYearOpen(deps.store, activity.year)
  const member = await deps.store.get('members', b.memberId)
  if (!member || member.status !== 'active') fail('NOT_FOUND', `党员不存在或尚未完成报到：${b.memberId}`)
  if (member.estateBranchId !== activity.estateBranchId) fail('FORBIDDEN', '只能为本小区报到的党员补录')
  if (b.checkoutAt !== undefined && b.checkoutAt <= b.checkinAt) fail('VALIDATION', '签退时间（checkoutAt）必须晚于签到时间', { field: 'checkoutAt' })
  // Capped at the activity's length: presence outside the activity does not count.
  const checkinAt = Math.min(Math.max(b.checkinAt, activity.startAt), activity.endAt)
  const checkoutAt = b.checkoutAt === undefined ? undefined : Math.max(Math.min(b.checkoutAt, activity.endAt), checkinAt)
  const m = member
  const id = attendanceId(activity._id, m._id)
  // The usual case: the member checked in but forgot to check out (or was closed automatically).
  if (await deps.store.get('attendances', id)) return backfillCheckout(b, ctx, deps, activity, m, id)
  const doc: AttendanceDoc = {
    _id: id,
    activityId: activity._id,
    memberId: m._id,
    estateBranchId: activity.estateBranchId,
    unitBranchId: m.unitBranchId,
    year: activity.year,
    checkinAt,
    status: 'pending',
    flags: ['backfill'],
    reason: b.reason,
    backfilledBy: ctx.openid,
  }
  if (checkoutAt !== undefined) doc.checkoutAt = checkoutAt
  try {
    await deps.store.transaction(async (tx) => {
      await tx.create('attendances', doc)
      await tx.create('audit', auditDoc(ctx, 'attendance.backfill', doc._id, null, { checkinAt, checkoutAt, reason: b.reason }))
    })
  } catch (e) {
    if (e instanceof DocumentExists && e.collection === 'attendances') fail('CONFLICT', `${m.name} 已有该活动的签到记录，无需补录`)
    throw e
  }
  return {
    attendanceId: doc._id,
    status: 'pending' as const,
    flags: doc.flags,
    checkinAt: toIsoShanghai(checkinAt),
    ...(checkoutAt !== undefined ? { checkoutAt: toIsoShanghai(checkoutAt) } : {}),
  }
}

const REOPENED_DROPS: ReadonlySet<string> = new Set(['auto_closed', 'no_checkout', 'below_min_presence'])

/**
 * 补录 of a check-out on an existing attendance that has none (or was closed automatically): sets it, capped to
 * the activity's end and not before the check-in, flags it `backfill` and sends it (back) to review. An approved
 * record has earned points already: it must be revoked first (a revoked one opens a new review round, with its
 * own ledger id).
 */
async function backfillCheckout(b: BodyOf<'attendance.backfill'>, ctx: Ctx, deps: Deps, activity: ActivityDoc, m: MemberDoc, id: string) {
  const requested = b.checkoutAt
  return deps.store.transaction(async (tx) => {
    const cur = await tx.get('attendances', id)
    if (!cur) return fail('NOT_FOUND', `签到记录不存在：${id}`)
    const open = cur.checkoutAt === undefined || cur.flags.includes('auto_closed')
    if (!open) return fail('CONFLICT', `${m.name} 已有该活动的签到和签退记录，无需补录`)
    if (requested === undefined)
      return fail('CONFLICT', `${m.name} 已签到该活动，无需补录签到；如忘记签退，请填写签退时间（checkoutAt）补录签退`, { field: 'checkoutAt' })
    if (cur.status === 'approved')
      return fail('CONFLICT', `${m.name} 的这条签到已审核通过并计分，不能直接补录签退；如需更正，请先撤销该签到，再补录签退`)
    const checkoutAt = Math.max(Math.min(requested, activity.endAt), cur.checkinAt)
    const flags = [...cur.flags.filter((f) => !REOPENED_DROPS.has(f) && f !== 'backfill'), 'backfill' as const]
    const next: AttendanceDoc = { ...cur, checkoutAt, status: 'pending', flags, reason: b.reason, backfilledBy: ctx.openid }
    // Back to review: an earlier decision (a rejection, a revoked approval) is in the audit trail and the ledger.
    delete next.points
    delete next.reviewedBy
    delete next.reviewedAt
    if (cur.status === 'revoked') next.round = (cur.round ?? 0) + 1
    await assertYearOpen(tx, cur.year)
    await tx.set('attendances', next)
    await tx.create(
      'audit',
      auditDoc(
        ctx,
        'attendance.backfillCheckout',
        id,
        { status: cur.status, checkoutAt: cur.checkoutAt ?? null, flags: cur.flags },
        { status: next.status, checkoutAt, flags, reason: b.reason },
      ),
    )
    return { attendanceId: id, status: 'pending' as const, flags, checkinAt: toIsoShanghai(cur.checkinAt), checkoutAt: toIsoShanghai(checkoutAt) }
  })
}
