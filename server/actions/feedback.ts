// The 双报告 feedback: the estate's 评语 on each member, and the table unit branches (and admins) read.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import { toIsoShanghai } from '../../src/core/time'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { RemarkDoc } from '../model/score'
import { FEEDBACK_READERS, feedbackTable } from '../queries/feedback'
import { requireOrg } from '../queries/orgs'
import { assertYearOpen } from '../queries/year-settings'

const remarkId = (year: number, memberId: string) => `RM_${year}_${memberId}`

export async function feedbackRemark(b: BodyOf<'feedback.remark'>, ctx: Ctx, deps: Deps) {
  const member = await deps.store.get('members', b.memberId)
  if (!member || member.status !== 'active' || !member.estateBranchId) fail('NOT_FOUND', `党员不存在或尚未完成报到：${b.memberId}`)
  const m = member
  const estate = await requireOrg(deps.store, member.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate, '其他小区的党员')
  await assertYearOpen(deps.store, b.year)
  const doc: RemarkDoc = {
    _id: remarkId(b.year, m._id),
    memberId: m._id,
    year: b.year,
    estateBranchId: estate._id,
    remark: b.remark,
    by: ctx.openid,
    at: ctx.now,
  }
  await deps.store.transaction(async (tx) => {
    const before = await tx.get('remarks', doc._id)
    await tx.set('remarks', doc)
    await tx.create('audit', auditDoc(ctx, 'feedback.remark', doc._id, before ? { remark: before.remark } : null, { remark: b.remark }))
  })
  return { memberId: m._id, year: b.year, remark: b.remark }
}

/** The estate's 评语 of a year read back: the secretary sees what was sent and who has none yet. */
export async function feedbackRemarks(b: BodyOf<'feedback.remarks'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  const docs = await deps.store.find('remarks', { estateBranchId: estate._id, year: b.year })
  const rows = docs
    .map((d) => ({ memberId: d.memberId, remark: d.remark, at: toIsoShanghai(d.at) }))
    .sort((x, y) => x.memberId.localeCompare(y.memberId))
  return { estateBranchId: estate._id, year: b.year, rows }
}

/**
 * The 双报告 table: a unit secretary asks for their branch (unitBranchId); a county, street or community admin for
 * a scope (scopeId), which holds every member whose unit branch OR estate branch lies in it.
 */
export async function feedbackList(b: BodyOf<'feedback.list'>, ctx: Ctx, deps: Deps) {
  const { unitBranchId, scopeId } = b
  const scope =
    unitBranchId && !scopeId
      ? await requireOrg(deps.store, unitBranchId, 'unitBranch', '单位党支部')
      : scopeId && !unitBranchId
        ? await requireOrg(deps.store, scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
        : fail('VALIDATION', '请指定单位党支部（unitBranchId）或范围（scopeId），二者取其一', { field: unitBranchId ? 'scopeId' : 'unitBranchId' })
  requireScope(ctx, FEEDBACK_READERS, scope)
  return feedbackTable(deps, scope, b.year)
}
