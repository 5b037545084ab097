// Moving estate or unit branch (搬家、工作调动) is its own request, never a second registration (docs/DESIGN.md#the-action-contract). The
// secretary of the estate the member moves to decides (of their own estate, for a change of unit only). On
// approval the member's branches change at once; their earlier branches are kept in `history`, and entries earned
// so far stay with the branch they were earned in (the ledger records it). The year's total uses the branches the
// member is registered with at tally time.
import { fail } from '../../../src/core/errors'
import type { BodyOf } from '../../../src/core/contracts'
import { toIsoShanghai, shanghaiYear } from '../../../src/core/time'
import type { MoveView } from '../../../src/core/api-types'
import { auditDoc } from '../../context/audit'
import { covers, requireScope } from '../../context/authz'
import { memberOf, type Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import { keyId } from '../../context/ids'
import type { MemberDoc, MoveDoc } from '../../model/org'
import { getOrg, requireOrg } from '../../queries/orgs'
import { assertYearOpen } from '../../queries/year-settings'

/** One request per member at a time: the document holds the latest; earlier ones live on in the audit. */
export const moveId = (memberId: string) => keyId('MV', memberId)

async function moveView(deps: Deps, d: MoveDoc, memberName?: string): Promise<MoveView> {
  const name = async (id: string | null) => (id ? (await getOrg(deps.store, id))?.name : undefined)
  const side = async (s: MoveDoc['from']) => ({ ...s, estateBranchName: await name(s.estateBranchId), unitBranchName: await name(s.unitBranchId) })
  const v: MoveView = {
    requestId: d._id,
    memberId: d.memberId,
    from: await side(d.from),
    to: await side(d.to),
    reason: d.reason,
    status: d.status,
    createdAt: toIsoShanghai(d.createdAt),
  }
  if (memberName) v.memberName = memberName
  if (d.answer) v.answer = d.answer
  if (d.decidedAt) v.decidedAt = toIsoShanghai(d.decidedAt)
  return v
}

export async function moveRequest(b: BodyOf<'member.requestMove'>, ctx: Ctx, deps: Deps): Promise<MoveView> {
  const m = memberOf(ctx)
  const toEstate = b.estateBranchId ?? m.estateBranchId
  const toUnit = b.unitBranchId ?? m.unitBranchId
  if (toEstate === m.estateBranchId && toUnit === m.unitBranchId)
    fail('VALIDATION', '请选择新的小区党支部或单位党支部（与现在相同）', { field: 'estateBranchId' })
  if (b.estateBranchId) await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  if (b.unitBranchId) await requireOrg(deps.store, b.unitBranchId, 'unitBranch', '单位党支部')
  const decider = toEstate ?? m.estateBranchId
  if (!decider) fail('CONFLICT', '请先完成小区报到')
  const doc: MoveDoc = {
    _id: moveId(m._id),
    memberId: m._id,
    from: { estateBranchId: m.estateBranchId, unitBranchId: m.unitBranchId },
    to: { estateBranchId: toEstate, unitBranchId: toUnit },
    deciderEstateId: decider,
    reason: b.reason,
    status: 'pending',
    createdAt: ctx.now,
  }
  const same = (a: MoveDoc) =>
    a.status === 'pending' && a.to.estateBranchId === doc.to.estateBranchId && a.to.unitBranchId === doc.to.unitBranchId && a.reason === doc.reason
  const saved = await deps.store.transaction(async (tx) => {
    const cur = await tx.get('moves', doc._id)
    if (cur && same(cur)) return cur // a retried request
    if (cur?.status === 'pending') fail('CONFLICT', '您已有一条待审核的变更申请，请等待书记处理或先撤回')
    await tx.set('moves', doc)
    await tx.create(
      'audit',
      auditDoc(ctx, 'member.requestMove', doc._id, cur ? { status: cur.status } : null, { from: doc.from, to: doc.to, reason: doc.reason }),
    )
    return doc
  })
  return moveView(deps, saved)
}

export async function moveMine(_b: BodyOf<'member.myMove'>, ctx: Ctx, deps: Deps): Promise<MoveView | null> {
  const d = await deps.store.get('moves', moveId(memberOf(ctx)._id))
  return d ? moveView(deps, d) : null
}

export async function moveWithdraw(_b: BodyOf<'member.withdrawMove'>, ctx: Ctx, deps: Deps): Promise<MoveView> {
  const id = moveId(memberOf(ctx)._id)
  const d = await deps.store.transaction(async (tx) => {
    const cur = await tx.get('moves', id)
    if (!cur || cur.status !== 'pending') return fail('CONFLICT', '没有待审核的变更申请')
    const next: MoveDoc = { ...cur, status: 'withdrawn', decidedAt: ctx.now, decidedBy: ctx.openid }
    await tx.set('moves', next)
    await tx.create('audit', auditDoc(ctx, 'member.withdrawMove', id, { status: 'pending' }, { status: 'withdrawn' }))
    return next
  })
  return moveView(deps, d)
}

export async function moveList(b: BodyOf<'member.moveList'>, ctx: Ctx, deps: Deps): Promise<MoveView[]> {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  const docs = await deps.store.find(
    'moves',
    { deciderEstateId: estate._id, status: b.status ?? 'pending' },
    { orderBy: { field: 'createdAt', dir: 'asc' } },
  )
  const out: MoveView[] = []
  for (const d of docs) out.push(await moveView(deps, d, (await deps.store.get('members', d.memberId))?.name))
  return out
}

export async function moveResolve(b: BodyOf<'member.resolveMove'>, ctx: Ctx, deps: Deps): Promise<MoveView> {
  if (b.decision === 'reject' && !b.reason) fail('VALIDATION', '不同意时必须填写理由（reason）', { field: 'reason' })
  const cur = await deps.store.get('moves', b.requestId)
  if (!cur) fail('NOT_FOUND', `变更申请不存在：${b.requestId}`)
  const req = cur
  const estate = await getOrg(deps.store, req.deciderEstateId)
  if (!estate || !covers(ctx, ['estate_secretary'], estate)) fail('FORBIDDEN', '无权处理其他小区的变更申请')
  if (b.decision === 'approve') await assertYearOpen(deps.store, shanghaiYear(ctx.now))
  const done = await deps.store.transaction(async (tx) => {
    const r = await tx.get('moves', b.requestId)
    if (!r || r.status !== 'pending') return fail('CONFLICT', '该申请已处理或已撤回')
    const next: MoveDoc = { ...r, status: b.decision === 'approve' ? 'approved' : 'rejected', decidedBy: ctx.openid, decidedAt: ctx.now }
    if (b.reason) next.answer = b.reason
    if (b.decision === 'approve') {
      const m = await tx.get('members', r.memberId)
      if (!m || m.status !== 'active') return fail('CONFLICT', '该党员当前不是已报到状态，不能变更')
      if (m.estateBranchId !== r.from.estateBranchId || m.unitBranchId !== r.from.unitBranchId)
        return fail('CONFLICT', '该党员的报到信息已变化，请让其重新申请')
      const moved: MemberDoc = {
        ...m,
        estateBranchId: r.to.estateBranchId,
        unitBranchId: r.to.unitBranchId,
        history: [...(m.history ?? []), { estateBranchId: m.estateBranchId, unitBranchId: m.unitBranchId, until: ctx.now }],
        updatedAt: ctx.now,
      }
      await tx.set('members', moved)
      await tx.create('audit', auditDoc(ctx, 'member.move', m._id, r.from, r.to))
    }
    await tx.set('moves', next)
    await tx.create('audit', auditDoc(ctx, 'member.resolveMove', r._id, { status: 'pending' }, { status: next.status, reason: b.reason }))
    return next
  })
  return moveView(deps, done, (await deps.store.get('members', done.memberId))?.name)
}
