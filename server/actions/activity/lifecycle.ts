// The rest of an activity's life (SPEC §3.3–3.5): sign-up within capacity, publish, cancel with notices to
// those signed up, the printable static code, revoking an approval by a reversal entry, and 补录.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import type { NoticeView, StaticCodeData } from '../../src/core/api-types'
import { staticCodeText, staticScene } from '../../src/core/rotating-code'
import { toIsoShanghai } from '../../src/core/time'
import { DocumentExists, OneOf } from '../ports/store.port'
import {
  assertYearOpen,
  auditDoc,
  covers,
  getOrg,
  keyId,
  requireOrg,
  requireScope,
  yearSettings,
  type Ctx,
  type Deps,
  type MemberDoc,
  type OrgDoc,
} from '../context'
import {
  CHECKIN_OPENS_BEFORE,
  attendanceId,
  ledgerIdFor,
  loadActivity,
  signupId,
  statusOf,
  type ActivityDoc,
  type AttendanceDoc,
  type LedgerDoc,
  type SignupDoc,
} from './activities'

export interface NoticeDoc {
  _id: string
  memberId: string
  title: string
  body: string
  activityId?: string
  at: number
}

async function ownEstateActivity(b: { activityId: string }, ctx: Ctx, deps: Deps): Promise<{ activity: ActivityDoc; member: MemberDoc }> {
  const activity = await loadActivity(deps, b.activityId)
  const member = ctx.member as MemberDoc
  if (activity.estateBranchId !== member.estateBranchId) fail('FORBIDDEN', '只能报名本人报到小区的活动')
  if (activity.status === 'draft') fail('NOT_FOUND', `活动不存在：${b.activityId}`)
  if (activity.status === 'cancelled') fail('CONFLICT', '活动已取消')
  if (ctx.now >= activity.startAt) fail('OUT_OF_WINDOW', '活动已开始，报名和取消报名均已截止')
  return { activity, member }
}

export async function activitySignup(b: BodyOf<'activity.signup'>, ctx: Ctx, deps: Deps) {
  const { activity, member } = await ownEstateActivity(b, ctx, deps)
  const id = signupId(activity._id, member._id)
  // The count lives on the activity document, so the capacity check and the sign-up commit together.
  return deps.store.transaction(async (tx) => {
    const a = (await tx.get<ActivityDoc>('activities', activity._id)) as ActivityDoc
    const cur = await tx.get<SignupDoc>('signups', id)
    if (cur?.status === 'signed_up') return { status: 'signed_up' as const, repeated: true, signedUp: a.signedUp ?? 0, capacity: a.capacity ?? null }
    const count = a.signedUp ?? 0
    if (a.capacity && count >= a.capacity) fail('CONFLICT', `报名人数已满（${a.capacity} 人）`)
    await tx.set('activities', { ...a, signedUp: count + 1 })
    await tx.set('signups', { _id: id, activityId: a._id, memberId: member._id, status: 'signed_up', at: ctx.now })
    await tx.create('audit', auditDoc(ctx, 'activity.signup', id, cur ? { status: cur.status } : null, { status: 'signed_up' }))
    return { status: 'signed_up' as const, repeated: false, signedUp: count + 1, capacity: a.capacity ?? null }
  })
}

export async function activityCancelSignup(b: BodyOf<'activity.cancelSignup'>, ctx: Ctx, deps: Deps) {
  const { activity, member } = await ownEstateActivity(b, ctx, deps)
  const id = signupId(activity._id, member._id)
  return deps.store.transaction(async (tx) => {
    const a = (await tx.get<ActivityDoc>('activities', activity._id)) as ActivityDoc
    const cur = await tx.get<SignupDoc>('signups', id)
    if (!cur || cur.status !== 'signed_up') fail('CONFLICT', '您尚未报名该活动')
    await tx.set('activities', { ...a, signedUp: Math.max(0, (a.signedUp ?? 1) - 1) })
    await tx.set('signups', { ...(cur as SignupDoc), status: 'cancelled', at: ctx.now })
    await tx.create('audit', auditDoc(ctx, 'activity.cancelSignup', id, { status: 'signed_up' }, { status: 'cancelled' }))
    return { status: 'cancelled' as const, signedUp: Math.max(0, (a.signedUp ?? 1) - 1) }
  })
}

async function secretaryActivity(activityId: string, ctx: Ctx, deps: Deps): Promise<ActivityDoc> {
  const activity = await loadActivity(deps, activityId)
  const estate = await requireOrg(deps.store, activity.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  return activity
}

export async function activityPublish(b: BodyOf<'activity.publish'>, ctx: Ctx, deps: Deps) {
  const activity = await secretaryActivity(b.activityId, ctx, deps)
  return deps.store.transaction(async (tx) => {
    const a = (await tx.get<ActivityDoc>('activities', activity._id)) as ActivityDoc
    if (a.status === 'published') return { status: 'published' as const, repeated: true }
    if (a.status !== 'draft') fail('CONFLICT', '只有草稿可以发布')
    await tx.set('activities', { ...a, status: 'published' })
    await tx.create('audit', auditDoc(ctx, 'activity.publish', a._id, { status: 'draft' }, { status: 'published' }))
    return { status: 'published' as const, repeated: false }
  })
}

export async function activityCancel(b: BodyOf<'activity.cancel'>, ctx: Ctx, deps: Deps) {
  const activity = await secretaryActivity(b.activityId, ctx, deps)
  if (activity.status === 'cancelled') return { status: 'cancelled' as const, notified: 0, repeated: true }
  if (statusOf(activity, ctx.now) === 'ended') fail('CONFLICT', '活动已结束，不能取消；如需更正请撤销相应签到')
  const signups = await deps.store.find<SignupDoc>('signups', { activityId: activity._id, status: 'signed_up' })
  const notified = await deps.store.transaction(async (tx) => {
    const a = (await tx.get<ActivityDoc>('activities', activity._id)) as ActivityDoc
    if (a.status === 'cancelled') return 0
    await tx.set('activities', { ...a, status: 'cancelled', cancelReason: b.reason, cancelledAt: ctx.now })
    for (const s of signups) {
      const notice: NoticeDoc = {
        _id: keyId('N', 'cancel', a._id, s.memberId),
        memberId: s.memberId,
        activityId: a._id,
        title: `活动已取消：${a.title}`,
        body: `您报名的“${a.title}”（${toIsoShanghai(a.startAt).slice(0, 16).replace('T', ' ')}）已取消。原因：${b.reason}`,
        at: ctx.now,
      }
      await tx.set('notices', notice)
    }
    await tx.create(
      'audit',
      auditDoc(ctx, 'activity.cancel', a._id, { status: a.status }, { status: 'cancelled', reason: b.reason, notified: signups.length }),
    )
    return signups.length
  })
  return { status: 'cancelled' as const, notified, repeated: false }
}

export async function activityStaticCode(b: BodyOf<'activity.staticCode'>, ctx: Ctx, deps: Deps): Promise<StaticCodeData> {
  const activity = await secretaryActivity(b.activityId, ctx, deps)
  if (activity.status === 'cancelled') fail('OUT_OF_WINDOW', '活动已取消')
  const scene = staticScene(deps.hmac, activity._id)
  const qr = staticCodeText(deps.hmac, activity._id)
  return {
    scene,
    qr,
    qrImage: deps.wxacode ? await deps.wxacode(scene) : deps.renderQr(qr),
    validFrom: toIsoShanghai(activity.startAt - CHECKIN_OPENS_BEFORE),
    validUntil: toIsoShanghai(activity.endAt),
  }
}

export async function attendanceRevoke(b: BodyOf<'attendance.revoke'>, ctx: Ctx, deps: Deps) {
  const ids = [...new Set(b.attendanceIds)]
  const docs = await deps.store.find<AttendanceDoc>('attendances', { _id: new OneOf(ids) })
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
        const cur = await tx.get<AttendanceDoc>('attendances', id)
        const original = cur ? await tx.get<LedgerDoc>('ledger', ledgerIdFor(id, cur.round)) : null
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
  const member = await deps.store.get<MemberDoc>('members', b.memberId)
  if (!member || member.status !== 'active') fail('NOT_FOUND', `党员不存在或尚未完成报到：${b.memberId}`)
  if ((member as MemberDoc).estateBranchId !== activity.estateBranchId) fail('FORBIDDEN', '只能为本小区报到的党员补录')
  if (b.checkoutAt !== undefined && b.checkoutAt <= b.checkinAt) fail('VALIDATION', '签退时间（checkoutAt）必须晚于签到时间', { field: 'checkoutAt' })
  // Capped at the activity's length: presence outside the activity does not count.
  const checkinAt = Math.min(Math.max(b.checkinAt, activity.startAt), activity.endAt)
  const checkoutAt = b.checkoutAt === undefined ? undefined : Math.max(Math.min(b.checkoutAt, activity.endAt), checkinAt)
  const m = member as MemberDoc
  const id = attendanceId(activity._id, m._id)
  // The usual case: the member checked in but forgot to check out (or was closed automatically).
  if (await deps.store.get<AttendanceDoc>('attendances', id)) return backfillCheckout(b, ctx, deps, activity, m, id)
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
    const cur = (await tx.get<AttendanceDoc>('attendances', id)) as AttendanceDoc
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

export async function noticeMine(_b: BodyOf<'notice.mine'>, ctx: Ctx, deps: Deps): Promise<NoticeView[]> {
  const docs = await deps.store.find<NoticeDoc>(
    'notices',
    { memberId: (ctx.member as MemberDoc)._id },
    { orderBy: { field: 'at', dir: 'desc' }, limit: 100 },
  )
  return docs.map((n) => ({
    id: n._id,
    title: n.title,
    body: n.body,
    at: toIsoShanghai(n.at),
    ...(n.activityId ? { activityId: n.activityId } : {}),
  }))
}
