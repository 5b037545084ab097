// Creating and reading activities: a secretary creates one under the rule set in force on its day; members read
// their own estate's, secretaries and admins the estates they cover.
import { fail } from '../../../src/core/errors'
import type { BodyOf } from '../../../src/core/contracts'
import type { ActivityView } from '../../../src/core/api-types'
import { DEFAULT_RADIUS_M } from '../../../src/core/geo'
import { shanghaiYear, toIsoShanghai, HOUR } from '../../../src/core/time'
import { toNumber } from '../../../src/core/scoring'
import { shanghaiDate } from '../../../src/core/working-days'
import { auditDoc } from '../../context/audit'
import { ADMIN_ROLES, covers, requireScope } from '../../context/authz'
import type { Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import { newId } from '../../context/ids'
import type { ActivityDoc } from '../../model/activity'
import type { OrgDoc } from '../../model/org'
import { CHECKIN_OPENS_BEFORE, attendanceId, loadActivity, requiresCheckout, signupId, statusOf } from '../../queries/activities'
import { requireOrg } from '../../queries/orgs'
import { rulesetInForce } from '../../queries/rulesets'
import { assertYearOpen } from '../../queries/year-settings'
import { closeMyForgotten } from '../../services/checkouts'

/** Members read their own estate; secretaries and admins read the estates they cover. */
async function readableEstate(ctx: Ctx, deps: Deps, estateBranchId?: string): Promise<{ estate: OrgDoc; staff: boolean }> {
  const own = ctx.member?.status === 'active' ? ctx.member.estateBranchId : null
  const id = estateBranchId ?? own ?? ctx.grants.find((g) => g.role === 'estate_secretary')?.scopeId
  if (!id) fail('VALIDATION', '请指定小区党支部（estateBranchId）', { field: 'estateBranchId' })
  const estate = await requireOrg(deps.store, id, 'estate', '小区党支部')
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
    const signup = await deps.store.get('signups', signupId(a._id, ctx.member._id))
    view.mySignup = signup?.status === 'signed_up'
    const found = await deps.store.get('attendances', attendanceId(a._id, ctx.member._id))
    const [mine] = found ? await closeMyForgotten(deps, ctx, [found], [a]) : []
    if (mine) {
      view.mine = { attendanceId: mine._id, status: mine.status, checkinAt: toIsoShanghai(mine.checkinAt), flags: mine.flags }
      if (mine.reason) view.mine.reason = mine.reason
      if (mine.checkoutAt) view.mine.checkoutAt = toIsoShanghai(mine.checkoutAt)
    }
  }
  return view
}

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
  const rs = ruleset
  const item = rs.items.find((i) => i.code === b.itemCode)
  if (!item) fail('VALIDATION', `积分细则（itemCode）${b.itemCode} 不在现行积分明细中`, { field: 'itemCode' })
  if (item.points < 0) fail('VALIDATION', '负面清单条目不能用于志愿服务活动', { field: 'itemCode' })
  const status = b.draft ? ('draft' as const) : ('published' as const)
  const doc: ActivityDoc = {
    _id: newId('A'),
    estateBranchId: estate._id,
    title: b.title,
    startAt: b.startAt,
    endAt: b.endAt,
    year,
    item,
    rulesetId: rs._id,
    rulesetVersion: rs.version,
    minPresenceRatio: rs.minPresenceRatio,
    requireCheckout: requiresCheckout(item, b.requireCheckout),
    status,
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
  return { activityId: doc._id, status }
}

export async function activityList(b: BodyOf<'activity.list'>, ctx: Ctx, deps: Deps): Promise<ActivityView[]> {
  const { estate, staff } = await readableEstate(ctx, deps, b.estateBranchId)
  const all = await deps.store.find('activities', { estateBranchId: estate._id }, { orderBy: { field: 'startAt', dir: 'desc' }, limit: 200 })
  const visible = staff ? all : all.filter((a) => a.status !== 'draft')
  return Promise.all(visible.map((a) => activityView(deps, a, ctx, estate.name)))
}

export async function activityGet(b: BodyOf<'activity.get'>, ctx: Ctx, deps: Deps): Promise<ActivityView> {
  const a = await loadActivity(deps, b.activityId)
  const { estate, staff } = await readableEstate(ctx, deps, a.estateBranchId)
  if (!staff && a.status === 'draft') fail('NOT_FOUND', `活动不存在：${b.activityId}`)
  return activityView(deps, a, ctx, estate.name)
}
