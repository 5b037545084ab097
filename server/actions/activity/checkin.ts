// 志愿服务活动, 签到/签退 and 审核. One attendance per member and activity is guaranteed by its deterministic
// id; an approval and its ledger entry are written in one transaction.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import type { ActivityStatus, ActivityView, AttendanceStatus, AttendanceView, CheckinResult, CodeData, ReviewResult } from '../../src/core/api-types'
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
} from '../../src/core/rotating-code'
import { distanceMetres, DEFAULT_RADIUS_M } from '../../src/core/geo'
import { pointsFor } from '../../src/core/presence'
import { shanghaiYear, toIsoShanghai, HOUR, MINUTE } from '../../src/core/time'
import { toNumber, type RuleItem } from '../../src/core/scoring'
import { maskPhone } from '../../src/core/privacy'
import type { Flag } from '../../src/core/flags'
import { DocumentExists, OneOf, type Store, type TxStore } from '../ports/store.port'
import {
  ADMIN_ROLES,
  assertYearOpen,
  auditDoc,
  covers,
  findIn,
  getOrg,
  keyId,
  newId,
  requireOrg,
  requireScope,
  yearSettings,
  type Ctx,
  type Deps,
  type MemberDoc,
  type OrgDoc,
} from '../context'
import { rulesetInForce } from './rulesets'
import { shanghaiDate } from '../../src/core/working-days'

export const CHECKIN_OPENS_BEFORE = 30 * MINUTE
export const CHECKOUT_GRACE = 2 * HOUR
/** How far in the future a queued call's `scannedAt` may be (the phone's clock may run a little fast). */
export const SCAN_CLOCK_SKEW = 2 * MINUTE
const FAILURE_WINDOW = 10 * MINUTE
const MAX_FAILURES = 10
const BLOCK_FOR = 10 * MINUTE

export interface ActivityDoc {
  _id: string
  estateBranchId: string
  title: string
  description?: string
  startAt: number
  endAt: number
  year: number
  item: RuleItem
  rulesetId: string
  rulesetVersion: number
  minPresenceRatio: number
  capacity?: number
  requireCheckout: boolean
  location?: { lat: number; lng: number; radiusM: number; address?: string }
  status: 'draft' | 'published' | 'cancelled'
  /** Active sign-ups, kept on the activity so the capacity check and the sign-up are one transaction. */
  signedUp?: number
  cancelReason?: string
  cancelledAt?: number
  createdBy: string
  createdAt: number
}

export interface SignupDoc {
  _id: string
  activityId: string
  memberId: string
  status: 'signed_up' | 'cancelled'
  at: number
}

export interface AttendanceDoc {
  _id: string
  activityId: string
  memberId: string
  estateBranchId: string
  unitBranchId: string
  year: number
  checkinAt: number
  checkoutAt?: number
  status: AttendanceStatus
  /** Reasons for review, from the one vocabulary in src/core/flags.ts. */
  flags: Flag[]
  distanceM?: number
  points?: number
  reason?: string
  reviewedBy?: string
  reviewedAt?: number
  backfilledBy?: string
  /**
   * How many times the record was re-opened for review after a revocation (补录 of a forgotten check-out); each
   * round has its own deterministic ledger id, so one approval per round still writes one entry.
   */
  round?: number
  /** A claim (自主申报) rides the same review path; its `activityId` is its own id. */
  kind?: 'claim'
  claim?: ClaimInfo
}

/** What a member claimed: the rule item and version in force on the day, and the evidence. */
export interface ClaimInfo {
  title: string
  description: string
  occurredOn: string
  minutes?: number
  photos: string[]
  item: RuleItem
  rulesetId: string
  rulesetVersion: number
}

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
  const activities = new Map([...known, ...(await findIn<ActivityDoc>(store, 'activities', '_id', activityIds)).map((a) => [a._id, a] as const)])
  const out = new Map<string, Basis>()
  for (const d of docs) {
    const basis = d.claim ? claimBasis(d.claim) : activities.get(d.activityId)
    if (basis) out.set(d._id, basis)
  }
  return out
}

export interface LedgerDoc {
  _id: string
  memberId: string
  estateBranchId: string
  unitBranchId: string
  year: number
  kind: 'activity' | 'reversal' | 'adjustment' | 'deduction' | 'claim'
  itemCode: string
  itemName: string
  category: string
  points: number
  rulesetId: string
  rulesetVersion: number
  sourceId: string
  /** On a reversal: the ledger entry it cancels. */
  reverses?: string
  reason?: string
  /** On a deduction: the secretary's written evidence and photo ids (shown to the member with signed URLs). */
  evidence?: string
  evidencePhotos?: string[]
  title: string
  at: number
  createdAt: number
  createdBy: string
}

interface RateDoc {
  _id: string
  failures: number[]
  blockedUntil: number
}

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
  const a = await deps.store.get<ActivityDoc>('activities', id)
  if (!a) fail('NOT_FOUND', `活动不存在：${id}`)
  return a as ActivityDoc
}

/** Members read their own estate; secretaries and admins read the estates they cover. */
async function readableEstate(ctx: Ctx, deps: Deps, estateBranchId?: string): Promise<{ estate: OrgDoc; staff: boolean }> {
  const own = ctx.member?.status === 'active' ? ctx.member.estateBranchId : null
  const id = estateBranchId ?? own ?? ctx.grants.find((g) => g.role === 'estate_secretary')?.scopeId
  if (!id) fail('VALIDATION', '请指定小区党支部（estateBranchId）', { field: 'estateBranchId' })
  const estate = await requireOrg(deps.store, id as string, 'estate', '小区党支部')
  const staff = covers(ctx, ['estate_secretary', ...ADMIN_ROLES], estate)
  if (!staff && own !== estate._id) fail('FORBIDDEN', `无权查看其他小区的活动（${estate.name}）`)
  return { estate, staff }
}

async function activityView(deps: Deps, a: ActivityDoc, ctx: Ctx, estateName?: string): Promise<ActivityView> {
  const view: ActivityView = {
    id: a._id,
    estateBranchId: a.estateBranchId,
    title: a.title,
    startAt: toIsoShanghai(a.startAt),
    endAt: toIsoShanghai(a.endAt),
    checkinOpensAt: toIsoShanghai(a.startAt - CHECKIN_OPENS_BEFORE),
    itemCode: a.item.code,
    itemName: a.item.name,
    points: toNumber(a.item.points),
    perHour: !!a.item.perHour,
    requireCheckout: a.requireCheckout,
    status: statusOf(a, ctx.now),
    checkedIn: await deps.store.count('attendances', { activityId: a._id }),
    signedUp: a.signedUp ?? 0,
    mySignup: false,
  }
  if (a.cancelReason) view.cancelReason = a.cancelReason
  if (estateName) view.estateBranchName = estateName
  if (a.description) view.description = a.description
  if (a.capacity) view.capacity = a.capacity
  if (a.location) view.location = a.location
  if (ctx.member) {
    const signup = await deps.store.get<SignupDoc>('signups', signupId(a._id, ctx.member._id))
    view.mySignup = signup?.status === 'signed_up'
    const found = await deps.store.get<AttendanceDoc>('attendances', attendanceId(a._id, ctx.member._id))
    const [mine] = found ? await closeMyForgotten(deps, ctx, [found], [a]) : []
    if (mine) {
      view.mine = { attendanceId: mine._id, status: mine.status, checkinAt: toIsoShanghai(mine.checkinAt), flags: mine.flags }
      if (mine.reason) view.mine.reason = mine.reason
      if (mine.checkoutAt) view.mine.checkoutAt = toIsoShanghai(mine.checkoutAt)
    }
  }
  return view
}

/**
 * Whether an activity asks for a check-out. Points per hour are paid by minutes present, which needs a check-out:
 * for such an item check-out is forced on, whatever was asked — simpler for secretaries than refusing the form
 * (and `requireCheckout: false` on an hour-based item could only ever pay 0 points). Use it on every create/edit.
 */
export const requiresCheckout = (item: RuleItem, requested: boolean | undefined): boolean => !!item.perHour || (requested ?? false)

export async function activityCreate(b: BodyOf<'activity.create'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  if (b.endAt <= b.startAt) fail('VALIDATION', '结束时间（endAt）必须晚于开始时间（startAt）', { field: 'endAt' })
  if (b.endAt - b.startAt > 7 * 24 * HOUR) fail('VALIDATION', '活动时长不能超过 7 天', { field: 'endAt' })
  const year = shanghaiYear(b.startAt)
  await assertYearOpen(deps.store, year)
  // Points are earned under the version in force on the day of the activity.
  const ruleset = await rulesetInForce(deps.store, estate._id, year, shanghaiDate(b.startAt))
  if (!ruleset) fail('CONFLICT', `${estate.name} ${year} 年度尚未采用积分明细，请先经党员大会通过后再创建活动`)
  const rs = ruleset as NonNullable<typeof ruleset>
  const item = rs.items.find((i) => i.code === b.itemCode)
  if (!item) fail('VALIDATION', `积分细则（itemCode）${b.itemCode} 不在现行积分明细中`, { field: 'itemCode' })
  if ((item as RuleItem).points < 0) fail('VALIDATION', '负面清单条目不能用于志愿服务活动', { field: 'itemCode' })
  const doc: ActivityDoc = {
    _id: newId('A'),
    estateBranchId: estate._id,
    title: b.title,
    startAt: b.startAt,
    endAt: b.endAt,
    year,
    item: item as RuleItem,
    rulesetId: rs._id,
    rulesetVersion: rs.version,
    minPresenceRatio: rs.minPresenceRatio,
    requireCheckout: requiresCheckout(item as RuleItem, b.requireCheckout),
    status: b.draft ? 'draft' : 'published',
    createdBy: ctx.openid,
    createdAt: ctx.now,
  }
  if (b.description) doc.description = b.description
  if (b.capacity) doc.capacity = b.capacity
  if (b.location)
    doc.location = {
      lat: b.location.lat,
      lng: b.location.lng,
      radiusM: b.location.radiusM ?? DEFAULT_RADIUS_M,
      ...(b.location.address ? { address: b.location.address } : {}),
    }
  await deps.store.transaction(async (tx) => {
    await tx.create('activities', doc)
    await tx.create('audit', auditDoc(ctx, 'activity.create', doc._id, null, { title: doc.title, status: doc.status }))
  })
  return { activityId: doc._id, status: doc.status }
}

export async function activityList(b: BodyOf<'activity.list'>, ctx: Ctx, deps: Deps): Promise<ActivityView[]> {
  const { estate, staff } = await readableEstate(ctx, deps, b.estateBranchId)
  const all = await deps.store.find<ActivityDoc>(
    'activities',
    { estateBranchId: estate._id },
    { orderBy: { field: 'startAt', dir: 'desc' }, limit: 200 },
  )
  const visible = staff ? all : all.filter((a) => a.status !== 'draft')
  return Promise.all(visible.map((a) => activityView(deps, a, ctx, estate.name)))
}

export async function activityGet(b: BodyOf<'activity.get'>, ctx: Ctx, deps: Deps): Promise<ActivityView> {
  const a = await loadActivity(deps, b.activityId)
  const { estate, staff } = await readableEstate(ctx, deps, a.estateBranchId)
  if (!staff && a.status === 'draft') fail('NOT_FOUND', `活动不存在：${b.activityId}`)
  return activityView(deps, a, ctx, estate.name)
}

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

/** Refuses while the member is blocked; a failed attempt is counted, and the one past the limit blocks. */
async function guardAttempts(ctx: Ctx, deps: Deps, memberId: string, attempt: () => CodeCheck, queued: boolean) {
  const rate = await deps.store.get<RateDoc>('rateLimits', memberId)
  if (rate && rate.blockedUntil > ctx.now) {
    fail('RATE_LIMITED', `签到码错误次数过多，请 ${Math.ceil((rate.blockedUntil - ctx.now) / MINUTE)} 分钟后再试`)
  }
  const check = attempt()
  if (check.ok || (check.reason === 'expired' && queued)) return check
  const blocked = await deps.store.transaction(async (tx) => {
    const cur = (await tx.get<RateDoc>('rateLimits', memberId)) ?? { _id: memberId, failures: [], blockedUntil: 0 }
    const failures = [...cur.failures.filter((t) => t > ctx.now - FAILURE_WINDOW), ctx.now]
    const over = failures.length > MAX_FAILURES
    await tx.set('rateLimits', { _id: memberId, failures: over ? [] : failures, blockedUntil: over ? ctx.now + BLOCK_FOR : cur.blockedUntil })
    return over
  })
  if (blocked) fail('RATE_LIMITED', '签到码错误次数过多，请 10 分钟后再试')
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
  const member = ctx.member as MemberDoc
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
      if (viaStatic) {
        const s = verifyStatic(deps.hmac, b.code as string)
        return s.ok ? { ok: true, activityId: s.activityId, slot: slotOf(ctx.now), fresh: true } : { ok: false, reason: 'invalid' }
      }
      if (b.code) return verifyQr(deps.hmac, b.code, ctx.now)
      if (scannedAt !== undefined) return verifyShortCodeAt(deps.hmac, b.activityId as string, b.shortCode as string, scannedAt, ctx.now)
      return verifyShortCode(deps.hmac, b.activityId as string, b.shortCode as string, ctx.now)
    },
    !!b.queued,
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
      const existing = await tx.get<AttendanceDoc>('attendances', id)
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
      const doc = await deps.store.get<AttendanceDoc>('attendances', id)
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
    const cur = await tx.get<AttendanceDoc>('attendances', id)
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

export function ledgerEntry(activity: Basis, att: AttendanceDoc, ctx: Ctx): LedgerDoc {
  return {
    _id: ledgerIdFor(att._id, att.round),
    memberId: att.memberId,
    estateBranchId: att.estateBranchId,
    unitBranchId: att.unitBranchId,
    year: activity.year,
    kind: att.claim ? 'claim' : 'activity',
    itemCode: activity.item.code,
    itemName: activity.item.name,
    category: activity.item.category,
    points: att.points ?? 0,
    rulesetId: activity.rulesetId,
    rulesetVersion: activity.rulesetVersion,
    sourceId: att._id,
    title: activity.title,
    at: activity.startAt,
    createdAt: ctx.now,
    createdBy: ctx.openid,
  }
}

async function attendanceViews(deps: Deps, docs: AttendanceDoc[], fullPhone: boolean): Promise<AttendanceView[]> {
  const memberIds = [...new Set(docs.map((d) => d.memberId))]
  const members = new Map((await findIn<MemberDoc>(deps.store, 'members', '_id', memberIds)).map((m) => [m._id, m]))
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

// Activities created before check-out was forced for hour-based items still need one for them.
const needsCheckout = (activity: ActivityDoc) => requiresCheckout(activity.item, activity.requireCheckout)

/** A pending attendance still without the check-out its activity needs, once the deadline (end + 2 h) has passed. */
const isForgotten = (d: AttendanceDoc, activity: ActivityDoc, now: number) =>
  !d.claim && d.status === 'pending' && d.checkoutAt === undefined && needsCheckout(activity) && now > activity.endAt + CHECKOUT_GRACE

/** Closes one forgotten check-out (re-checked inside the transaction); the closed record, or null if none was due. */
async function closeForgotten(deps: Deps, ctx: Ctx, activity: ActivityDoc, id: string): Promise<AttendanceDoc | null> {
  return deps.store.transaction(async (tx) => {
    const cur = await tx.get<AttendanceDoc>('attendances', id)
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
  const open = (await deps.store.find<AttendanceDoc>('attendances', { activityId: activity._id, status: 'pending' })).filter((a) =>
    isForgotten(a, activity, ctx.now),
  )
  let closed = 0
  for (const a of open) if (await closeForgotten(deps, ctx, activity, a._id)) closed++
  return closed
}

/** The same close for a member's own records as they read them; returns the records with the closed ones updated. */
async function closeMyForgotten(deps: Deps, ctx: Ctx, docs: AttendanceDoc[], known: ActivityDoc[] = []): Promise<AttendanceDoc[]> {
  const open = docs.filter((d) => !d.claim && d.status === 'pending' && d.checkoutAt === undefined)
  if (!open.length) return docs
  const activities = new Map(known.map((a) => [a._id, a] as const))
  const missing = [...new Set(open.map((d) => d.activityId))].filter((id) => !activities.has(id))
  for (const a of await findIn<ActivityDoc>(deps.store, 'activities', '_id', missing)) activities.set(a._id, a)
  const closed = new Map<string, AttendanceDoc>()
  for (const d of open) {
    const activity = activities.get(d.activityId)
    if (!activity || !isForgotten(d, activity, ctx.now)) continue
    const next = (await closeForgotten(deps, ctx, activity, d._id)) ?? (await deps.store.get<AttendanceDoc>('attendances', d._id))
    if (next) closed.set(d._id, next)
  }
  return closed.size ? docs.map((d) => closed.get(d._id) ?? d) : docs
}

export async function attendanceList(b: BodyOf<'attendance.list'>, ctx: Ctx, deps: Deps): Promise<AttendanceView[]> {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  const filter: Record<string, string> = { estateBranchId: estate._id, status: b.status ?? 'pending' }
  if (b.activityId) filter.activityId = b.activityId
  let docs = await deps.store.find<AttendanceDoc>('attendances', filter, { orderBy: { field: 'checkinAt', dir: 'asc' }, limit: 1000 })
  if (filter.status === 'pending') {
    let closed = 0
    for (const id of new Set(docs.filter((d) => !d.claim).map((d) => d.activityId)))
      closed += await closeForgottenCheckouts(deps, ctx, await loadActivity(deps, id))
    if (closed) docs = await deps.store.find<AttendanceDoc>('attendances', filter, { orderBy: { field: 'checkinAt', dir: 'asc' }, limit: 1000 })
  }
  return attendanceViews(deps, docs, true)
}

export async function attendanceMine(_b: BodyOf<'attendance.mine'>, ctx: Ctx, deps: Deps): Promise<AttendanceView[]> {
  const docs = await deps.store.find<AttendanceDoc>(
    'attendances',
    { memberId: (ctx.member as MemberDoc)._id },
    { orderBy: { field: 'checkinAt', dir: 'desc' }, limit: 500 },
  )
  return attendanceViews(deps, await closeMyForgotten(deps, ctx, docs), true)
}

async function reviewOne(
  tx: TxStore,
  id: string,
  b: BodyOf<'attendance.review'>,
  ctx: Ctx,
  bases: Map<string, Basis>,
): Promise<'approved' | 'rejected' | 'skipped'> {
  const cur = await tx.get<AttendanceDoc>('attendances', id)
  if (!cur || cur.status !== 'pending') return 'skipped'
  const activity = bases.get(cur._id) as Basis
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
  await tx.create(
    'audit',
    auditDoc(ctx, 'attendance.review', id, { status: 'pending' }, { status: next.status, points: next.points, reason: b.reason }),
  )
  return next.status as 'approved' | 'rejected'
}

export async function attendanceReview(b: BodyOf<'attendance.review'>, ctx: Ctx, deps: Deps): Promise<ReviewResult> {
  if (b.decision === 'reject' && !b.reason) fail('VALIDATION', '驳回时必须填写理由（reason）', { field: 'reason' })
  const ids = [...new Set(b.attendanceIds)]
  const docs = await deps.store.find<AttendanceDoc>('attendances', { _id: new OneOf(ids) })
  if (docs.length !== ids.length) {
    const missing = ids.filter((id) => !docs.some((d) => d._id === id))
    fail('NOT_FOUND', `签到记录不存在：${missing.join('、')}`, { ids: missing })
  }
  // Authorise every record before changing any, so a batch with another estate's record changes nothing.
  const estates = new Map<string, OrgDoc>()
  for (const d of docs) {
    const estate = estates.get(d.estateBranchId) ?? ((await getOrg(deps.store, d.estateBranchId)) as OrgDoc)
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
