// 双报到 and the directory: who people are, where they belong, and who may act for whom.
import { fail } from '../../src/core/errors'
import type { BodyOf, OrgKind, Role } from '../../src/core/contracts'
import type { MeData, MemberView, OrgView, RegisterResult } from '../../src/core/api-types'
import { maskPhone } from '../../src/core/privacy'
import { toIsoShanghai } from '../../src/core/time'
import { DocumentExists, OneOf } from '../ports/store.port'
import {
  COUNTY_ID,
  auditDoc,
  covers,
  findMembersIn,
  getOrg,
  keyId,
  orgsUnder,
  requireOrg,
  requireScope,
  type Ctx,
  type Deps,
  type GrantDoc,
  type MemberDoc,
  type OrgDoc,
} from '../context'

/** Besides the county itself, the kinds each org may sit under. */
const PARENT_KINDS: Record<Exclude<OrgKind, 'county'>, OrgKind[]> = {
  street: [],
  community: ['street'],
  estate: ['community', 'street'],
  unit: [],
  unitBranch: ['unit'],
}
const ROLE_SCOPE_KIND: Record<Role, OrgKind[]> = {
  member: ['estate'],
  estate_secretary: ['estate'],
  unit_secretary: ['unitBranch', 'unit'],
  community_admin: ['community'],
  street_admin: ['street'],
  county_admin: ['county'],
}

export async function meGet(_b: BodyOf<'me.get'>, ctx: Ctx, deps: Deps): Promise<MeData> {
  const data: MeData = { openid: ctx.openid, roles: [] }
  const m = ctx.member
  if (m) {
    const [unit, estate] = await Promise.all([getOrg(deps.store, m.unitBranchId), m.estateBranchId ? getOrg(deps.store, m.estateBranchId) : null])
    data.member = {
      id: m._id,
      name: m.name,
      phone: m.phone,
      unitBranchId: m.unitBranchId,
      estateBranchId: m.estateBranchId ?? '',
      status: m.status,
      unitBranchName: unit?.name,
      estateBranchName: estate?.name,
    }
  }
  for (const g of ctx.grants) {
    const org = await getOrg(deps.store, g.scopeId)
    data.roles.push({ role: g.role, scopeId: g.scopeId, scopeName: org?.name })
  }
  return data
}

export async function orgList(b: BodyOf<'org.list'>, _ctx: Ctx, deps: Deps): Promise<OrgView[]> {
  const orgs = await deps.store.find<OrgDoc>('orgs', b.kind ? { kind: b.kind } : {}, { orderBy: { field: '_id', dir: 'asc' } })
  return orgs.map((o) => ({ id: o._id, kind: o.kind, name: o.name, ...(o.parentId ? { parentId: o.parentId } : {}) }))
}

export async function importDirectory(b: BodyOf<'admin.importDirectory'>, ctx: Ctx, deps: Deps) {
  const store = deps.store
  const county = await getOrg(store, COUNTY_ID)
  if (!county) fail('NOT_FOUND', '县级组织不存在，请先初始化')
  requireScope(ctx, ['county_admin'], county as OrgDoc, '名册导入')

  // Validate everything before writing anything. Parents may come anywhere in the same import; every kind
  // may also hang directly under the county (directories are often flatter than the full tree).
  const orgs = b.orgs ?? []
  const batch = new Map<string, (typeof orgs)[number]>()
  for (const [i, o] of orgs.entries()) {
    if (batch.has(o.id)) fail('VALIDATION', `组织编号重复：${o.id}`, { field: `orgs[${i}].id` })
    if (o.id === COUNTY_ID) fail('VALIDATION', '不能覆盖县级组织', { field: `orgs[${i}].id` })
    batch.set(o.id, o)
  }
  const pending = new Map<string, OrgDoc>()
  const resolving = new Set<string>()
  const resolve = async (id: string): Promise<OrgDoc | null> => {
    const done = pending.get(id)
    if (done) return done
    const o = batch.get(id)
    if (!o) return getOrg(store, id)
    const i = orgs.indexOf(o)
    if (resolving.has(id)) fail('VALIDATION', `组织上下级关系成环：${id}`, { field: `orgs[${i}].parentId` })
    resolving.add(id)
    const parentId = o.parentId ?? COUNTY_ID
    const parent = await resolve(parentId)
    if (!parent) fail('NOT_FOUND', `上级组织不存在：${parentId}`, { field: `orgs[${i}].parentId` })
    const p = parent as OrgDoc
    if (p.kind !== 'county' && !PARENT_KINDS[o.kind].includes(p.kind)) {
      fail('VALIDATION', `组织 ${o.name}（${o.kind}）不能隶属于 ${p.name}（${p.kind}）`, { field: `orgs[${i}].parentId` })
    }
    const existing = await getOrg(store, o.id)
    if (existing && existing.kind !== o.kind) fail('CONFLICT', `组织 ${o.id} 已存在且类型不同`, { field: `orgs[${i}].kind` })
    const doc: OrgDoc = { _id: o.id, kind: o.kind, name: o.name, parentId: p._id, path: [...p.path, p._id] }
    pending.set(id, doc)
    return doc
  }
  for (const o of orgs) await resolve(o.id)

  const members = b.members ?? []
  const memberDocs: MemberDoc[] = []
  const seenMember = new Set<string>()
  for (const [i, m] of members.entries()) {
    if (seenMember.has(m.id)) fail('VALIDATION', `党员编号重复：${m.id}`, { field: `members[${i}].id` })
    seenMember.add(m.id)
    const ub = await resolve(m.unitBranchId)
    if (!ub || ub.kind !== 'unitBranch') fail('NOT_FOUND', `单位党支部不存在：${m.unitBranchId}`, { field: `members[${i}].unitBranchId` })
    if (m.estateBranchId) {
      const eb = await resolve(m.estateBranchId)
      if (!eb || eb.kind !== 'estate') fail('NOT_FOUND', `小区党支部不存在：${m.estateBranchId}`, { field: `members[${i}].estateBranchId` })
    }
    const existing = await store.get<MemberDoc>('members', m.id)
    // Re-importing keeps what registration established (binding, status, estate of a registered member).
    memberDocs.push(
      existing
        ? {
            ...existing,
            name: m.name,
            phone: m.phone,
            unitBranchId: m.unitBranchId,
            estateBranchId: existing.openid ? existing.estateBranchId : (m.estateBranchId ?? null),
            inDirectory: true,
            updatedAt: ctx.now,
          }
        : {
            _id: m.id,
            name: m.name,
            phone: m.phone,
            unitBranchId: m.unitBranchId,
            estateBranchId: m.estateBranchId ?? null,
            status: 'directory',
            openid: null,
            inDirectory: true,
            updatedAt: ctx.now,
          },
    )
  }

  const grants: GrantDoc[] = []
  for (const [i, r] of (b.roles ?? []).entries()) {
    const scope = await resolve(r.scopeId)
    if (!scope) fail('NOT_FOUND', `授权范围不存在：${r.scopeId}`, { field: `roles[${i}].scopeId` })
    if (!ROLE_SCOPE_KIND[r.role].includes((scope as OrgDoc).kind)) {
      fail('VALIDATION', `角色 ${r.role} 不能授权在 ${(scope as OrgDoc).kind} 上`, { field: `roles[${i}].scopeId` })
    }
    grants.push({ _id: keyId('G', r.openid, r.role, r.scopeId), openid: r.openid, role: r.role, scopeId: r.scopeId })
  }

  await store.transaction(async (tx) => {
    for (const o of pending.values()) await tx.set('orgs', o)
    for (const m of memberDocs) await tx.set('members', m)
    for (const g of grants) await tx.set('grants', g)
    await tx.create(
      'audit',
      auditDoc(ctx, 'admin.importDirectory', 'directory', null, { orgs: pending.size, members: memberDocs.length, roles: grants.length }),
    )
  })
  return { orgs: pending.size, members: memberDocs.length, roles: grants.length }
}

const sameDetails = (m: MemberDoc, b: { name: string; phone: string; unitBranchId: string; estateBranchId: string }) =>
  m.name === b.name && m.phone === b.phone && m.unitBranchId === b.unitBranchId && m.estateBranchId === b.estateBranchId

type Registration = Omit<BodyOf<'member.register'>, 'phone' | 'phoneCode'> & { phone: string }

/** The phone number to register: WeChat-verified where the host can verify, typed on the local backend. */
async function registrationPhone(b: BodyOf<'member.register'>, deps: Deps): Promise<string> {
  if (deps.verifyPhoneCode) {
    if (!b.phoneCode) fail('VALIDATION', '请点击"微信手机号快捷验证"获取本人手机号（phoneCode）', { field: 'phoneCode' })
    const phone = await deps.verifyPhoneCode(b.phoneCode as string)
    if (!/^1[3-9]\d{9}$/.test(phone)) fail('VALIDATION', '微信返回的手机号不是中国大陆手机号', { field: 'phoneCode' })
    return phone
  }
  if (!b.phone) fail('VALIDATION', '手机号（phone）不能为空', { field: 'phone' })
  return b.phone as string
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

  const matches = (await store.find<MemberDoc>('members', { phone: b.phone, unitBranchId: b.unitBranchId })).filter(
    (m) => m.name === b.name && m.inDirectory && !m.openid,
  )
  const directory = matches[0]
  const memberId = directory ? directory._id : keyId('M', 'self', ctx.openid)
  try {
    return await store.transaction(async (tx) => {
      await tx.create('bindings', { _id: ctx.openid, memberId, at: ctx.now })
      const current = directory ? await tx.get<MemberDoc>('members', memberId) : null
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
      return { memberId: doc._id, status: doc.status === 'active' ? 'active' : 'pending' } as RegisterResult
    })
  } catch (e) {
    // A concurrent identical request bound this openid first: answer as a retry would be answered.
    if (e instanceof DocumentExists && e.collection === 'bindings') {
      const binding = await store.get<{ _id: string; memberId: string }>('bindings', ctx.openid)
      const m = binding ? await store.get<MemberDoc>('members', binding.memberId) : null
      if (m) return answer(m)
    }
    throw e
  }
}

function toView(m: MemberDoc, fullPhone: boolean): MemberView {
  return {
    id: m._id,
    name: m.name,
    phone: fullPhone ? m.phone : maskPhone(m.phone),
    unitBranchId: m.unitBranchId,
    estateBranchId: m.estateBranchId ?? '',
    status: m.status,
    ...(m.registeredAt ? { registeredAt: toIsoShanghai(m.registeredAt) } : {}),
  }
}

/** The member's own secretaries see the full phone number; everyone else sees it masked. */
export async function isOwnSecretary(ctx: Ctx, deps: Deps, m: MemberDoc): Promise<boolean> {
  const estate = m.estateBranchId ? await getOrg(deps.store, m.estateBranchId) : null
  const unit = await getOrg(deps.store, m.unitBranchId)
  return (!!estate && covers(ctx, ['estate_secretary'], estate)) || (!!unit && covers(ctx, ['unit_secretary'], unit))
}

export async function memberList(b: BodyOf<'member.list'>, ctx: Ctx, deps: Deps): Promise<MemberView[]> {
  const scope = await requireOrg(deps.store, b.scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  requireScope(ctx, ['estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin'], scope)
  const under = await orgsUnder(deps.store, scope)
  const estates = under.filter((o) => o.kind === 'estate').map((o) => o._id)
  const units = under.filter((o) => o.kind === 'unitBranch').map((o) => o._id)
  const extra: Record<string, string> = b.status ? { status: b.status } : {}
  const found = new Map<string, MemberDoc>()
  for (const m of await findMembersIn(deps.store, 'estateBranchId', estates, extra)) found.set(m._id, m)
  for (const m of await findMembersIn(deps.store, 'unitBranchId', units, extra)) found.set(m._id, m)
  const rows = [...found.values()].filter((m) => m.status !== 'directory').sort((a, b2) => a.name.localeCompare(b2.name, 'zh'))
  const out: MemberView[] = []
  for (const m of rows) out.push(toView(m, await isOwnSecretary(ctx, deps, m)))
  return out
}

export async function memberReview(b: BodyOf<'member.review'>, ctx: Ctx, deps: Deps) {
  if (b.decision === 'reject' && !b.reason) fail('VALIDATION', '驳回时必须填写理由（reason）', { field: 'reason' })
  const store = deps.store
  const ids = [...new Set(b.memberIds)]
  const docs = await store.find<MemberDoc>('members', { _id: new OneOf(ids) })
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
      const m = await tx.get<MemberDoc>('members', id)
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
