// The check-in code and 签到/签退. One attendance per member and activity is guaranteed by its deterministic id; a
// check-in approved without review is written with its ledger entry in one transaction.
import { fail } from '../../../src/core/errors'
import type { BodyOf } from '../../../src/core/contracts'
import type { CheckinResult, CodeData } from '../../../src/core/api-types'
import {
  issueCode,
  slotOf,
  verifyQr,
  verifyShortCode,
  verifyShortCodeAt,
  verifyStatic,
  SLOT_MS,
  STATIC_PREFIX,
  type CodeCheck,
} from '../../../src/core/rotating-code'
import { distanceMetres } from '../../../src/core/geo'
import { toIsoShanghai, MINUTE } from '../../../src/core/time'
import type { Flag } from '../../../src/core/flags'
import { DocumentExists, TransactionContended, type TxStore } from '../../ports/store.port'
import { auditDoc } from '../../context/audit'
import { requireScope } from '../../context/authz'
import { memberOf, type Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import type { ActivityDoc, AttendanceDoc } from '../../model/activity'
import type { MemberDoc } from '../../model/org'
import { CHECKIN_OPENS_BEFORE, CHECKOUT_GRACE, attendanceId, loadActivity } from '../../queries/activities'
import { requireOrg } from '../../queries/orgs'
import { assertYearOpen } from '../../queries/year-settings'
import { ledgerEntry } from '../../services/ledger'

/** How far in the future a queued call's `scannedAt` may be (the phone's clock may run a little fast). */
export const SCAN_CLOCK_SKEW = 2 * MINUTE
const FAILURE_WINDOW = 10 * MINUTE
const MAX_FAILURES = 10
const BLOCK_FOR = 10 * MINUTE

export async function activityCode(b: BodyOf<'activity.code'>, ctx: Ctx, deps: Deps): Promise<CodeData> {
  const a = await loadActivity(deps, b.activityId)
  const estate = await requireOrg(deps.store, a.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  // The code is shown whenever asked (the screen says when check-in opens); the window is enforced where it
  // matters, at check-in and check-out.
  if (a.status === 'cancelled') fail('OUT_OF_WINDOW', '活动已取消')
  const code = issueCode(deps.hmac, a._id, ctx.now)
  return {
    qr: code.qr,
    shortCode: code.shortCode,
    expiresAt: toIsoShanghai(code.expiresAt),
    qrImage: deps.renderQr(code.qr),
    checkedIn: await deps.store.count('attendances', { activityId: a._id }),
  }
}

const blockedFor = (until: number, now: number) => `签到码错误次数过多，请 ${Math.ceil((until - now) / MINUTE)} 分钟后再试`

/**
 * Runs the rate-limit transaction. On the cloud database a burst of simultaneous attempts by one member makes the
 * transactions on that member's document conflict; one that still conflicts after the adapter's retries is refused
 * as rate limited, unjudged, rather than answered with an error.
 */
async function countAttempt(deps: Deps, fn: (tx: TxStore) => Promise<number | null>): Promise<number | null> {
  try {
    return await deps.store.transaction(fn)
  } catch (e) {
    if (e instanceof TransactionContended) return fail('RATE_LIMITED', '签到尝试过于频繁，请稍后再试')
    throw e
  }
}

/**
 * Judges a code attempt against the member's failure count as one atomic step: in one transaction on the member's
 * `rateLimits` document, an attempt is refused while blocked or once 10 failures are in the window (that refusal
 * starts the 10-minute block), and a failure is recorded before its verdict is answered. So a burst of guesses in
 * parallel gets at most 10 verdicts, and a right code in it is accepted only while fewer than 10 have failed.
 * Judging is pure (an HMAC comparison), so it makes no difference that it runs before the transaction: nothing of
 * it is answered until the transaction has decided. Only get/set by id run inside, as the cloud database needs.
 */
async function guardAttempts(ctx: Ctx, deps: Deps, memberId: string, attempt: () => CodeCheck, queued: boolean, unguessable: boolean) {
  const check = attempt()
  // An expired code sent from the offline queue is genuine, only late: not a failure.
  const genuine = check.ok || (check.reason === 'expired' && queued)
  if (genuine && unguessable) {
    // A correctly signed QR cannot be guessed, so only the block matters; a plain read keeps the hot path cheap.
    const rate = await deps.store.get('rateLimits', memberId)
    if (rate && rate.blockedUntil > ctx.now) fail('RATE_LIMITED', blockedFor(rate.blockedUntil, ctx.now))
    return check
  }
  const blockedUntil = await countAttempt(deps, async (tx) => {
    const cur = await tx.get('rateLimits', memberId)
    if (cur && cur.blockedUntil > ctx.now) return cur.blockedUntil
    const failures = (cur?.failures ?? []).filter((t) => t > ctx.now - FAILURE_WINDOW)
    if (failures.length >= MAX_FAILURES) {
      await tx.set('rateLimits', { _id: memberId, failures: [], blockedUntil: ctx.now + BLOCK_FOR })
      return ctx.now + BLOCK_FOR
    }
    if (!genuine) await tx.set('rateLimits', { _id: memberId, failures: [...failures, ctx.now], blockedUntil: cur?.blockedUntil ?? 0 })
    return null
  })
  if (blockedUntil !== null) fail('RATE_LIMITED', blockedFor(blockedUntil, ctx.now))
  if (genuine) return check
  if (check.reason === 'expired') fail('CODE_EXPIRED', '签到码已过期，请扫描屏幕上最新的二维码或输入最新的 6 位码')
  return fail('CODE_INVALID', '签到码无效，请核对后重试')
}

interface Resolved {
  member: MemberDoc
  activity: ActivityDoc
  /** When the code was shown: the moment the window is judged by. */
  codeTime: number
  late: boolean
  /** Came from the printed static code: valid only in the window, always reviewed. */
  viaStatic: boolean
}

async function resolveCode(b: BodyOf<'activity.checkin'>, ctx: Ctx, deps: Deps): Promise<Resolved> {
  const member = memberOf(ctx)
  if (!b.code && !(b.activityId && b.shortCode)) {
    fail('VALIDATION', '请扫描签到二维码（code），或选择活动并输入 6 位签到码（activityId + shortCode）', { field: 'code' })
  }
  const viaStatic = !!b.code && b.code.startsWith(`${STATIC_PREFIX}.`)
  // A queued 6-digit code is judged by the slot it was scanned in; `scannedAt` means nothing elsewhere (a signed
  // QR carries its own slot; a live call is judged by now).
  const scannedAt = b.queued && !b.code && b.scannedAt !== undefined ? b.scannedAt : undefined
  if (scannedAt !== undefined && scannedAt > ctx.now + SCAN_CLOCK_SKEW) {
    fail('VALIDATION', '扫码时间（scannedAt）不能晚于当前时间，请检查手机时间设置', { field: 'scannedAt' })
  }
  const check = await guardAttempts(
    ctx,
    deps,
    member._id,
    (): CodeCheck => {
      if (b.code && viaStatic) {
        const s = verifyStatic(deps.hmac, b.code)
        return s.ok ? { ok: true, activityId: s.activityId, slot: slotOf(ctx.now), fresh: true } : { ok: false, reason: 'invalid' }
      }
      if (b.code) return verifyQr(deps.hmac, b.code, ctx.now)
      // Refused above already: without a code, both the activity and the 6-digit code are sent.
      if (!b.activityId || !b.shortCode) return { ok: false, reason: 'invalid' }
      if (scannedAt !== undefined) return verifyShortCodeAt(deps.hmac, b.activityId, b.shortCode, scannedAt, ctx.now)
      return verifyShortCode(deps.hmac, b.activityId, b.shortCode, ctx.now)
    },
    !!b.queued,
    // A rotating QR carries a full signature; a 6-digit code and the printed code's short signature are guessable.
    !!b.code && !viaStatic,
  )
  if (!('activityId' in check)) return fail('CODE_INVALID', '签到码无效，请核对后重试')
  const activity = await loadActivity(deps, check.activityId)
  if (b.code && b.activityId && b.activityId !== activity._id) fail('CODE_INVALID', '二维码不属于所选活动')
  if (activity.estateBranchId !== member.estateBranchId) fail('FORBIDDEN', '只能签到本人报到小区的活动')
  if (activity.status !== 'published') fail('OUT_OF_WINDOW', activity.status === 'cancelled' ? '活动已取消' : '活动尚未发布')
  if (scannedAt !== undefined && scannedAt < activity.startAt - CHECKIN_OPENS_BEFORE) {
    fail('OUT_OF_WINDOW', `扫码时间（scannedAt）早于签到开放时间 ${toIsoShanghai(activity.startAt - CHECKIN_OPENS_BEFORE)}`)
  }
  const late = !check.ok
  const codeTime = late ? check.slot * SLOT_MS : ctx.now
  return { member, activity, codeTime, late, viaStatic }
}

export async function activityCheckin(b: BodyOf<'activity.checkin'>, ctx: Ctx, deps: Deps): Promise<CheckinResult> {
  const { member, activity, codeTime, late, viaStatic } = await resolveCode(b, ctx, deps)
  if (codeTime < activity.startAt - CHECKIN_OPENS_BEFORE)
    fail('OUT_OF_WINDOW', `签到尚未开始，将于 ${toIsoShanghai(activity.startAt - CHECKIN_OPENS_BEFORE)} 开放`)
  if (codeTime > activity.endAt) fail('OUT_OF_WINDOW', '活动已结束，签到已关闭')
  if (late && ctx.now > activity.endAt + CHECKOUT_GRACE) fail('OUT_OF_WINDOW', '已超过补交期限（活动结束后 2 小时）')

  const flags: Flag[] = []
  let distanceM: number | undefined
  if (late) flags.push('late_submit')
  if (viaStatic) flags.push('static_code')
  if (activity.location) {
    if (!b.location) flags.push('no_location')
    else {
      distanceM = Math.round(distanceMetres(activity.location, b.location))
      if (distanceM > activity.location.radiusM) flags.push('outside_radius')
    }
  }
  const id = attendanceId(activity._id, member._id)
  const autoApprove = activity.item.requiresApproval === false && flags.length === 0 && !activity.requireCheckout && !activity.item.perHour
  const result = (doc: AttendanceDoc, repeated: boolean): CheckinResult => ({
    attendanceId: doc._id,
    activityId: activity._id,
    activityTitle: activity.title,
    status: doc.status,
    repeated,
    flags: doc.flags,
  })
  try {
    return await deps.store.transaction(async (tx) => {
      const existing = await tx.get('attendances', id)
      if (existing) return result(existing, true)
      const doc: AttendanceDoc = {
        _id: id,
        activityId: activity._id,
        memberId: member._id,
        estateBranchId: activity.estateBranchId,
        unitBranchId: member.unitBranchId,
        year: activity.year,
        // A queued check-in whose code has expired counts from when its code was shown, not when it arrived.
        checkinAt: late ? codeTime : ctx.now,
        status: autoApprove ? 'approved' : 'pending',
        flags,
      }
      if (distanceM !== undefined) doc.distanceM = distanceM
      if (autoApprove) {
        await assertYearOpen(tx, activity.year)
        doc.points = activity.item.points
        doc.reviewedBy = 'auto'
        doc.reviewedAt = ctx.now
        await tx.create('ledger', ledgerEntry(activity, doc, ctx))
      }
      await tx.create('attendances', doc)
      await tx.create('audit', auditDoc(ctx, 'activity.checkin', id, null, { status: doc.status, flags }))
      return result(doc, false)
    })
  } catch (e) {
    if (e instanceof DocumentExists && e.collection === 'attendances') {
      const doc = await deps.store.get('attendances', id)
      if (doc) return result(doc, true)
    }
    throw e
  }
}

export async function activityCheckout(b: BodyOf<'activity.checkout'>, ctx: Ctx, deps: Deps): Promise<CheckinResult> {
  const { member, activity, codeTime, late, viaStatic } = await resolveCode(b, ctx, deps)
  if (codeTime > activity.endAt + CHECKOUT_GRACE) fail('OUT_OF_WINDOW', '已超过签退时间（活动结束后 2 小时）')
  // A queued check-out must also arrive by the deadline, like a queued check-in: after it the forgotten
  // check-out is closed automatically and only 补录 can change it.
  if (late && ctx.now > activity.endAt + CHECKOUT_GRACE) fail('OUT_OF_WINDOW', '已超过补交期限（活动结束后 2 小时）')
  const id = attendanceId(activity._id, member._id)
  return deps.store.transaction(async (tx) => {
    const cur = await tx.get('attendances', id)
    if (!cur) return fail('CONFLICT', '您尚未签到该活动，不能签退')
    const base = { attendanceId: cur._id, activityId: activity._id, activityTitle: activity.title }
    if (cur.checkoutAt !== undefined) return { ...base, status: cur.status, repeated: true, flags: cur.flags }
    const added: Flag[] = []
    if (late && !cur.flags.includes('late_submit')) added.push('late_submit')
    if (viaStatic && !cur.flags.includes('static_code')) added.push('static_code')
    const flags = [...cur.flags, ...added]
    const next: AttendanceDoc = { ...cur, checkoutAt: codeTime, flags }
    await tx.set('attendances', next)
    await tx.create('audit', auditDoc(ctx, 'activity.checkout', id, { checkoutAt: null }, { checkoutAt: codeTime }))
    return { ...base, status: next.status, repeated: false, flags }
  })
}
