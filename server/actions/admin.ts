// The county's directory import: orgs, members and role grants, all validated before anything is written.
import { fail } from '../../src/core/errors'
import type { BodyOf, OrgKind, Role } from '../../src/core/contracts'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { keyId } from '../context/ids'
import { COUNTY_ID, type GrantDoc, type MemberDoc, type OrgDoc } from '../model/org'
import { checkRosterChunk, planMember } from '../services/directory'
import { jobs } from '../jobs'
import { applyJobId, chunkId, type ImportParams, type ImportState } from '../jobs/import'
import type { ImportChunkDoc } from '../model/import'
import type { JobDoc } from '../model/job'
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
  panel_reviewer: ['county'],
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
    // Same rules as the chunked import (server/services/directory.ts); here the first bad row refuses the whole body.
    const eb = m.estateBranchId && ub?.kind === 'unitBranch' ? await resolve(m.estateBranchId) : undefined
    const plan = planMember(m, ub, eb, await store.get('members', m.id), ctx.now)
    if (plan.outcome === 'problem') fail(plan.code, plan.reason, { field: `members[${i}].${plan.field}` })
    memberDocs.push({ ...plan.doc, updatedAt: ctx.now })
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

// ——— Chunked import (docs/DESIGN.md#directory-import): start → chunks → preview job → problems → apply job ———

/** The caller's own preview job (uploads, problems and apply are its starter's: they carry the file's rows). */
async function ownPreview(jobId: string, ctx: Ctx, deps: Deps): Promise<JobDoc<ImportParams, ImportState>> {
  const job = (await jobs.load(jobId, ctx, deps)) as unknown as JobDoc<ImportParams, ImportState>
  if (job.kind !== 'import' || job.params.mode !== 'preview') fail('NOT_FOUND', '不是名册导入的预检作业', { field: 'jobId' })
  if (job.startedBy !== ctx.openid) fail('FORBIDDEN', '这是另一位管理员发起的导入，只能由发起人上传、查看和确认', { field: 'jobId' })
  return job
}

export async function importStart(b: BodyOf<'admin.importStart'>, ctx: Ctx, deps: Deps) {
  requireScope(ctx, ['county_admin'], await requireCounty(deps.store), '名册导入')
  const job = await jobs.start<ImportParams, ImportState>(
    {
      kind: 'import',
      params: { mode: 'preview', fileName: b.fileName, rows: b.rows },
      state: {},
      phase: 'preview',
      scopeId: COUNTY_ID,
      total: b.rows,
    },
    ctx,
    deps,
  )
  return jobs.view(job, deps)
}

export async function importChunk(b: BodyOf<'admin.importChunk'>, ctx: Ctx, deps: Deps) {
  const job = await ownPreview(b.jobId, ctx, deps)
  if (job.status !== 'running') fail('CONFLICT', '这次导入的预检已经结束，不能再上传；请重新选择文件', { field: 'jobId' })
  if (b.index >= job.params.rows) fail('VALIDATION', `块序号（index）超出范围：总共只有 ${job.params.rows} 行`, { field: 'index' })
  if (b.rows.length > job.params.rows) fail('VALIDATION', `本块行数多于登记的总行数 ${job.params.rows}`, { field: 'rows' })
  const checked = await checkRosterChunk(b.rows, deps, ctx.now)
  const doc: ImportChunkDoc = {
    _id: chunkId(job._id, b.index),
    jobId: job._id,
    index: b.index,
    rows: b.rows,
    rowCount: b.rows.length,
    problems: checked.problems,
    preview: checked.counts,
    applied: null,
    uploadedAt: ctx.now,
  }
  const { created, doc: stored } = await deps.store.createIfAbsent('importChunks', doc)
  // A repeated upload (a retry after a lost answer) changes nothing; different rows under the same index are a mistake.
  if (!created && JSON.stringify(stored.rows) !== JSON.stringify(doc.rows)) {
    fail('CONFLICT', `第 ${b.index + 1} 块已上传过且内容不同；请重新选择文件导入`, { field: 'index' })
  }
  return { index: b.index, rows: stored.rowCount, problems: stored.preview.problems, repeated: !created }
}

export async function importProblems(b: BodyOf<'admin.importProblems'>, ctx: Ctx, deps: Deps) {
  const job = await ownPreview(b.jobId, ctx, deps)
  if (job.status !== 'done') fail('CONFLICT', '预检尚未完成', { field: 'jobId' })
  const pages = job.state.problemChunks ?? []
  const index = pages[b.page]
  if (index === undefined) return { page: b.page, pages: pages.length, problems: [] }
  const chunk = await deps.store.get('importChunks', chunkId(job._id, index))
  return { page: b.page, pages: pages.length, problems: chunk?.problems ?? [] }
}

export async function importApply(b: BodyOf<'admin.importApply'>, ctx: Ctx, deps: Deps) {
  const preview = await ownPreview(b.jobId, ctx, deps)
  if (preview.status !== 'done') fail('CONFLICT', '预检尚未完成，不能确认导入', { field: 'jobId' })
  const id = applyJobId(preview._id)
  // Confirming twice answers the same import; a finished one is not written again.
  const before = await deps.store.get('jobs', id)
  if (before && before.status === 'done') return jobs.view(await jobs.load(id, ctx, deps), deps)
  const job = await jobs.start<ImportParams, ImportState>(
    {
      kind: 'import',
      id,
      params: { mode: 'apply', fileName: preview.params.fileName, rows: preview.done, previewJobId: preview._id, chunks: preview.state.chunks ?? 0 },
      state: { next: 0 },
      phase: 'apply',
      scopeId: COUNTY_ID,
      total: preview.done,
    },
    ctx,
    deps,
  )
  return jobs.view(job, deps)
}
