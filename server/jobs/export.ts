// The export job (docs/DESIGN.md#exports): an .xlsx of a scope's roster, ledger, totals or 双报告 table, of any size.
// Phases:
//   rows  — the scope's source documents a bounded page per unit (one estate's or unit branch's members, a page at a
//           time), formatted into rows and appended to `exportParts` (`<jobId>_<n>`, each ≤ PART_CHARS of JSON);
//           年度总分 pages score.list; 双报告 is its table computed in one unit.
//   write — the parts read back in order and compressed piece by piece into one workbook, put in file storage;
//   clean — the parts removed, a bounded number per unit; then the job is done with its file.
// Org names are read once (the first unit) and kept in the job's state; the phone masking is decided at start, for
// the person who started the export, whoever drives the later steps.
import { fail } from '../../src/core/errors'
import { toNumber } from '../../src/core/scoring'
import { toIsoShanghai } from '../../src/core/time'
import { type Cell, rowsXml, xlsxStream } from '../../src/lib/xlsx'
import { maskPhone } from '../../src/core/privacy'
import { SCOPE_READERS, covers, requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { JobDoc } from '../model/job'
import type { MemberDoc, OrgDoc } from '../model/org'
import { type Filter, OneOf } from '../ports/store.port'
import { FEEDBACK_READERS, feedbackTable } from '../queries/feedback'
import { scoreListPage } from '../queries/scores'
import { finish, type JobKindDef } from './runner'

export const EXPORT_KINDS = ['roster', 'ledger', 'totals', 'feedback'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Members read per unit for the roster (one page of one estate or unit branch). */
export const ROSTER_PAGE = 500
/** Members whose year's ledger is read per unit (≈ 30 entries each: a few thousand entries). */
export const LEDGER_PAGE = 100
/** A part holds at most about this many characters of JSON (well inside a document's size limit). */
export const PART_CHARS = 400_000
/** Parts read back or removed per unit. */
export const CLEAN_PAGE = 100

const LABEL: Record<ExportKind, string> = { roster: '名册', ledger: '积分流水', totals: '年度总分', feedback: '双报告反馈表' }
const SHEET: Record<ExportKind, string> = { roster: '名册', ledger: '积分流水', totals: '年度总分', feedback: '双报告' }
const STATUS_TEXT: Record<string, string> = { active: '已报到', pending: '待审核', rejected: '未通过', directory: '未报到' }

export interface ExportParams {
  kind: ExportKind
  year: number
  /** The download's name, fixed at start. */
  name: string
  /** Estates and unit branches whose members' full phone numbers the starter may see (their own secretary). */
  fullPhoneIn: string[]
}

export interface ExportState {
  /** The estates, then the unit branches, under the scope: the walk of the rows phase (null until the first unit). */
  estates: string[] | null
  units: string[]
  /** Every org's name, by id (org trees are hundreds of nodes). */
  names: Record<string, string>
  /** Position of the walk: the org, and the last member id read in it. */
  orgAt: number
  after: string | null
  /** Rows written so far, the header included. */
  rows: number
  parts: number
  /** Parts removed so far (clean phase). */
  cleaned: number
  file: { fileId: string; name: string; bytes: number } | null
}

type Job = JobDoc<ExportParams, ExportState>

export const newExportState = (): ExportState => ({
  estates: null,
  units: [],
  names: {},
  orgAt: 0,
  after: null,
  rows: 0,
  parts: 0,
  cleaned: 0,
  file: null,
})

export function exportFileName(kind: ExportKind, scope: OrgDoc, year: number, now: number): string {
  return `${scope.name}-${year}-${LABEL[kind]}-${toIsoShanghai(now).slice(0, 10)}.xlsx`
}

/** The readers of each export: the 双报告 table is for unit secretaries and admins. */
export const readersOf = (kind: ExportKind) => (kind === 'feedback' ? FEEDBACK_READERS : SCOPE_READERS)

/** Where the starter sees full phone numbers: the estates and unit branches they are the secretary of. */
export function fullPhoneOrgs(ctx: Ctx, orgs: OrgDoc[]): string[] {
  return orgs
    .filter((o) => (o.kind === 'estate' && covers(ctx, ['estate_secretary'], o)) || (o.kind === 'unitBranch' && covers(ctx, ['unit_secretary'], o)))
    .map((o) => o._id)
}

const HEADERS: Record<'roster' | 'ledger' | 'totals', Cell[]> = {
  roster: ['姓名', '党员编号', '手机号', '单位党支部', '小区党支部', '状态', '报到时间'],
  ledger: ['日期', '姓名', '党员编号', '小区党支部', '事项', '细则', '类别', '分值', '类型', '积分明细版本', '说明', '记录人', '记录时间'],
  totals: ['姓名', '党员编号', '单位积分', '单位权重', '小区积分', '小区权重', '总分', '等次', '小区内排名', '单位内排名', '状态'],
}

/** Appends rows as parts of at most PART_CHARS; the ids follow the saved count, so a repeated unit rewrites the same parts. */
async function append(job: Job, rows: Cell[][], deps: Deps): Promise<void> {
  let chunk: Cell[][] = []
  let size = 0
  const flush = async () => {
    if (!chunk.length) return
    const n = job.state.parts
    await deps.store.set('exportParts', { _id: `${job._id}_${n}`, jobId: job._id, n, first: job.state.rows + 1, rows: chunk })
    job.state.parts++
    job.state.rows += chunk.length
    chunk = []
    size = 0
  }
  for (const row of rows) {
    const chars = JSON.stringify(row).length + 1
    if (size + chars > PART_CHARS) await flush()
    chunk.push(row)
    size += chars
  }
  await flush()
}

async function requireScopeOrg(deps: Deps, id: string): Promise<OrgDoc> {
  const scope = await deps.store.get('orgs', id)
  if (!scope) return fail('NOT_FOUND', `范围不存在：${id}`, { id })
  return scope
}

/** The first unit: the walk (estates, then unit branches, under the scope) and every org's name. */
async function plan(job: Job, deps: Deps): Promise<void> {
  const all = await deps.store.find('orgs', {})
  const scope = all.find((o) => o._id === job.scopeId)
  if (!scope) fail('NOT_FOUND', `范围不存在：${job.scopeId}`)
  const under = all.filter((o) => o._id === scope._id || o.path.includes(scope._id))
  job.state.estates = under.filter((o) => o.kind === 'estate').map((o) => o._id)
  job.state.units = under.filter((o) => o.kind === 'unitBranch').map((o) => o._id)
  job.state.names = Object.fromEntries(all.map((o) => [o._id, o.name]))
  job.total = job.state.estates.length + job.state.units.length + 2
  const header = job.params.kind === 'feedback' ? null : HEADERS[job.params.kind]
  if (header) await append(job, [header], deps)
}

/**
 * The next page of members of the walk: the current org's members after the cursor. Members found under a unit branch
 * whose estate is in the walk were taken with their estate already, and are left out.
 */
async function nextMembers(job: Job, deps: Deps, page: number): Promise<MemberDoc[] | null> {
  const s = job.state
  const estates = s.estates ?? []
  const walk = estates.length + s.units.length
  if (s.orgAt >= walk) return null
  const byEstate = s.orgAt < estates.length
  const org = byEstate ? estates[s.orgAt] : s.units[s.orgAt - estates.length]
  const filter: Filter = { [byEstate ? 'estateBranchId' : 'unitBranchId']: org }
  const docs = await deps.store.findPage('members', filter, { limit: page, ...(s.after ? { after: s.after } : {}) })
  if (docs.length < page) {
    s.orgAt++
    s.after = null
    job.done = s.orgAt
  } else s.after = docs[docs.length - 1]._id
  const estateSet = byEstate ? null : new Set(estates)
  return estateSet ? docs.filter((m) => !m.estateBranchId || !estateSet.has(m.estateBranchId)) : docs
}

const nameOf = (job: Job, id: string | null | undefined) => (id ? (job.state.names[id] ?? id) : '')

function rosterRows(job: Job, members: MemberDoc[]): Cell[][] {
  const full = new Set(job.params.fullPhoneIn)
  return members
    .filter((m) => m.status !== 'directory')
    .sort((a, b) => a.name.localeCompare(b.name, 'zh') || a._id.localeCompare(b._id))
    .map((m) => [
      m.name,
      m._id,
      full.has(m.unitBranchId) || (!!m.estateBranchId && full.has(m.estateBranchId)) ? m.phone : maskPhone(m.phone),
      nameOf(job, m.unitBranchId),
      nameOf(job, m.estateBranchId),
      STATUS_TEXT[m.status] ?? m.status,
      m.registeredAt ? toIsoShanghai(m.registeredAt).slice(0, 10) : '',
    ])
}

async function ledgerRows(job: Job, members: MemberDoc[], deps: Deps): Promise<Cell[][]> {
  if (!members.length) return []
  const byId = new Map(members.map((m) => [m._id, m]))
  const entries = await deps.store.find('ledger', { memberId: new OneOf([...byId.keys()]), year: job.params.year })
  entries.sort((a, c) => a.at - c.at || a._id.localeCompare(c._id))
  return entries.map((e) => [
    toIsoShanghai(e.at).slice(0, 10),
    byId.get(e.memberId)?.name ?? '',
    e.memberId,
    nameOf(job, e.estateBranchId),
    e.title,
    e.itemName,
    e.category,
    toNumber(e.points),
    { activity: '活动', reversal: '冲正', adjustment: '调整', deduction: '扣分', claim: '申报' }[e.kind] ?? e.kind,
    e.rulesetVersion || null,
    e.reason ?? '',
    e.createdBy,
    toIsoShanghai(e.createdAt).slice(0, 16).replace('T', ' '),
  ])
}

/**
 * 年度总分: one page of score.list for the scope, the rows the screen shows in its order — a scope of up to
 * LIST_LIVE_MAX members scored now in one page, a larger one the stored totals of the last 核算, LIST_PAGE rows a unit
 * (docs/DESIGN.md#budgets-and-how-they-are-measured). Answers the rankKey the next page starts after, or null.
 */
async function totalsPage(job: Job, deps: Deps): Promise<{ rows: Cell[][]; next: string | null }> {
  const scope = await requireScopeOrg(deps, job.scopeId)
  const page = await scoreListPage(deps.store, job.params.year, scope, job.state.after === null ? {} : { after: job.state.after })
  const rows = page.rows.map((r) => [
    r.name,
    r.memberId,
    r.unitScore,
    r.weights.unit,
    r.estateScore,
    r.weights.estate,
    r.total,
    r.band,
    r.rankInEstate,
    r.rankInUnit,
    r.complete ? '完整' : '未完成（缺单位积分）',
  ])
  return { rows, next: page.next }
}

/**
 * 双报告 joins attendances and remarks across the scope, so its rows come from the same query as its screen
 * (feedback.list) in one unit (a few requests per 500 members); only writing them out is split into parts.
 */
async function feedbackRows(job: Job, deps: Deps): Promise<Cell[][]> {
  const scope = await requireScopeOrg(deps, job.scopeId)
  // A unit branch's own table is unchanged; a wider scope (admins) also says which unit branch each member is in.
  const fb = await feedbackTable(deps, scope, job.params.year)
  const wide = scope.kind !== 'unitBranch'
  return [
    ['姓名', '党员编号', ...(wide ? ['单位党支部'] : []), '是否报到', '报到小区', '参加活动（次）', '服务时长（小时）', '小区积分', '小区党支部评语'],
    ...fb.rows.map((r) => [
      r.name,
      r.memberId,
      ...(wide ? [r.unitBranchName] : []),
      r.registered ? '是' : '否',
      r.estateBranchName,
      r.activities,
      r.hours,
      r.estateScore,
      r.remark,
    ]),
  ]
}

async function rowsUnit(job: Job, deps: Deps): Promise<void> {
  const s = job.state
  if (s.estates === null) return plan(job, deps)
  const kind = job.params.kind
  const walk = s.estates.length + s.units.length
  if (kind === 'totals') {
    const page = await totalsPage(job, deps)
    await append(job, page.rows, deps)
    s.after = page.next
    if (page.next === null) s.orgAt = walk
  } else if (kind === 'feedback') {
    await append(job, await feedbackRows(job, deps), deps)
    s.orgAt = walk
  } else {
    const members = await nextMembers(job, deps, kind === 'roster' ? ROSTER_PAGE : LEDGER_PAGE)
    if (members) await append(job, kind === 'roster' ? rosterRows(job, members) : await ledgerRows(job, members, deps), deps)
  }
  if (s.orgAt >= walk) {
    job.done = walk
    job.phase = 'write'
  }
}

async function writeUnit(job: Job, deps: Deps): Promise<void> {
  const out = xlsxStream(SHEET[job.params.kind])
  for (let n = 0; n < job.state.parts; n++) {
    const part = await deps.store.get('exportParts', `${job._id}_${n}`)
    // A part is gone only if another driver finished the job meanwhile (its lease expired): start the write again.
    if (!part) fail('CONFLICT', '导出的中间数据缺失，请重新导出')
    out.push(rowsXml(part.rows, part.first))
  }
  const bytes = out.finish()
  const fileId = await deps.files.put({ bytes, name: job.params.name, mime: XLSX_MIME, owner: job.startedBy, key: job._id })
  job.state.file = { fileId, name: job.params.name, bytes: bytes.length }
  job.counts = { rows: Math.max(0, job.state.rows - 1), bytes: bytes.length, parts: job.state.parts }
  job.done = (job.total ?? 1) - 1
  job.phase = 'clean'
}

async function cleanUnit(job: Job, deps: Deps): Promise<void> {
  const s = job.state
  const until = Math.min(s.parts, s.cleaned + CLEAN_PAGE)
  for (let n = s.cleaned; n < until; n++) await deps.store.remove('exportParts', `${job._id}_${n}`)
  s.cleaned = until
  if (s.cleaned >= s.parts && s.file) {
    job.done = job.total ?? job.done
    finish(job as JobDoc<unknown, unknown>, deps.clock.now(), s.file)
  }
}

export const exportKind: JobKindDef<ExportParams, ExportState> = {
  kind: 'export',
  label(job) {
    const what = LABEL[job.params.kind]
    const rows = Math.max(0, job.state.rows - 1)
    if (job.status === 'done') return `${what}已导出 ${rows.toLocaleString('en-US')} 行`
    if (job.phase === 'rows') return `正在整理${what}：已整理 ${rows.toLocaleString('en-US')} 行`
    if (job.phase === 'write') return `正在生成 Excel 文件（${rows.toLocaleString('en-US')} 行）`
    return '正在收尾'
  },
  async authorize(job, ctx, deps) {
    const scope = await requireScopeOrg(deps, job.scopeId)
    requireScope(ctx, readersOf(job.params.kind), scope)
    // The file holds what its starter may see (full phone numbers of their own members): only they, and the county
    // admin (the timer acts as one), see it or drive it.
    if (ctx.openid !== job.startedBy && !covers(ctx, ['county_admin'], scope)) fail('FORBIDDEN', '这是别人发起的导出')
  },
  async unit(job, _ctx, deps) {
    if (job.phase === 'rows') return rowsUnit(job, deps)
    if (job.phase === 'write') return writeUnit(job, deps)
    return cleanUnit(job, deps)
  },
}

/** What export.start validates before a job exists: the scope, the caller's right to read it. */
export async function exportJobFor(b: { kind: ExportKind; scopeId: string; year: number }, ctx: Ctx, deps: Deps) {
  const scope = await deps.store.get('orgs', b.scopeId)
  if (!scope || !['county', 'street', 'community', 'estate', 'unit', 'unitBranch'].includes(scope.kind))
    fail('NOT_FOUND', `范围不存在：${b.scopeId}`, { id: b.scopeId })
  requireScope(ctx, readersOf(b.kind), scope)
  const all = await deps.store.find('orgs', {})
  const params: ExportParams = {
    kind: b.kind,
    year: b.year,
    name: exportFileName(b.kind, scope, b.year, ctx.now),
    fullPhoneIn: fullPhoneOrgs(ctx, all),
  }
  return { kind: 'export' as const, params, state: newExportState(), phase: 'rows', scopeId: scope._id }
}
