// The rest of an activity's life: sign-up within capacity, publish, cancel with notices to those signed up, and
// the printable static code.
import { fail } from '../../../src/core/errors'
import type { BodyOf } from '../../../src/core/contracts'
import type { StaticCodeData } from '../../../src/core/api-types'
import { staticCodeText, staticScene } from '../../../src/core/rotating-code'
import { toIsoShanghai } from '../../../src/core/time'
import { auditDoc } from '../../context/audit'
import { memberOf, type Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import { keyId } from '../../context/ids'
import type { ActivityDoc, NoticeDoc } from '../../model/activity'
import type { MemberDoc } from '../../model/org'
import { queueCancelled, queueReminder } from '../../services/notify'
import { CHECKIN_OPENS_BEFORE, activityIn, loadActivity, secretaryActivity, signupId, statusOf } from '../../queries/activities'

async function ownEstateActivity(b: { activityId: string }, ctx: Ctx, deps: Deps): Promise<{ activity: ActivityDoc; member: MemberDoc }> {
  const activity = await loadActivity(deps, b.activityId)
  const member = memberOf(ctx)
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
    const a = await activityIn(tx, activity._id)
    const cur = await tx.get('signups', id)
    if (cur?.status === 'signed_up') return { status: 'signed_up' as const, repeated: true, signedUp: a.signedUp ?? 0, capacity: a.capacity ?? null }
    const count = a.signedUp ?? 0
    if (a.capacity && count >= a.capacity) fail('CONFLICT', `报名人数已满（${a.capacity} 人）`)
    await tx.set('activities', { ...a, signedUp: count + 1 })
    await tx.set('signups', { _id: id, activityId: a._id, memberId: member._id, status: 'signed_up', at: ctx.now })
    await queueReminder(tx, a, member._id, ctx.now)
    await tx.create('audit', auditDoc(ctx, 'activity.signup', id, cur ? { status: cur.status } : null, { status: 'signed_up' }))
    return { status: 'signed_up' as const, repeated: false, signedUp: count + 1, capacity: a.capacity ?? null }
  })
}

export async function activityCancelSignup(b: BodyOf<'activity.cancelSignup'>, ctx: Ctx, deps: Deps) {
  const { activity, member } = await ownEstateActivity(b, ctx, deps)
  const id = signupId(activity._id, member._id)
  return deps.store.transaction(async (tx) => {
    const a = await activityIn(tx, activity._id)
    const cur = await tx.get('signups', id)
    if (!cur || cur.status !== 'signed_up') return fail('CONFLICT', '您尚未报名该活动')
    await tx.set('activities', { ...a, signedUp: Math.max(0, (a.signedUp ?? 1) - 1) })
    await tx.set('signups', { ...cur, status: 'cancelled', at: ctx.now })
    await tx.create('audit', auditDoc(ctx, 'activity.cancelSignup', id, { status: 'signed_up' }, { status: 'cancelled' }))
    return { status: 'cancelled' as const, signedUp: Math.max(0, (a.signedUp ?? 1) - 1) }
  })
}

export async function activityPublish(b: BodyOf<'activity.publish'>, ctx: Ctx, deps: Deps) {
  const activity = await secretaryActivity(b.activityId, ctx, deps)
  return deps.store.transaction(async (tx) => {
    const a = await activityIn(tx, activity._id)
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
  const signups = await deps.store.find('signups', { activityId: activity._id, status: 'signed_up' })
  const notified = await deps.store.transaction(async (tx) => {
    const a = await activityIn(tx, activity._id)
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
      await queueCancelled(tx, a, s.memberId, b.reason, ctx.now)
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
