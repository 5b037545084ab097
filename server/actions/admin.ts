// The county's directory import: orgs, members and role grants, all validated before anything is written.
import { fail } from '../../src/core/errors'
import type { BodyOf, OrgKind, Role } from '../../src/core/contracts'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { keyId } from '../context/ids'
import { COUNTY_ID, type GrantDoc, type MemberDoc, type OrgDoc } from '../model/org'
import { getOrg, requireCounty } from '../queries/orgs'

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

export async function importDirectory(b: BodyOf<'admin.importDirectory'>, ctx: Ctx, deps: Deps) {
  const store = deps.store
  const county = await requireCounty(store)
  requireScope(ctx, ['county_admin'], county, '名册导入')

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
    const p = parent
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
    const existing = await store.get('members', m.id)
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
    if (!ROLE_SCOPE_KIND[r.role].includes(scope.kind)) {
      fail('VALIDATION', `角色 ${r.role} 不能授权在 ${scope.kind} 上`, { field: `roles[${i}].scopeId` })
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
