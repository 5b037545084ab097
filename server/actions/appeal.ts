// Appeals during 公示: a member appeals an entry, a rejection or the total; the secretary answers, with an
// adjustment when accepted.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import { shanghaiDate } from '../../src/core/working-days'
import { toIsoShanghai } from '../../src/core/time'
import { DocumentExists, OneOf } from '../ports/store.port'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import { memberOf, type Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { keyId } from '../context/ids'
import type { AppealDoc } from '../model/year'
import { basesOf } from '../queries/activities'
import { requireOrg } from '../queries/orgs'
import { publicityId, publicityStatus } from '../queries/publicity'
import { assertYearOpen } from '../queries/year-settings'
import { adjustmentEntry } from '../services/ledger'
import { queueAppealAnswer } from '../services/notify'

function appealView(a: AppealDoc) {
  return {
    appealId: a._id,
    memberId: a.memberId,
    estateBranchId: a.estateBranchId,
    year: a.year,
    target: a.target,
    ...(a.targetId ? { targetId: a.targetId } : {}),
    reason: a.reason,
    status: a.status,
    createdAt: toIsoShanghai(a.createdAt),
    ...(a.answer ? { answer: a.answer } : {}),
    ...(a.resolvedAt ? { resolvedAt: toIsoShanghai(a.resolvedAt) } : {}),
    ...(a.adjustmentId ? { adjustmentId: a.adjustmentId } : {}),
  }
}

export async function appealCreate(b: BodyOf<'appeal.create'>, ctx: Ctx, deps: Deps) {
  const member = memberOf(ctx)
  if (!member.estateBranchId) fail('CONFLICT', '尚未报到到小区')
  await assertYearOpen(deps.store, b.year)
  const p = await deps.store.get('publicity', publicityId(member.estateBranchId, b.year))
  if (!p || publicityStatus(p, shanghaiDate(ctx.now)) !== 'open') {
    fail('OUT_OF_WINDOW', p ? `申诉只能在公示期内提交（${p.startOn} 至 ${p.endOn}）` : `${b.year} 年度积分尚未公示，公示期内才能申诉`)
  }
  if (b.target === 'total' && b.targetId) fail('VALIDATION', '对总分申诉时不需要 targetId', { field: 'targetId' })
  if (b.target !== 'total') {
    if (!b.targetId) fail('VALIDATION', '请指明申诉的记录（targetId）', { field: 'targetId' })
    const found = b.target === 'entry' ? await deps.store.get('ledger', b.targetId) : await deps.store.get('attendances', b.targetId)
    const mine = found && found.memberId === member._id && found.year === b.year
    // Only an attendance has a status: a rejection's target.
    const rejected = !!found && 'status' in found && found.status === 'rejected'
    if (!mine || (b.target === 'rejection' && !rejected)) {
      fail('NOT_FOUND', b.target === 'entry' ? '没有找到您该年度的这条积分流水' : '没有找到您该年度被驳回的这次签到')
    }
  }
  const doc: AppealDoc = {
    _id: keyId('AP', member._id, String(b.year), b.target, b.targetId ?? ''),
    memberId: member._id,
    estateBranchId: member.estateBranchId,
    year: b.year,
    target: b.target,
    reason: b.reason,
    status: 'open',
    createdAt: ctx.now,
  }
  if (b.targetId) doc.targetId = b.targetId
  try {
    await deps.store.transaction(async (tx) => {
      await tx.create('appeals', doc)
      await tx.create('audit', auditDoc(ctx, 'appeal.create', doc._id, null, { target: b.target, targetId: b.targetId }))
    })
  } catch (e) {
    if (e instanceof DocumentExists && e.collection === 'appeals') fail('CONFLICT', '您已就此提交过申诉，请在“我的申诉”查看答复')
    throw e
  }
  return appealView(doc)
}

export async function appealMine(b: BodyOf<'appeal.mine'>, ctx: Ctx, deps: Deps) {
  const docs = await deps.store.find('appeals', { memberId: memberOf(ctx)._id, year: b.year }, { orderBy: { field: 'createdAt', dir: 'desc' } })
  return docs.map(appealView)
}

export async function appealList(b: BodyOf<'appeal.list'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  const docs = await deps.store.find(
    'appeals',
    { estateBranchId: estate._id, year: b.year, status: b.status ?? 'open' },
    { orderBy: { field: 'createdAt', dir: 'asc' } },
  )
  const members = docs.length ? await deps.store.find('members', { _id: new OneOf([...new Set(docs.map((d) => d.memberId))]) }) : []
  const names = new Map(members.map((m) => [m._id, m.name]))
  // What each appeal is about, so the secretary need not look it up: the entry's or the check-in's title.
  const titles = new Map<string, string>()
  for (const d of docs) {
    if (!d.targetId) continue
    if (d.target === 'entry') titles.set(d._id, (await deps.store.get('ledger', d.targetId))?.title ?? '')
    else {
      const att = await deps.store.get('attendances', d.targetId)
      titles.set(d._id, att ? ((await basesOf(deps.store, [att])).get(att._id)?.title ?? '') : '')
    }
  }
  return docs.map((d) => ({
    ...appealView(d),
    memberName: names.get(d.memberId) ?? '',
    ...(titles.get(d._id) ? { targetTitle: titles.get(d._id) } : {}),
  }))
}

export async function appealResolve(b: BodyOf<'appeal.resolve'>, ctx: Ctx, deps: Deps) {
  const appeal = await deps.store.get('appeals', b.appealId)
  if (!appeal) fail('NOT_FOUND', `申诉不存在：${b.appealId}`)
  const a = appeal
  const estate = await requireOrg(deps.store, a.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  if (b.decision === 'reject' && b.points !== undefined) fail('VALIDATION', '不采纳时不能附调整分值', { field: 'points' })
  const member = await deps.store.get('members', a.memberId)
  if (!member) fail('NOT_FOUND', `党员不存在：${a.memberId}`)
  return deps.store.transaction(async (tx) => {
    await assertYearOpen(tx, a.year)
    const cur = await tx.get('appeals', a._id)
    if (!cur || cur.status !== 'open') return fail('CONFLICT', '该申诉已答复')
    const next: AppealDoc = {
      ...cur,
      status: b.decision === 'accept' ? 'accepted' : 'rejected',
      answer: b.reason,
      resolvedBy: ctx.openid,
      resolvedAt: ctx.now,
    }
    if (b.decision === 'accept' && b.points) {
      const entry = adjustmentEntry(`ADJ_${a._id}`, member, a.estateBranchId, a.year, b.points, '申诉调整', b.reason, ctx)
      await tx.create('ledger', entry)
      next.adjustmentId = entry._id
    }
    await tx.set('appeals', next)
    await queueAppealAnswer(tx, next, ctx.now)
    await tx.create('audit', auditDoc(ctx, 'appeal.resolve', a._id, { status: 'open' }, { status: next.status, answer: b.reason, points: b.points }))
    return appealView(next)
  })
}
