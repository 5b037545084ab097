// 单位积分, 我的积分, 核算. One function scores a set of members for a year; `score.mine`, `score.list` and
// `score.tally` all use it, so what a member sees and what the county signs off are the same numbers.
import type { ScoreRow } from '../../src/core/api-types'
import {
  bandOf,
  computeEstateScore,
  computeTotal,
  netReversals,
  rankBy,
  toNumber,
  weightToNumber,
  type EstateScoreBreakdown,
  type Hundredths,
  type RuleSetTerms,
  type ScoredEntry,
} from '../../src/core/scoring'
import type { MemberDoc, OrgDoc } from '../model/org'
import type { RuleSetDoc } from '../model/ruleset'
import type { LedgerDoc, TotalDoc, UnitScoreDoc } from '../model/score'
import type { YearSettingsDoc } from '../model/year'
import { MAX_PAGE, OneOf, type Doc, type Filter, type Store } from '../ports/store.port'
import { findIn, findMembersIn, orgsUnder } from './orgs'
import { currentOf, versionTerms } from './rulesets'
import { yearSettings } from './year-settings'

/**
 * What scoring needs of a member: a registered member, or a finalised year's frozen roster entry (which holds only
 * these fields, and no estate when the member had none).
 */
export type RosterMember = Pick<MemberDoc, '_id' | 'name' | 'unitBranchId' | 'status'> & { estateBranchId?: string | null }

const EMPTY_TERMS: RuleSetTerms = { baseScore: 0, fullScore: 10000, items: [] }

export interface MemberScore<E extends ScoredEntry = LedgerDoc> {
  member: RosterMember
  unit: UnitScoreDoc | null
  ruleset: RuleSetDoc | null
  estate: EstateScoreBreakdown
  total: Hundredths | null
  complete: boolean
  band: string | null
  entries: E[]
  rankInEstate: number | null
  rankInUnit: number | null
}

/** What the score reads of each ledger entry, and the member it is grouped by. */
type ScoringEntry = ScoredEntry & { _id: string; memberId: string }

const SCORING_FIELDS = ['memberId', 'itemCode', 'category', 'points', 'rulesetId'] as const

/**
 * Scores members for a year. Entries stay with the branch they were earned in (they carry their own estate
 * and rule-set version); the year is scored under the current rule set of the estate where the member is
 * registered when this runs. Ranks are computed within this set of members, per estate and per unit branch.
 */
export async function scoreMembers(store: Store, year: number, members: RosterMember[], settings?: YearSettingsDoc): Promise<MemberScore[]> {
  const s = settings ?? (await yearSettings(store, year))
  const ids = members.map((m) => m._id)
  const units = await findIn(store, 'unitScores', 'memberId', ids, { year })
  const ledger = await findIn(store, 'ledger', 'memberId', ids, { year })
  const entriesBy = new Map<string, LedgerDoc[]>()
  for (const e of ledger) {
    const list = entriesBy.get(e.memberId)
    if (list) list.push(e)
    else entriesBy.set(e.memberId, [e])
  }
  return scoreLoaded(store, year, members, s, new Map(units.map((u) => [u.memberId, u])), entriesBy, netReversals)
}

/**
 * The same score for a large set of members (score.list, score.tally), holding only what the score reads of
 * each entry. When the set is a third or more of all registered members, the year's ledger and unit scores
 * are read in one scan by pages (findPage, in _id order, only the fields scoring needs) instead of looking
 * the members up 500 at a time: the same documents in the same order per member, far fewer index probes,
 * and one page in memory at a time.
 */
async function scoreMany(store: Store, year: number, members: RosterMember[], settings: YearSettingsDoc): Promise<MemberScore<ScoredEntry>[]> {
  const ids = members.map((m) => m._id)
  const scan = ids.length > 500 && ids.length * 3 >= (await store.count('members', { status: 'active' }))

  const unitBy = new Map<string, UnitScoreDoc | null>(ids.map((id) => [id, null]))
  const addUnit = (u: UnitScoreDoc) => {
    if (unitBy.has(u.memberId)) unitBy.set(u.memberId, u)
  }
  // One list per wanted member up front, so that one lookup both filters an entry and finds its list.
  const entriesBy = new Map<string, ScoredEntry[]>(ids.map((id) => [id, []]))
  // The same (item, version, category, points) recurs across hundreds of thousands of entries, and scoring only
  // reads them: members share one frozen object per combination (by item, then version: a few per item and
  // version; past 16 they are not shared).
  const shared = new Map<string, Map<string, ScoredEntry[]>>()
  // Revoked approvals net out before caps (like netReversals does for whole documents): the reversed ids are few,
  // read first, and both sides of each pair are skipped while scanning.
  const skip = new Set<string>()
  const skipPair = (r: { _id: string; reverses?: string; year?: number }) => {
    if (r.reverses && r.year === year) skip.add(r.reverses).add(r._id)
  }
  const addEntry = (e: ScoringEntry) => {
    const list = entriesBy.get(e.memberId)
    if (!list || (skip.size > 0 && skip.has(e._id))) return
    const rulesetId = e.rulesetId ?? ''
    // By item and version: every estate's version has its own entries, a few point values each.
    let versions = shared.get(e.itemCode)
    if (!versions) {
      versions = new Map()
      shared.set(e.itemCode, versions)
    }
    let variants = versions.get(rulesetId)
    if (!variants) {
      variants = []
      versions.set(rulesetId, variants)
    }
    let entry: ScoredEntry | undefined
    for (const v of variants) {
      if (v.points === e.points && v.category === e.category) {
        entry = v
        break
      }
    }
    if (!entry) {
      entry = Object.freeze({ itemCode: e.itemCode, category: e.category, points: e.points, rulesetId })
      if (variants.length < 16) variants.push(entry)
    }
    list.push(entry)
  }

  if (scan) {
    // By kind alone, so the (small) kind index serves it rather than the year's whole ledger.
    await scanPages((after) => store.findPage('ledger', { kind: 'reversal' }, { after, limit: MAX_PAGE, fields: ['reverses', 'year'] }), skipPair)
    await scanPages((after) => store.findPage('unitScores', { year }, { after, limit: MAX_PAGE }), addUnit)
    await scanPages((after) => store.findPage('ledger', { year }, { after, limit: MAX_PAGE, fields: SCORING_FIELDS }), addEntry)
  } else {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = new OneOf(ids.slice(i, i + 500))
      for (const u of await store.find('unitScores', { memberId: chunk, year })) addUnit(u)
      // A reversal and its entry belong to the same member, so to the same chunk.
      const entries = await store.find('ledger', { memberId: chunk, year })
      entries.forEach(skipPair)
      for (const e of entries) addEntry(e)
    }
  }
  return scoreLoaded(store, year, members, settings, unitBy, entriesBy, (entries) => entries)
}

/** Every document of a scan by pages in `_id` order (`page` reads the one after an `_id`), each handed to `fn` and then let go. */
async function scanPages<T extends Doc>(page: (after: string | undefined) => Promise<T[]>, fn: (doc: T) => void): Promise<void> {
  for (let after: string | undefined; ; ) {
    const docs = await page(after)
    for (const d of docs) fn(d)
    if (docs.length < MAX_PAGE) return
    after = docs[docs.length - 1]._id
  }
}

async function scoreLoaded<E extends ScoredEntry>(
  store: Store,
  year: number,
  members: RosterMember[],
  s: YearSettingsDoc,
  unitBy: Map<string, UnitScoreDoc | null>,
  entriesBy: Map<string, E[]>,
  /** Removes revoked entries and their reversals before scoring (identity when already done at load). */
  net: (entries: E[]) => E[],
): Promise<MemberScore<E>[]> {
  // The year is scored under the version in force in the member's estate; each entry is capped under the version
  // it was earned under (src/core/scoring.ts) — including versions of an estate the member has since left.
  const rulesets = new Map<string, RuleSetDoc | null>()
  const versions = new Map<string, RuleSetDoc>()
  // Every estate's versions in one query (a page of 200 members touches up to ~90 estates: one read, not ~90).
  const estates = [...new Set(members.map((m) => m.estateBranchId).filter((x): x is string => !!x))]
  const byEstate = new Map<string, RuleSetDoc[]>(estates.map((e) => [e, []]))
  for (const r of await findIn(store, 'rulesets', 'estateBranchId', estates, { year })) byEstate.get(r.estateBranchId)?.push(r)
  for (const [estateId, all] of byEstate) {
    all.sort((a, b) => a.version - b.version)
    for (const r of all) versions.set(r._id, r)
    rulesets.set(estateId, currentOf(all))
  }
  const missing = new Set<string>()
  for (const list of entriesBy.values()) for (const e of list) if (e.rulesetId && !versions.has(e.rulesetId)) missing.add(e.rulesetId)
  for (const id of missing) {
    const r = await store.get('rulesets', id)
    if (r) versions.set(r._id, r)
  }
  const terms = versionTerms(versions.values())
  const scored: MemberScore<E>[] = members.map((member) => {
    const ruleset = member.estateBranchId ? (rulesets.get(member.estateBranchId) ?? null) : null
    const entries = entriesBy.get(member._id) ?? []
    const estate = computeEstateScore(ruleset ?? EMPTY_TERMS, net(entries), terms)
    const unit = unitBy.get(member._id) ?? null
    const { total, complete } = computeTotal(unit ? unit.score : null, estate.estateScore, s.weights)
    return { member, unit, ruleset, estate, total, complete, band: bandOf(total, s.bands), entries, rankInEstate: null, rankInUnit: null }
  })
  for (const key of ['estateBranchId', 'unitBranchId'] as const) {
    const groups = new Map<string, MemberScore<E>[]>()
    for (const r of scored) {
      const g = r.member[key] ?? ''
      const group = groups.get(g)
      if (group) group.push(r)
      else groups.set(g, [r])
    }
    for (const group of groups.values()) {
      const ranks = rankBy(group, (r) => r.total)
      for (const r of group) r[key === 'estateBranchId' ? 'rankInEstate' : 'rankInUnit'] = ranks.get(r) ?? null
    }
  }
  return scored
}

export const weightsView = (s: YearSettingsDoc) => ({ unit: weightToNumber(s.weights.unit), estate: weightToNumber(s.weights.estate) })

function rowOf(r: MemberScore<ScoredEntry>, s: YearSettingsDoc): ScoreRow {
  return {
    memberId: r.member._id,
    name: r.member.name,
    unitBranchId: r.member.unitBranchId,
    estateBranchId: r.member.estateBranchId ?? '',
    unitScore: r.unit ? toNumber(r.unit.score) : null,
    estateScore: toNumber(r.estate.estateScore),
    weights: weightsView(s),
    total: r.total === null ? null : toNumber(r.total),
    complete: r.complete,
    band: r.band,
    rankInEstate: r.rankInEstate,
    rankInUnit: r.rankInUnit,
  }
}

/**
 * After 定稿 who counted where is frozen: a locked year's roster is read from the totals written when it was
 * finalised (member, estate, unit branch), not from today's registrations — a member who moves or leaves later
 * changes nothing in it. Scores are still computed from the ledger, so an audited adjustment shows at once.
 */
export async function frozenRoster(store: Store, year: number, filter: Filter = {}): Promise<RosterMember[]> {
  const out: RosterMember[] = []
  await scanPages(
    (after) =>
      store.findPage('totals', { year, ...filter }, { after, limit: MAX_PAGE, fields: ['memberId', 'name', 'estateBranchId', 'unitBranchId'] }),
    (t) => out.push(frozenMember(t)),
  )
  return out
}

export const frozenMember = (t: Pick<TotalDoc, 'memberId' | 'name' | 'estateBranchId' | 'unitBranchId'>): RosterMember => ({
  _id: t.memberId,
  name: t.name,
  unitBranchId: t.unitBranchId,
  ...(t.estateBranchId ? { estateBranchId: t.estateBranchId } : {}),
  status: 'active',
})

/**
 * Who counted in these estates or unit branches for the year: a locked year's frozen roster, or null when the
 * year is open (then today's registrations are the roster). For reports that must agree with score.list.
 */
export async function frozenMembersOf(store: Store, settings: YearSettingsDoc, estates: string[], units: string[]): Promise<RosterMember[] | null> {
  if (!settings.locked) return null
  return membersOf(store, estates, units, await frozenRoster(store, settings.year))
}

/** Members of the given estates or unit branches: registered (active) ones, or a locked year's frozen roster. */
async function membersOf(store: Store, estates: string[], units: string[], roster: RosterMember[] | null): Promise<RosterMember[]> {
  if (roster) {
    const e = new Set(estates)
    const u = new Set(units)
    return roster.filter((m) => (m.estateBranchId && e.has(m.estateBranchId)) || u.has(m.unitBranchId))
  }
  const byEstate = (await findMembersIn(store, 'estateBranchId', estates, { status: 'active' })).map(scoringFieldsOf)
  // When those are every registered member (a county whose members all have an estate), the unit branches can add
  // no one: for a large set, one count instead of reading them all a second time.
  if (units.length && byEstate.length >= MAX_PAGE && byEstate.length === (await store.count('members', { status: 'active' }))) return byEstate
  return [...byEstate, ...(await findMembersIn(store, 'unitBranchId', units, { status: 'active' })).map(scoringFieldsOf)]
}

/** Only what scoring reads of a member, so that a county's registrations are not held whole while it is scored. */
const scoringFieldsOf = (m: RosterMember): RosterMember => ({
  _id: m._id,
  name: m.name,
  unitBranchId: m.unitBranchId,
  status: m.status,
  estateBranchId: m.estateBranchId,
})

/** Registered (active) members under an org: by estate for the geographic tree, by unit branch for units. */
async function activeMembersUnder(
  store: Store,
  scope: OrgDoc,
  roster: RosterMember[] | null,
): Promise<{ members: RosterMember[]; estates: Set<string>; units: Set<string> }> {
  const under = await orgsUnder(store, scope)
  const estates = under.filter((o) => o.kind === 'estate').map((o) => o._id)
  const units = under.filter((o) => o.kind === 'unitBranch').map((o) => o._id)
  const found = new Map<string, RosterMember>()
  for (const m of await membersOf(store, estates, units, roster)) found.set(m._id, m)
  return { members: [...found.values()], estates: new Set(estates), units: new Set(units) }
}

/** Scores the members in scope, ranked among everyone registered in the same estates and unit branches. */
export async function scoreScope(store: Store, year: number, scope: OrgDoc) {
  const settings = await yearSettings(store, year)
  const roster = settings.locked ? await frozenRoster(store, year) : null
  const under = await activeMembersUnder(store, scope, roster)
  const inScope = under.members
  const estates = [...new Set(inScope.map((m) => m.estateBranchId).filter((x): x is string => !!x))]
  const units = [...new Set(inScope.map((m) => m.unitBranchId))]
  const population = new Map(inScope.map((m) => [m._id, m]))
  // When those estates and unit branches all lie under the scope (always so for the county), everyone in
  // them was found above already.
  if (!estates.every((e) => under.estates.has(e)) || !units.every((u) => under.units.has(u))) {
    for (const m of await membersOf(store, estates, units, roster)) population.set(m._id, m)
  }
  const scored = await scoreMany(store, year, [...population.values()], settings)
  const wanted = new Set(inScope.map((m) => m._id))
  return { settings, rows: scored.filter((r) => wanted.has(r.member._id)) }
}

/** The score.list rows of a scope (its reader checked), best total first. */
export async function scoreRows(store: Store, year: number, scope: OrgDoc): Promise<ScoreRow[]> {
  const { settings, rows } = await scoreScope(store, year, scope)
  const out = rows.map((r) => rowOf(r, settings))
  out.sort((a, c) => (c.total ?? -1) - (a.total ?? -1) || a.name.localeCompare(c.name, 'zh'))
  return out
}

/**
 * score.list answers a scope of at most this many registered members live, in one page; a larger one pages
 * the stored totals of the last 核算 (docs/DESIGN.md#budgets-and-how-they-are-measured). The same bound decides
 * whether the population a rank needs outside the scope is read live or taken from the stored totals.
 */
export const LIST_LIVE_MAX = 1000
/** Rows per page of a stored list: 500 rows are about 120 KB of JSON, inside the cloud's ~200 KB answer budget. */
export const LIST_PAGE = 500

/**
 * A total's place in a list best first, as a string that sorts ascending: a scored total by value, highest first
 * (offset so that any total in ±10⁹ hundredths gives ten digits), then the members with no total yet, each group
 * by member id. Unique per member, so a page boundary never skips or repeats anyone.
 */
export function rankKeyOf(total: Hundredths | null, memberId: string): string {
  return total === null ? `1_${memberId}` : `0${String(1e9 - total).padStart(10, '0')}_${memberId}`
}

/** One page of score.list: where its figures and ranks come from, and where the next page starts. */
export interface ListPage {
  rows: ScoreRow[]
  /**
   * live: computed now, every rank among everyone registered in the same estate / unit branch (today's answer);
   * storedRanks: figures computed now, but a rank whose population lies beyond the scope and beyond
   * LIST_LIVE_MAX comes from the last 核算's stored total (null where there is none);
   * stored: rows, figures, ranks and order are the stored totals of the last 核算, paged.
   */
  mode: 'live' | 'storedRanks' | 'stored'
  /** The oldest 核算 time among the stored totals used (null when none was used or found). */
  talliedAt: number | null
  /** The rankKey the next page starts after; null on the last page. */
  next: string | null
}

/** The estate and unit branches of a scope: the geographic tree by estate, units by unit branch (both for the county). */
async function branchesOf(store: Store, scope: OrgDoc) {
  const under = await orgsUnder(store, scope)
  return {
    estates: under.filter((o) => o.kind === 'estate').map((o) => o._id),
    units: under.filter((o) => o.kind === 'unitBranch').map((o) => o._id),
  }
}

/** Sums counts over chunks of values (the cloud's `in` takes a bounded list). */
async function countIn(store: Store, coll: 'members' | 'totals', field: string, values: string[], extra: Filter): Promise<number> {
  let n = 0
  for (let i = 0; i < values.length; i += 500) n += await store.count(coll, { [field]: new OneOf(values.slice(i, i + 500)), ...extra })
  return n
}

/**
 * How many members count in these estates or unit branches (at most: one in both is counted twice): registered
 * (active) ones, or a locked year's frozen roster. A few count requests, however large the county.
 */
async function rosterSize(store: Store, s: YearSettingsDoc, estates: string[], units: string[], county: boolean): Promise<number> {
  const [coll, extra]: ['members' | 'totals', Filter] = s.locked ? ['totals', { year: s.year }] : ['members', { status: 'active' }]
  if (county) return store.count(coll, extra)
  return (await countIn(store, coll, 'estateBranchId', estates, extra)) + (await countIn(store, coll, 'unitBranchId', units, extra))
}

/** The roster of these estates or unit branches only (membersOf without reading a locked year's whole roster). */
async function rosterOf(store: Store, s: YearSettingsDoc, estates: string[], units: string[]): Promise<RosterMember[]> {
  const found = new Map<string, RosterMember>()
  if (!s.locked) {
    for (const m of await membersOf(store, estates, units, null)) found.set(m._id, m)
    return [...found.values()]
  }
  for (const [field, values] of [
    ['estateBranchId', estates],
    ['unitBranchId', units],
  ] as const) {
    for (let i = 0; i < values.length; i += 500) {
      for (const m of await frozenRoster(store, s.year, { [field]: new OneOf(values.slice(i, i + 500)) })) found.set(m._id, m)
    }
  }
  return [...found.values()]
}

/**
 * One page of score.list for a scope (its reader checked). A scope of at most `liveMax` members (and no `after`)
 * is scored now and answered whole, best total first: ranks among everyone registered in the same estates and unit
 * branches, read live while that population is at most `liveMax`, else (a rank needing the county, e.g. the unit
 * ranks of an estate's members) taken from the stored totals. A larger scope, or a page `after` a rankKey, pages
 * the stored totals best first, LIST_PAGE rows a page. Requests are bounded by the scope's size and `liveMax`,
 * never by the county's.
 */
export async function scoreListPage(store: Store, year: number, scope: OrgDoc, opts: { after?: string; liveMax?: number } = {}): Promise<ListPage> {
  const liveMax = opts.liveMax ?? LIST_LIVE_MAX
  const settings = await yearSettings(store, year)
  const { estates, units } = await branchesOf(store, scope)
  const county = scope.kind === 'county'
  if (opts.after !== undefined || (await rosterSize(store, settings, estates, units, county)) > liveMax) {
    return storedPage(
      store,
      settings,
      county ? {} : estates.length ? { estateBranchId: new OneOf(estates) } : { unitBranchId: new OneOf(units) },
      opts.after,
    )
  }

  const inScope = await rosterOf(store, settings, estates, units)
  const inEstates = new Set(estates)
  const inUnits = new Set(units)
  // The estates and unit branches whose members rank with the scope's but lie outside it.
  const outEstates = [...new Set(inScope.map((m) => m.estateBranchId).filter((e): e is string => !!e && !inEstates.has(e)))]
  const outUnits = [...new Set(inScope.map((m) => m.unitBranchId).filter((u) => !inUnits.has(u)))]
  const population = new Map(inScope.map((m) => [m._id, m]))
  let stored: { estate: boolean; unit: boolean } = { estate: false, unit: false }
  if (outEstates.length || outUnits.length) {
    if (inScope.length + (await rosterSize(store, settings, outEstates, outUnits, false)) <= liveMax) {
      for (const m of await rosterOf(store, settings, outEstates, outUnits)) population.set(m._id, m)
    } else {
      stored = { estate: outEstates.length > 0, unit: outUnits.length > 0 }
    }
  }
  const scored = await scoreMany(store, year, [...population.values()], settings)
  const wanted = new Set(inScope.map((m) => m._id))
  const mine = scored.filter((r) => wanted.has(r.member._id))
  let talliedAt: number | null = null
  if (stored.estate || stored.unit) {
    const totals = new Map(
      (
        await findIn(
          store,
          'totals',
          '_id',
          mine.map((r) => `TT_${year}_${r.member._id}`),
        )
      ).map((t) => [t.memberId, t]),
    )
    for (const r of mine) {
      const t = totals.get(r.member._id)
      // A stored rank counts only where the member still is (a member who moved ranks nowhere until the next 核算).
      if (stored.estate) r.rankInEstate = t && t.estateBranchId === (r.member.estateBranchId ?? '') ? t.rankInEstate : null
      if (stored.unit) r.rankInUnit = t && t.unitBranchId === r.member.unitBranchId ? t.rankInUnit : null
      if (t && (talliedAt === null || t.talliedAt < talliedAt)) talliedAt = t.talliedAt
    }
  }
  const rows = mine.map((r) => rowOf(r, settings))
  rows.sort((a, c) => (c.total ?? -1) - (a.total ?? -1) || a.name.localeCompare(c.name, 'zh'))
  return { rows, mode: stored.estate || stored.unit ? 'storedRanks' : 'live', talliedAt, next: null }
}

/** A page of a scope's stored totals best first (by rankKey), and the key the next page starts after. */
async function storedPage(store: Store, s: YearSettingsDoc, filter: Filter, after: string | undefined): Promise<ListPage> {
  const page = await store.findPage(
    'totals',
    { year: s.year, ...filter },
    { by: 'rankKey', ...(after !== undefined ? { after } : {}), limit: LIST_PAGE + 1 },
  )
  const shown = page.slice(0, LIST_PAGE)
  const weights = weightsView(s)
  const rows: ScoreRow[] = shown.map((t) => ({
    memberId: t.memberId,
    name: t.name,
    unitBranchId: t.unitBranchId,
    estateBranchId: t.estateBranchId,
    unitScore: t.unitScore === null ? null : toNumber(t.unitScore),
    estateScore: toNumber(t.estateScore),
    weights,
    total: t.total === null ? null : toNumber(t.total),
    complete: t.complete,
    band: t.band,
    rankInEstate: t.rankInEstate,
    rankInUnit: t.rankInUnit,
  }))
  const talliedAt = shown.length ? Math.min(...shown.map((t) => t.talliedAt)) : null
  return { rows, mode: 'stored', talliedAt, next: page.length > LIST_PAGE ? (shown[shown.length - 1].rankKey ?? null) : null }
}

/** The stored total of one scored member (ranks from this scoring, or null until a ranking pass writes them). */
export function totalDoc(year: number, s: MemberScore<ScoredEntry>, talliedAt: number, ranked = true): TotalDoc {
  return {
    _id: `TT_${year}_${s.member._id}`,
    year,
    memberId: s.member._id,
    name: s.member.name,
    estateBranchId: s.member.estateBranchId ?? '',
    unitBranchId: s.member.unitBranchId,
    unitScore: s.unit ? s.unit.score : null,
    estateScore: s.estate.estateScore,
    total: s.total,
    complete: s.complete,
    band: s.band,
    rankInEstate: ranked ? s.rankInEstate : null,
    rankInUnit: ranked ? s.rankInUnit : null,
    talliedAt,
    rankKey: rankKeyOf(s.total, s.member._id),
  }
}
