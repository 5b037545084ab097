// 核算 as a resumable job (docs/DESIGN.md#jobs): any scope the county admin names, in bounded units, so that a
// county of 10,000 members fits WeChat cloud functions' timeouts and a quiet night writes (almost) nothing.
//
// Phases, each a run of bounded units with an `_id` cursor:
//   score  — pages of 200 registered members of the scope, scored with scoreMembers; a total is written ONLY when
//            one of its fields changed (the page's stored totals are read in one request by id list). Each member
//            leaves a compact rank input in the job's state: [member, estate group, unit group, total, stored ranks].
//   extra  — (a sub-scope only) the other registered members of the estates and unit branches the scope's members
//            belong to, with their stored totals: ranks are within the whole estate / unit branch, not the scope.
//   rank   — one CPU-only unit: ranks within estate and within unit branch (n log n) from the compact inputs; the
//            totals whose stored ranks differ are listed.
//   write  — those totals, 200 per unit (one read by id list, then one write each).
// A unit's writes go in one transaction locally and in parallel on the cloud (see writeAll).
//   sweep  — totals of the ranked estates / unit branches whose member is no longer registered there (left, moved
//            out of the population) lose the rank they held: a rank is only ever one within the population ranked.
// The population of a run is therefore the registered members read in this run (kept in the job state), not a
// stamp on the totals — unchanged totals are not rewritten, so no stamp could mark them.
// Every write is a deterministic document (TT_<year>_<member>), so a unit repeated after a killed step writes the same.
import { fail } from '../../src/core/errors'
import { rankBy } from '../../src/core/scoring'
import { auditDoc } from '../context/audit'
import { SCOPE_READERS, requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { JobDoc } from '../model/job'
import { COUNTY_ID, type OrgDoc } from '../model/org'
import type { TotalDoc } from '../model/score'
import type { YearSettingsDoc } from '../model/year'
import { MAX_PAGE, OneOf, type Filter } from '../ports/store.port'
import { orgsUnder, requireOrg } from '../queries/orgs'
import { scoreMembers, scoreScope, totalDoc, type RosterMember } from '../queries/scores'
import { yearSettings } from '../queries/year-settings'
import { finish, type JobKindDef, type NewJob } from './runner'

/** Members scored per unit, and totals whose ranks are written per unit. */
export const TALLY_PAGE = 200

export interface TallyParams {
  year: number
  scopeId: string
}

/** One member of the ranked population: member id, estate and unit-branch group (-1: not ranked in it here), total, stored ranks. */
export type PopRow = [string, number, number, number | null, number | null, number | null]

export interface TallyState {
  /** Members scored (and ranks written) per unit: TALLY_PAGE; smaller in tests. */
  page: number
  /** The scope's estates and unit branches; null for the county (every registered member). */
  estates: string[] | null
  units: string[] | null
  /** Estates and unit branches outside the scope whose members are ranked with the scope's (phase extra). */
  extraEstates: string[]
  extraUnits: string[]
  stream: number
  cursor: string | null
  /** Registered members expected at start (progress), then counted. */
  expected: number
  groupsE: string[]
  groupsU: string[]
  pop: PopRow[]
  /** Totals whose ranks change: member id, rank in estate, rank in unit branch. */
  writes: [string, number | null, number | null][]
  next: number
}

export type TallyJob = JobDoc<TallyParams, TallyState>

const fmt = (n: number) => n.toLocaleString('en-US')
const totalId = (year: number, memberId: string) => `TT_${year}_${memberId}`
const MEMBER_FIELDS = ['name', 'unitBranchId', 'estateBranchId', 'status'] as const

/** The job of a 核算 of `scope` (its starter has checked the county admin and the open year). */
export async function newTallyJob(deps: Deps, year: number, scope: OrgDoc, page = TALLY_PAGE): Promise<NewJob<TallyParams, TallyState>> {
  let estates: string[] | null = null
  let units: string[] | null = null
  let expected: number
  if (scope._id === COUNTY_ID) expected = await deps.store.count('members', { status: 'active' })
  else {
    const under = await orgsUnder(deps.store, scope)
    estates = under.filter((o) => o.kind === 'estate').map((o) => o._id)
    units = under.filter((o) => o.kind === 'unitBranch').map((o) => o._id)
    expected = 0
    if (estates.length) expected += await deps.store.count('members', { status: 'active', estateBranchId: new OneOf(estates) })
    if (units.length) expected += await deps.store.count('members', { status: 'active', unitBranchId: new OneOf(units) })
  }
  const state: TallyState = {
    page,
    estates,
    units,
    extraEstates: [],
    extraUnits: [],
    stream: 0,
    cursor: null,
    expected,
    groupsE: [],
    groupsU: [],
    pop: [],
    writes: [],
    next: 0,
  }
  return {
    kind: 'tally',
    id: tallyJobId(year, scope._id),
    params: { year, scopeId: scope._id },
    state,
    phase: 'score',
    scopeId: scope._id,
    total: expected * 2,
  }
}

/** One 核算 per (year, scope): a second start joins the running one. */
export const tallyJobId = (year: number, scopeId: string) => `JB_tally_${year}_${scopeId}`

/** The member pages of the score phase: every registered member, or the scope's estates then its unit branches. */
function scoreStreams(s: TallyState): Filter[] {
  if (!s.estates || !s.units) return [{ status: 'active' }]
  const out: Filter[] = []
  if (s.estates.length) out.push({ status: 'active', estateBranchId: new OneOf(s.estates) })
  if (s.units.length) out.push({ status: 'active', unitBranchId: new OneOf(s.units) })
  return out
}

function extraStreams(s: TallyState): { filter: Filter; dim: 'e' | 'u' }[] {
  const out: { filter: Filter; dim: 'e' | 'u' }[] = []
  if (s.extraEstates.length) out.push({ filter: { status: 'active', estateBranchId: new OneOf(s.extraEstates) }, dim: 'e' })
  if (s.extraUnits.length) out.push({ filter: { status: 'active', unitBranchId: new OneOf(s.extraUnits) }, dim: 'u' })
  return out
}

function sweepStreams(s: TallyState, year: number): { filter: Filter; dims: ('e' | 'u')[] }[] {
  if (!s.estates || !s.units) return [{ filter: { year }, dims: ['e', 'u'] }]
  const e = s.groupsE.filter(Boolean)
  const out: { filter: Filter; dims: ('e' | 'u')[] }[] = []
  if (e.length) out.push({ filter: { year, estateBranchId: new OneOf(e) }, dims: ['e'] })
  if (s.groupsU.length) out.push({ filter: { year, unitBranchId: new OneOf(s.groupsU) }, dims: ['u'] })
  return out
}

const groupIndex = (list: string[], id: string) => {
  const i = list.indexOf(id)
  if (i >= 0) return i
  list.push(id)
  return list.length - 1
}

/** Whether a freshly scored total differs from the stored one in anything but its ranks and tally time. */
function changed(old: TotalDoc | undefined, next: TotalDoc): boolean {
  if (!old) return true
  return (
    old.name !== next.name ||
    old.estateBranchId !== next.estateBranchId ||
    old.unitBranchId !== next.unitBranchId ||
    old.unitScore !== next.unitScore ||
    old.estateScore !== next.estateScore ||
    old.total !== next.total ||
    old.complete !== next.complete ||
    old.band !== next.band
  )
}

/** Writes of a unit in flight at once on the cloud (docs/DESIGN.md#jobs). */
export const TALLY_WRITE_CONCURRENCY = 16

/**
 * A unit's writes (≤ one page). The local backend (`deps.bulk`) puts them in one transaction, so SQLite commits them
 * to disk once rather than once per total. On the cloud a transaction is sequential (each write one request after
 * the other: 200 × 25 ms = 5 s a unit), so the writes go out in parallel, `TALLY_WRITE_CONCURRENCY` in flight at a
 * time, outside any transaction. A unit killed part-way has written some of them; each is a set of a deterministic
 * id (TT_<year>_<member>) with the same content, so the repeated unit rewrites or skips the same documents and the
 * run ends with the same totals. After the first failure no further write is issued, and the ones in flight are
 * awaited before the error goes on.
 */
async function writeAll(deps: Deps, docs: TotalDoc[]): Promise<void> {
  if (!docs.length) return
  if (deps.bulk) {
    await deps.store.transaction(async (tx) => {
      for (const d of docs) await tx.set('totals', d)
    })
    return
  }
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async () => {
    while (!failure && next < docs.length) {
      const d = docs[next++]
      try {
        await deps.store.set('totals', d)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(TALLY_WRITE_CONCURRENCY, docs.length) }, worker))
  if (failure) throw (failure as { error: unknown }).error
}

const add = (job: TallyJob, key: string, n: number) => {
  job.counts[key] = (job.counts[key] ?? 0) + n
}

/** Moves the cursor on after a page; past the last stream, returns true. */
function advance(s: TallyState, pageLength: number, limit: number, lastId: string | undefined, streams: number): boolean {
  if (pageLength === limit && lastId) {
    s.cursor = lastId
    return false
  }
  s.cursor = null
  s.stream++
  return s.stream >= streams
}

/**
 * The local backend's county 核算 (`deps.bulk`), all phases in one unit: everyone scored with the year's ledger scanned
 * once (scoreScope: the same scoring as the pages — server/queries/scores-paths.test.ts holds the two equal — and ranks
 * within the same estates and unit branches), every stored total read in pages of 1,000, the changed ones written with
 * their ranks and the totals of members no longer registered unranked (the sweep), in one transaction. On the cloud a
 * unit must stay bounded, so this path is never taken there.
 */
async function scoreCountyAtOnce(job: TallyJob, deps: Deps): Promise<void> {
  const { year } = job.params
  const county = await requireOrg(deps.store, COUNTY_ID, ['county'], '范围')
  const { rows } = await scoreScope(deps.store, year, county)
  const byId = new Map<string, TotalDoc>()
  for (let after: string | undefined; ; ) {
    const page = await deps.store.findPage('totals', { year }, { ...(after ? { after } : {}), limit: MAX_PAGE })
    for (const t of page) byId.set(t._id, t)
    if (page.length < MAX_PAGE) break
    after = page[page.length - 1]._id
  }
  const writes: TotalDoc[] = []
  let complete = 0
  let changedTotals = 0
  let ranked = 0
  for (const sc of rows) {
    const next = totalDoc(year, sc, job.startedAt, true)
    const old = byId.get(next._id)
    byId.delete(next._id)
    const totalChanged = changed(old, next)
    const ranksChanged = old?.rankInEstate !== next.rankInEstate || old?.rankInUnit !== next.rankInUnit
    if (totalChanged || ranksChanged)
      writes.push(totalChanged ? next : { ...(old as TotalDoc), rankInEstate: next.rankInEstate, rankInUnit: next.rankInUnit })
    if (totalChanged) changedTotals++
    if (ranksChanged) ranked++
    if (next.complete) complete++
  }
  // What is left was not scored: a member who left keeps the total, not a rank among people they no longer count with.
  let unranked = 0
  for (const old of byId.values()) {
    if (old.rankInEstate === null && old.rankInUnit === null) continue
    writes.push({ ...old, rankInEstate: null, rankInUnit: null })
    unranked++
  }
  await writeAll(deps, writes)
  add(job, 'members', rows.length)
  add(job, 'complete', complete)
  add(job, 'incomplete', rows.length - complete)
  add(job, 'written', changedTotals)
  add(job, 'unchanged', rows.length - changedTotals)
  add(job, 'ranked', ranked)
  add(job, 'unranked', unranked)
  job.state.expected = rows.length
  job.total = rows.length * 2
  job.done = job.total
}

async function scoreUnit(job: TallyJob, deps: Deps, settings: YearSettingsDoc): Promise<void> {
  const s = job.state
  const { year } = job.params
  const streams = scoreStreams(s)
  const page = await deps.store.findPage('members', streams[s.stream], {
    ...(s.cursor ? { after: s.cursor } : {}),
    limit: s.page,
    fields: MEMBER_FIELDS,
  })
  const seen = s.estates ? new Set(s.pop.map((r) => r[0])) : null
  const fresh: RosterMember[] = seen ? page.filter((m) => !seen.has(m._id)) : page
  if (fresh.length) {
    const scored = await scoreMembers(deps.store, year, fresh, settings)
    const stored = await deps.store.find('totals', { _id: new OneOf(fresh.map((m) => totalId(year, m._id))) })
    const byId = new Map(stored.map((t) => [t._id, t]))
    const writes: TotalDoc[] = []
    let complete = 0
    for (const sc of scored) {
      const next = totalDoc(year, sc, job.startedAt, false)
      const old = byId.get(next._id)
      const rankE = old?.rankInEstate ?? null
      const rankU = old?.rankInUnit ?? null
      if (changed(old, next)) writes.push({ ...next, rankInEstate: rankE, rankInUnit: rankU })
      if (next.complete) complete++
      s.pop.push([sc.member._id, groupIndex(s.groupsE, next.estateBranchId), groupIndex(s.groupsU, next.unitBranchId), next.total, rankE, rankU])
    }
    await writeAll(deps, writes)
    add(job, 'members', scored.length)
    add(job, 'complete', complete)
    add(job, 'incomplete', scored.length - complete)
    add(job, 'written', writes.length)
    add(job, 'unchanged', scored.length - writes.length)
    job.done = job.counts.members
  }
  if (!advance(s, page.length, s.page, page[page.length - 1]?._id, streams.length)) return
  // Every member of the scope is scored: now the members it is ranked with outside it, if any.
  s.expected = job.counts.members ?? 0
  job.total = s.expected * 2
  job.done = s.expected
  s.stream = 0
  s.cursor = null
  if (s.estates && s.units) {
    const inE = new Set(s.estates)
    const inU = new Set(s.units)
    s.extraEstates = s.groupsE.filter((e) => e && !inE.has(e))
    s.extraUnits = s.groupsU.filter((u) => !inU.has(u))
  }
  job.phase = extraStreams(s).length ? 'extra' : 'rank'
}

/** Members outside the scope who share an estate or unit branch with it: ranked in that group with their stored total. */
async function extraUnit(job: TallyJob, deps: Deps): Promise<void> {
  const s = job.state
  const { year } = job.params
  const streams = extraStreams(s)
  const { filter, dim } = streams[s.stream]
  const page = await deps.store.findPage('members', filter, { ...(s.cursor ? { after: s.cursor } : {}), limit: s.page, fields: MEMBER_FIELDS })
  const at = new Map(s.pop.map((r, i) => [r[0], i]))
  const fresh = page.filter((m) => {
    const i = at.get(m._id)
    // Already in the population: as a member of the scope (ranked in both), or via the other group.
    if (i === undefined) return true
    const row = s.pop[i]
    if (i >= s.expected && dim === 'u' && row[2] < 0) row[2] = groupIndex(s.groupsU, m.unitBranchId)
    return false
  })
  if (fresh.length) {
    const stored = await deps.store.find('totals', { _id: new OneOf(fresh.map((m) => totalId(year, m._id))) }, {})
    const byId = new Map(stored.map((t) => [t.memberId, t]))
    for (const m of fresh) {
      const t = byId.get(m._id)
      const e = dim === 'e' ? groupIndex(s.groupsE, m.estateBranchId ?? '') : -1
      const u = dim === 'u' ? groupIndex(s.groupsU, m.unitBranchId) : -1
      s.pop.push([m._id, e, u, t ? t.total : null, t?.rankInEstate ?? null, t?.rankInUnit ?? null])
    }
  }
  if (!advance(s, page.length, s.page, page[page.length - 1]?._id, streams.length)) return
  s.stream = 0
  s.cursor = null
  job.phase = 'rank'
}

/** Ranks within estate and within unit branch from the compact inputs (n log n); lists the totals whose ranks change. */
function rankUnit(job: TallyJob): void {
  const s = job.state
  const ranks = new Map<PopRow, [number | null, number | null]>(s.pop.map((r) => [r, [r[4], r[5]]]))
  for (const dim of [1, 2] as const) {
    const groups = new Map<number, PopRow[]>()
    for (const r of s.pop) {
      if (r[dim] < 0) continue
      const g = groups.get(r[dim])
      if (g) g.push(r)
      else groups.set(r[dim], [r])
    }
    for (const group of groups.values()) {
      const rk = rankBy(group, (r) => r[3])
      for (const r of group) (ranks.get(r) as [number | null, number | null])[dim - 1] = rk.get(r) ?? null
    }
  }
  s.writes = []
  for (const [r, [e, u]] of ranks) {
    // A member without a stored total (outside the scope, never tallied) has nothing to rank.
    if (r[3] === null && r[4] === null && r[5] === null && e === null && u === null) continue
    if (e !== r[4] || u !== r[5]) s.writes.push([r[0], e, u])
  }
  s.writes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  s.next = 0
  job.phase = 'write'
}

async function writeUnit(job: TallyJob, deps: Deps): Promise<void> {
  const s = job.state
  const { year } = job.params
  const slice = s.writes.slice(s.next, s.next + s.page)
  if (slice.length) {
    const docs = await deps.store.find('totals', { _id: new OneOf(slice.map((w) => totalId(year, w[0]))) })
    const byMember = new Map(docs.map((d) => [d.memberId, d]))
    const writes: TotalDoc[] = []
    for (const [memberId, e, u] of slice) {
      const d = byMember.get(memberId)
      if (d && (d.rankInEstate !== e || d.rankInUnit !== u)) writes.push({ ...d, rankInEstate: e, rankInUnit: u })
    }
    await writeAll(deps, writes)
    add(job, 'ranked', writes.length)
  }
  s.next += slice.length
  job.done = s.expected + Math.floor((s.expected * s.next) / Math.max(1, s.writes.length))
  if (s.next < s.writes.length) return
  s.writes = []
  s.next = 0
  s.stream = 0
  s.cursor = null
  job.phase = 'sweep'
}

/** Totals in the ranked groups whose member is not in the population keep no rank there. */
async function sweepUnit(job: TallyJob, deps: Deps): Promise<boolean> {
  const s = job.state
  const { year } = job.params
  const streams = sweepStreams(s, year)
  if (!streams.length) return true
  const { filter, dims } = streams[s.stream]
  const page = await deps.store.findPage('totals', filter, {
    ...(s.cursor ? { after: s.cursor } : {}),
    limit: MAX_PAGE,
    fields: ['memberId', 'rankInEstate', 'rankInUnit'],
  })
  const inE = new Set(s.pop.filter((r) => r[1] >= 0).map((r) => r[0]))
  const inU = new Set(s.pop.filter((r) => r[2] >= 0).map((r) => r[0]))
  const stale: string[] = []
  let last: string | undefined
  for (const t of page) {
    if (stale.length >= s.page) break
    last = t._id
    const e = dims.includes('e') && t.rankInEstate !== null && !inE.has(t.memberId)
    const u = dims.includes('u') && t.rankInUnit !== null && !inU.has(t.memberId)
    if (e || u) stale.push(t._id)
  }
  if (stale.length) {
    const docs = await deps.store.find('totals', { _id: new OneOf(stale) })
    await writeAll(
      deps,
      docs.map((d) => ({
        ...d,
        rankInEstate: dims.includes('e') && !inE.has(d.memberId) ? null : d.rankInEstate,
        rankInUnit: dims.includes('u') && !inU.has(d.memberId) ? null : d.rankInUnit,
      })),
    )
    add(job, 'unranked', stale.length)
  }
  // Stopped early at the write cap: carry on after the last total examined.
  if (last && last !== page[page.length - 1]?._id) {
    s.cursor = last
    return false
  }
  return advance(s, page.length, MAX_PAGE, page[page.length - 1]?._id, streams.length)
}

/**
 * One bounded unit of the tally phases; returns true when they are all done (the caller audits and finishes, or
 * goes on to lock the year). Shared by the tally and finalise kinds.
 */
export async function tallyPhaseUnit(job: TallyJob, deps: Deps): Promise<boolean> {
  if (job.phase === 'rank') {
    rankUnit(job)
    return false
  }
  // A year locked meanwhile (定稿) is the snapshot that was signed off: no unit of a tally writes into it.
  const { year } = job.params
  const settings = await yearSettings(deps.store, year)
  if (settings.locked) fail('YEAR_LOCKED', `${year} 年度已定稿锁定，只能通过审计调整更正`)
  switch (job.phase) {
    case 'score':
      if (deps.bulk && !job.state.estates && !job.state.cursor && job.state.stream === 0 && !job.state.pop.length) {
        await scoreCountyAtOnce(job, deps)
        return true
      }
      await scoreUnit(job, deps, settings)
      return false
    case 'extra':
      await extraUnit(job, deps)
      return false
    case 'write':
      await writeUnit(job, deps)
      return false
    case 'sweep':
      if (!(await sweepUnit(job, deps))) return false
      // The population is only needed while ranking: the finished job keeps its counts, not 10,000 rows.
      Object.assign(job.state, { pop: [], groupsE: [], groupsU: [], stream: 0, cursor: null })
      job.done = job.total ?? job.done
      return true
    default:
      return true
  }
}

export function tallyLabel(job: TallyJob): string {
  const s = job.state
  const members = job.counts.members ?? 0
  switch (job.phase) {
    case 'score':
      return `已核算 ${fmt(members)} / ${fmt(s.expected)} 人`
    case 'extra':
      return `已核算 ${fmt(members)} 人，正在读取同一小区、单位支部的其他党员 …`
    case 'rank':
    case 'write':
      return `正在排名 … ${fmt(s.next)} / ${fmt(s.writes.length)}`
    case 'sweep':
      return '正在排名 … 核对已离开的党员'
    default:
      return job.status === 'done' ? `核算完成：${fmt(members)} 人，更新 ${fmt(job.counts.written ?? 0)} 人` : `已核算 ${fmt(members)} 人`
  }
}

export const tallyKind: JobKindDef<TallyParams, TallyState> = {
  kind: 'tally',
  label: tallyLabel,
  // The county admin runs it; whoever reads the scores of its scope may follow (and drive) its progress.
  async authorize(job, ctx: Ctx, deps) {
    const scope = await requireOrg(deps.store, job.scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
    requireScope(ctx, SCOPE_READERS, scope, '该核算')
  },
  async unit(job, ctx, deps) {
    if (!(await tallyPhaseUnit(job, deps))) return
    const { year, scopeId } = job.params
    const at = deps.clock.now()
    // The same audit as the one-shot 核算 had, once per run (its id is the job's and its start).
    const audit = auditDoc({ ...ctx, openid: job.startedBy, now: at }, 'score.tally', `${year}:${scopeId}`, null, {
      members: job.counts.members ?? 0,
      written: job.counts.written ?? 0,
      job: job._id,
    })
    await deps.store.set('audit', { ...audit, _id: `AU_${job._id}_${job.startedAt}` })
    job.phase = 'done'
    finish(job, at)
  },
}
