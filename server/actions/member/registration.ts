// 双报到: a member registers (binding their openid to a directory entry or a new record), secretaries review,
// and readers list the members of their scope.
import { fail } from '../../../src/core/errors'
import type { BodyOf } from '../../../src/core/contracts'
import type { MemberView, RegisterResult } from '../../../src/core/api-types'
import { DocumentExists, OneOf } from '../../ports/store.port'
import { auditDoc } from '../../context/audit'
import { SCOPE_READERS, covers, requireScope } from '../../context/authz'
import type { Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import { keyId } from '../../context/ids'
import type { MemberDoc } from '../../model/org'
import { memberViewsUnder } from '../../queries/members'
import { getOrg, requireOrg } from '../../queries/orgs'

const sameDetails = (m: MemberDoc, b: { name: string; phone: string; unitBranchId: string; estateBranchId: string }) =>
  m.name === b.name && m.phone === b.phone && m.unitBranchId === b.unitBranchId && m.estateBranchId === b.estateBranchId

type Registration = Omit<BodyOf<'member.register'>, 'phone' | 'phoneCode'> & { phone: string }

/** The phone number to register: WeChat-verified where the host can verify, typed on the local backend. */
async function registrationPhone(b: BodyOf<'member.register'>, deps: Deps): Promise<string> {
  if (deps.verifyPhoneCode) {
    if (!b.phoneCode) fail('VALIDATION', '请点击"微信手机号快捷验证"获取本人手机号（phoneCode）', { field: 'phoneCode' })
    const phone = await deps.verifyPhoneCode(b.phoneCode)
    if (!/^1[3-9]\d{9}$/.test(phone)) fail('VALIDATION', '微信返回的手机号不是中国大陆手机号', { field: 'phoneCode' })
    return phone
  }
  if (!b.phone) fail('VALIDATION', '手机号（phone）不能为空', { field: 'phone' })
  return b.phone
}

export async function memberRegister(body: BodyOf<'member.register'>, ctx: Ctx, deps: Deps): Promise<RegisterResult> {
  const store = deps.store
  const b: Registration = {
    name: body.name,
    unitBranchId: body.unitBranchId,
    estateBranchId: body.estateBranchId,
    phone: await registrationPhone(body, deps),
  }
  const answer = (m: MemberDoc): RegisterResult => {
    if (!sameDetails(m, b)) fail('CONFLICT', '您已完成报到，信息与本次填写不一致；如需变更小区或单位，请提交变更申请', { memberId: m._id })
    if (m.status === 'rejected') fail('CONFLICT', `报到未通过：${m.reviewReason ?? '请联系小区党支部书记'}`, { memberId: m._id })
    return { memberId: m._id, status: m.status === 'active' ? 'active' : 'pending' }
  }
  if (ctx.member) return answer(ctx.member)
  await requireOrg(store, b.unitBranchId, 'unitBranch', '单位党支部')
  await requireOrg(store, b.estateBranchId, 'estate', '小区党支部')

  const matches = (await store.find('members', { phone: b.phone, unitBranchId: b.unitBranchId })).filter(
    (m) => m.name === b.name && m.inDirectory && !m.openid,
  )
  const directory = matches[0]
  const memberId = directory ? directory._id : keyId('M', 'self', ctx.openid)
  try {
    return await store.transaction(async (tx): Promise<RegisterResult> => {
      await tx.create('bindings', { _id: ctx.openid, memberId, at: ctx.now })
      const current = directory ? await tx.get('members', memberId) : null
      const bindable = current && !current.openid
      const doc: MemberDoc = bindable
        ? { ...current, estateBranchId: b.estateBranchId, status: 'active', openid: ctx.openid, registeredAt: ctx.now, updatedAt: ctx.now }
        : {
            _id: bindable === false ? keyId('M', 'self', ctx.openid) : memberId,
            name: b.name,
            phone: b.phone,
            unitBranchId: b.unitBranchId,
            estateBranchId: b.estateBranchId,
            status: 'pending',
            openid: ctx.openid,
            inDirectory: false,
            registeredAt: ctx.now,
            updatedAt: ctx.now,
          }
      if (doc._id !== memberId) await tx.set('bindings', { _id: ctx.openid, memberId: doc._id, at: ctx.now })
      if (bindable) await tx.set('members', doc)
      else await tx.create('members', doc)
      await tx.create('audit', auditDoc(ctx, 'member.register', doc._id, current, { status: doc.status, estateBranchId: doc.estateBranchId }))
      return { memberId: doc._id, status: doc.status === 'active' ? 'active' : 'pending' }
    })
  } catch (e) {
    // A concurrent identical request bound this openid first: answer the way a retry is answered.
    if (e instanceof DocumentExists && e.collection === 'bindings') {
      const binding = await store.get('bindings', ctx.openid)
      const m = binding ? await store.get('members', binding.memberId) : null
      if (m) return answer(m)
    }
    throw e
  }
}

export async function memberList(b: BodyOf<'member.list'>, ctx: Ctx, deps: Deps): Promise<MemberView[]> {
  const scope = await requireOrg(deps.store, b.scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  requireScope(ctx, SCOPE_READERS, scope)
  return memberViewsUnder(ctx, deps, scope, b.status)
}

export async function memberReview(b: BodyOf<'member.review'>, ctx: Ctx, deps: Deps) {
  if (b.decision === 'reject' && !b.reason) fail('VALIDATION', '驳回时必须填写理由（reason）', { field: 'reason' })
  const store = deps.store
  const ids = [...new Set(b.memberIds)]
  const docs = await store.find('members', { _id: new OneOf(ids) })
  if (docs.length !== ids.length) {
    const missing = ids.filter((id) => !docs.some((d) => d._id === id))
    fail('NOT_FOUND', `党员不存在：${missing.join('、')}`, { ids: missing })
  }
  for (const m of docs) {
    const estate = m.estateBranchId ? await getOrg(store, m.estateBranchId) : null
    if (!estate || !covers(ctx, ['estate_secretary'], estate)) fail('FORBIDDEN', `无权审核其他小区的报到：${m.name}`)
  }
  let approved = 0
  let rejected = 0
  let skipped = 0
  for (const id of ids) {
    const outcome = await store.transaction(async (tx) => {
      const m = await tx.get('members', id)
      if (!m || m.status !== 'pending') return 'skipped'
      const next: MemberDoc = { ...m, status: b.decision === 'approve' ? 'active' : 'rejected', reviewedBy: ctx.openid, updatedAt: ctx.now }
      if (b.reason) next.reviewReason = b.reason
      await tx.set('members', next)
      await tx.create('audit', auditDoc(ctx, 'member.review', id, { status: m.status }, { status: next.status, reason: b.reason }))
      return b.decision
    })
    if (outcome === 'approve') approved++
    else if (outcome === 'reject') rejected++
    else skipped++
  }
  return { approved, rejected, skipped }
}
