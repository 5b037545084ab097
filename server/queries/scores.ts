// 单位积分, 我的积分, 核算. One function scores a set of members for a year; `score.mine`, `score.list` and
// `score.tally` all use it, so what a member sees and what the county signs off are the same numbers.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import type { EntryView, ScoreMine, ScoreRow, TallyResult, UnitScoreRow } from '../../src/core/api-types'
import {
  bandOf,
  computeEstateScore,
  computeTotal,
  netReversals,
  normaliseUnitScore,
  rankBy,
  toNumber,
  weightToNumber,
  type EstateScoreBreakdown,
  type Hundredths,
  type RuleSetTerms,
  type ScoredEntry,
} from '../../src/core/scoring'
import { shanghaiMonth, toIsoShanghai } from '../../src/core/time'
import { MAX_PAGE, OneOf, type Collection, type Doc, type Filter, type Store } from '../ports/store.port'
import {
  COUNTY_ID,
  assertYearOpen,
  auditDoc,
  findIn,
  findMembersIn,
  getOrg,
  nameOfOpenid,
  orgsUnder,
  requireOrg,
  requireScope,
  yearSettings,
  type Ctx,
  type Deps,
  type MemberDoc,
  type OrgDoc,
  type YearSettingsDoc,
} from '../context'
import { basesOf, type AttendanceDoc, type LedgerDoc } from './activities'
import { currentOf, rulesetsOf, versionTerms, type RuleSetDoc } from './rulesets'

export interface UnitScoreDoc {
  _id: string
  memberId: string
  unitBranchId: string
  year: number
  raw: Hundredths
  fullScale: Hundredths
  score: Hundredths
  enteredBy: string
  enteredAt: number
}

export interface TotalDoc {
  _id: string
  year: number
  memberId: string
  name: string
  estateBranchId: string
  unitBranchId: string
  unitScore: Hundredths | null
  estateScore: Hundredths
  total: Hundredths | null
  complete: boolean
  band: string | null
  rankInEstate: number | null
  rankInUnit: number | null
  talliedAt: number
}

const unitScoreId = (year: number, memberId: string) => `US_${year}_${memberId}`
const EMPTY_TERMS: RuleSetTerms = { baseScore: 0, fullScore: 10000, items: [] }

export interface MemberScore<E extends ScoredEntry = LedgerDoc> {
  member: MemberDoc
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
export async function scoreMembers(store: Store, year: number, members: MemberDoc[], settings?: YearSettingsDoc): Promise<MemberScore[]> {
  const s = settings ?? (await yearSettings(store, year))
  const ids = members.map((m) => m._id)
  const units = await findIn<UnitScoreDoc>(store, 'unitScores', 'memberId', ids, { year })
  const ledger = await findIn<LedgerDoc>(store, 'ledger', 'memberId', ids, { year })
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
async function scoreMany(store: Store, year: number, members: MemberDoc[], settings: YearSettingsDoc): Promise<MemberScore<ScoredEntry>[]> {
  const ids = members.map((m) => m._id)
  const scan = ids.length > 500 && ids.length * 3 >= (await store.count('members', { status: 'active' }))

  const unitBy = new Map<string, UnitScoreDoc | null>(ids.map((id) => [id, null]))
  const addUnit = (u: UnitScoreDoc) => {
    if (unitBy.has(u.memberId)) unitBy.set(u.memberId, u)
  }
  // One list per wanted member up front, so that one lookup both filters an entry and finds its list.
  const entriesBy = new Map<string, ScoredEntry[]>(ids.map((id) => [id, []]))
  // The same (item, version, category, points) recurs across hundreds of thousands of entries, and scoring only
  // reads them: members share one frozen object per combination (a few per item and version; past 16 they are
  // not shared).
  const shared = new Map<string, ScoredEntry[]>()
  // Revoked approvals net out before caps (as netReversals does for whole documents): the reversed ids are few,
  // read first, and both sides of each pair are skipped while scanning.
  const skip = new Set<string>()
  const skipPair = (r: { _id: string; reverses?: string; year?: number }) => {
    if (r.reverses && r.year === year) skip.add(r.reverses).add(r._id)
  }
  const addEntry = (e: ScoringEntry) => {
    const list = entriesBy.get(e.memberId)
    if (!list || skip.has(e._id)) return
    const rulesetId = e.rulesetId ?? ''
    // By item and version: every estate's version has its own entries, a few point values each.
    const key = `${e.itemCode}\u0000${rulesetId}`
    let variants = shared.get(key)
    if (!variants) {
      variants = []
      shared.set(key, variants)
    }
    let entry = variants.find((v) => v.points === e.points && v.category === e.category)
    if (!entry) {
      entry = Object.freeze({ itemCode: e.itemCode, category: e.category, points: e.points, rulesetId })
      if (variants.length < 16) variants.push(entry)
    }
    list.push(entry)
  }

  if (scan) {
    // By kind alone, so the (small) kind index serves it rather than the year's whole ledger.
    await scanPages<LedgerDoc>(store, 'ledger', { kind: 'reversal' }, ['reverses', 'year'], skipPair)
    await scanPages<UnitScoreDoc>(store, 'unitScores', { year }, undefined, addUnit)
    await scanPages<ScoringEntry>(store, 'ledger', { year }, SCORING_FIELDS, addEntry)
  } else {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = new OneOf(ids.slice(i, i + 500))
      for (const u of await store.find<UnitScoreDoc>('unitScores', { memberId: chunk, year })) addUnit(u)
      // A reversal and its entry belong to the same member, so to the same chunk.
      const entries = await store.find<LedgerDoc>('ledger', { memberId: chunk, year })
      entries.forEach(skipPair)
      for (const e of entries) addEntry(e)
    }
  }
  return scoreLoaded(store, year, members, settings, unitBy, entriesBy, (entries) => entries)
}

/** Every document matching `filter`, page by page in `_id` order, each handed to `fn` and then let go. */
async function scanPages<T extends Doc>(
  store: Store,
  coll: Collection,
  filter: Filter,
  fields: readonly string[] | undefined,
  fn: (doc: T) => void,
): Promise<void> {
  for (let after: string | undefined; ; ) {
    const page = await store.findPage<T>(coll, filter, { after, limit: MAX_PAGE, ...(fields ? { fields } : {}) })
    for (const d of page) fn(d)
    if (page.length < MAX_PAGE) return
    after = page[page.length - 1]._id
  }
}

async function scoreLoaded<E extends ScoredEntry>(
  store: Store,
  year: number,
  members: MemberDoc[],
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
  for (const estateId of new Set(members.map((m) => m.estateBranchId).filter((x): x is string => !!x))) {
    const all = await rulesetsOf(store, estateId, year)
    for (const r of all) versions.set(r._id, r)
    rulesets.set(estateId, currentOf(all))
  }
  const missing = new Set<string>()
  for (const list of entriesBy.values()) for (const e of list) if (e.rulesetId && !versions.has(e.rulesetId)) missing.add(e.rulesetId)
  for (const id of missing) {
    const r = await store.get<RuleSetDoc>('rulesets', id)
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

const weightsView = (s: YearSettingsDoc) => ({ unit: weightToNumber(s.weights.unit), estate: weightToNumber(s.weights.estate) })

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

export async function unitScoreImport(b: BodyOf<'unitScore.import'>, ctx: Ctx, deps: Deps) {
  const branch = await requireOrg(deps.store, b.unitBranchId, 'unitBranch', '单位党支部')
  requireScope(ctx, ['unit_secretary'], branch)
  await assertYearOpen(deps.store, b.year)
  const fullScale = b.fullScale ?? 10000
  const seen = new Set<string>()
  b.scores.forEach((row, i) => {
    if (seen.has(row.memberId)) fail('VALIDATION', `党员 ${row.memberId} 重复录入`, { field: `scores[${i}].memberId` })
    seen.add(row.memberId)
    if (row.score > fullScale)
      fail('VALIDATION', `单位积分（scores[${i}].score）不能大于单位满分 ${toNumber(fullScale)}`, { field: `scores[${i}].score` })
  })
  const members = await findIn<MemberDoc>(deps.store, 'members', '_id', [...seen])
  const byId = new Map(members.map((m) => [m._id, m]))
  b.scores.forEach((row, i) => {
    const m = byId.get(row.memberId)
    if (!m) fail('NOT_FOUND', `党员不存在：${row.memberId}`, { field: `scores[${i}].memberId` })
    if ((m as MemberDoc).unitBranchId !== branch._id)
      fail('FORBIDDEN', `${(m as MemberDoc).name} 不属于本单位党支部，不能录入`, { field: `scores[${i}].memberId` })
  })
  let created = 0
  let updated = 0
  await deps.store.transaction(async (tx) => {
    for (const row of b.scores) {
      const id = unitScoreId(b.year, row.memberId)
      const before = await tx.get<UnitScoreDoc>('unitScores', id)
      const doc: UnitScoreDoc = {
        _id: id,
        memberId: row.memberId,
        unitBranchId: branch._id,
        year: b.year,
        raw: row.score,
        fullScale,
        score: normaliseUnitScore(row.score, fullScale),
        enteredBy: ctx.openid,
        enteredAt: ctx.now,
      }
      await tx.set('unitScores', doc)
      await tx.create(
        'audit',
        auditDoc(ctx, 'unitScore.import', id, before ? { raw: before.raw, fullScale: before.fullScale } : null, { raw: doc.raw, fullScale }),
      )
      if (before) updated++
      else created++
    }
  })
  return { imported: b.scores.length, created, updated }
}

export async function unitScoreList(b: BodyOf<'unitScore.list'>, ctx: Ctx, deps: Deps): Promise<UnitScoreRow[]> {
  const branch = await requireOrg(deps.store, b.unitBranchId, 'unitBranch', '单位党支部')
  requireScope(ctx, ['unit_secretary'], branch)
  const members = await deps.store.find<MemberDoc>('members', { unitBranchId: branch._id })
  const scores = await deps.store.find<UnitScoreDoc>('unitScores', { unitBranchId: branch._id, year: b.year })
  const by = new Map(scores.map((s) => [s.memberId, s]))
  return members
    .filter((m) => m.status !== 'rejected')
    .sort((a, c) => a.name.localeCompare(c.name, 'zh'))
    .map((m) => {
      const s = by.get(m._id)
      return {
        memberId: m._id,
        name: m.name,
        phone: m.phone,
        ...(m.estateBranchId ? { estateBranchId: m.estateBranchId } : {}),
        raw: s ? toNumber(s.raw) : null,
        fullScale: s ? toNumber(s.fullScale) : null,
        unitScore: s ? toNumber(s.score) : null,
      }
    })
}

/**
 * After 定稿 who counted where is frozen: a locked year's roster is read from the totals written when it was
 * finalised (member, estate, unit branch), not from today's registrations — a member who moves or leaves later
 * changes nothing in it. Scores are still computed from the ledger, so an audited adjustment shows at once.
 */
async function frozenRoster(store: Store, year: number, filter: Filter = {}): Promise<MemberDoc[]> {
  const out: MemberDoc[] = []
  await scanPages<TotalDoc>(store, 'totals', { year, ...filter }, ['memberId', 'name', 'estateBranchId', 'unitBranchId'], (t) =>
    out.push(frozenMember(t)),
  )
  return out
}
const frozenMember = (t: Pick<TotalDoc, 'memberId' | 'name' | 'estateBranchId' | 'unitBranchId'>): MemberDoc =>
  ({
    _id: t.memberId,
    name: t.name,
    unitBranchId: t.unitBranchId,
    ...(t.estateBranchId ? { estateBranchId: t.estateBranchId } : {}),
    status: 'active',
  }) as MemberDoc

/**
 * Who counted in these estates or unit branches for the year: a locked year's frozen roster, or null when the
 * year is open (then today's registrations are the roster). For reports that must agree with score.list.
 */
export async function frozenMembersOf(store: Store, settings: YearSettingsDoc, estates: string[], units: string[]): Promise<MemberDoc[] | null> {
  if (!settings.locked) return null
  return membersOf(store, estates, units, await frozenRoster(store, settings.year))
}

/** Members of the given estates or unit branches: registered (active) ones, or a locked year's frozen roster. */
async function membersOf(store: Store, estates: string[], units: string[], roster: MemberDoc[] | null): Promise<MemberDoc[]> {
  if (roster) {
    const e = new Set(estates)
    const u = new Set(units)
    return roster.filter((m) => (m.estateBranchId && e.has(m.estateBranchId)) || u.has(m.unitBranchId))
  }
  return [
    ...(await findMembersIn(store, 'estateBranchId', estates, { status: 'active' })),
    ...(await findMembersIn(store, 'unitBranchId', units, { status: 'active' })),
  ]
}

/** Registered (active) members under an org: by estate for the geographic tree, by unit branch for units. */
async function activeMembersUnder(
  store: Store,
  scope: OrgDoc,
  roster: MemberDoc[] | null,
): Promise<{ members: MemberDoc[]; estates: Set<string>; units: Set<string> }> {
  const under = await orgsUnder(store, scope)
  const estates = under.filter((o) => o.kind === 'estate').map((o) => o._id)
  const units = under.filter((o) => o.kind === 'unitBranch').map((o) => o._id)
  const found = new Map<string, MemberDoc>()
  for (const m of await membersOf(store, estates, units, roster)) found.set(m._id, m)
  return { members: [...found.values()], estates: new Set(estates), units: new Set(units) }
}

/** Scores the members in scope, ranked among everyone registered in the same estates and unit branches. */
async function scoreScope(store: Store, year: number, scope: OrgDoc) {
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

export async function scoreList(b: BodyOf<'score.list'>, ctx: Ctx, deps: Deps): Promise<{ rows: ScoreRow[] }> {
  const scope = await requireOrg(deps.store, b.scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  requireScope(ctx, ['estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin'], scope)
  const { settings, rows } = await scoreScope(deps.store, b.year, scope)
  const out = rows.map((r) => rowOf(r, settings))
  out.sort((a, c) => (c.total ?? -1) - (a.total ?? -1) || a.name.localeCompare(c.name, 'zh'))
  return { rows: out }
}

/** The stored total of one scored member (ranks as scored, or null until a ranking pass writes them). */
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
  }
}

export async function scoreTally(b: BodyOf<'score.tally'>, ctx: Ctx, deps: Deps): Promise<TallyResult> {
  const scopeId = b.scopeId ?? COUNTY_ID
  const scope = await requireOrg(deps.store, scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  requireScope(ctx, ['county_admin'], scope)
  // A finalised year's totals are what was signed off; corrections after it are audited adjustments.
  await assertYearOpen(deps.store, b.year)
  const { rows } = await scoreScope(deps.store, b.year, scope)
  const docs = rows.map((r) => totalDoc(b.year, r, ctx.now))
  await deps.store.transaction(async (tx) => {
    for (const d of docs) await tx.set('totals', d)
    await tx.create('audit', auditDoc(ctx, 'score.tally', `${b.year}:${scopeId}`, null, { members: docs.length }))
  })
  const complete = docs.filter((d) => d.complete).length
  return { members: docs.length, complete, incomplete: docs.length - complete, year: b.year, scopeId, talliedAt: toIsoShanghai(ctx.now) }
}

export async function scoreMine(b: BodyOf<'score.mine'>, ctx: Ctx, deps: Deps): Promise<ScoreMine> {
  const settings = await yearSettings(deps.store, b.year)
  // A locked year is shown as it was finalised: the estate and peers of the frozen roster (see frozenRoster).
  const frozen = settings.locked ? await deps.store.get<TotalDoc>('totals', `TT_${b.year}_${(ctx.member as MemberDoc)._id}`) : null
  const member = frozen ? frozenMember(frozen) : (ctx.member as MemberDoc)
  const estateId = member.estateBranchId ?? ''
  const peers = !estateId
    ? [member]
    : frozen
      ? await frozenRoster(deps.store, b.year, { estateBranchId: estateId })
      : await deps.store.find<MemberDoc>('members', { estateBranchId: estateId, status: 'active' })
  const scored = await scoreMembers(deps.store, b.year, peers.some((p) => p._id === member._id) ? peers : [...peers, member], settings)
  const me = scored.find((r) => r.member._id === member._id) as MemberScore
  const [estateOrg, unitOrg] = await Promise.all([getOrg(deps.store, estateId), getOrg(deps.store, member.unitBranchId)])
  const enteredByName = me.unit ? await nameOfOpenid(deps.store, me.unit.enteredBy, '单位党支部书记') : ''

  // A deduction's evidence is shown to the member it is against, its photos through short-lived URLs (as reviewers
  // see a claim's photos in attendance.list).
  const photoUrls = await deps.files.urls(me.entries.flatMap((e) => e.evidencePhotos ?? []))
  const entries: EntryView[] = me.entries.map((e) => {
    const view: EntryView = {
      id: e._id,
      kind: e.kind,
      itemCode: e.itemCode,
      itemName: e.itemName,
      category: e.category,
      points: toNumber(e.points),
      status: 'approved',
      at: toIsoShanghai(e.at),
      title: e.title,
      rulesetVersion: e.rulesetVersion,
    }
    if (e.evidence) view.evidence = e.evidence
    const photos = (e.evidencePhotos ?? []).flatMap((id) => photoUrls.get(id) ?? [])
    if (photos.length) view.photos = photos
    return view
  })
  // Attendances not yet approved are shown with their status, and count for nothing until approved.
  const open = (await deps.store.find<AttendanceDoc>('attendances', { memberId: member._id, year: b.year })).filter(
    (a) => a.status === 'pending' || a.status === 'rejected',
  )
  const bases = await basesOf(deps.store, open)
  for (const a of open) {
    // Approved and revoked ones are in the ledger already (the entry and its reversal).
    const basis = bases.get(a._id)
    if (!basis) continue
    const view: EntryView = {
      id: a._id,
      kind: a.claim ? 'claim' : 'activity',
      itemCode: basis.item.code,
      itemName: basis.item.name,
      category: basis.item.category,
      points: toNumber(basis.item.points),
      status: a.status,
      at: toIsoShanghai(basis.startAt),
      title: basis.title,
      rulesetVersion: basis.rulesetVersion,
    }
    if (a.reason) view.reason = a.reason
    entries.push(view)
  }
  entries.sort((x, y) => y.at.localeCompare(x.at))

  const byMonth: Record<string, number> = {}
  const monthH = new Map<string, number>()
  for (const e of me.entries) monthH.set(shanghaiMonth(e.at), (monthH.get(shanghaiMonth(e.at)) ?? 0) + e.points)
  for (const [k, v] of [...monthH].sort()) byMonth[k] = toNumber(v)
  const byCategory: Record<string, number> = Object.fromEntries(Object.entries(me.estate.byCategory).map(([k, v]) => [k, toNumber(v)]))

  return {
    year: b.year,
    unitScore: me.unit ? toNumber(me.unit.score) : null,
    estateScore: toNumber(me.estate.estateScore),
    weights: weightsView(settings),
    total: me.total === null ? null : toNumber(me.total),
    complete: me.complete,
    band: me.band,
    unitSource: me.unit
      ? {
          raw: toNumber(me.unit.raw),
          fullScale: toNumber(me.unit.fullScale),
          unitBranchId: member.unitBranchId,
          ...(unitOrg ? { unitBranchName: unitOrg.name } : {}),
          enteredBy: me.unit.enteredBy,
          enteredByName,
          enteredAt: toIsoShanghai(me.unit.enteredAt),
        }
      : null,
    estateSource: {
      estateBranchId: estateId,
      ...(estateOrg ? { estateBranchName: estateOrg.name } : {}),
      ...(me.ruleset ? { rulesetId: me.ruleset._id, rulesetVersion: me.ruleset.version } : {}),
      baseScore: toNumber(me.ruleset?.baseScore ?? 0),
      fullScore: toNumber(me.ruleset?.fullScore ?? 10000),
    },
    entries,
    byCategory,
    byMonth,
    rankInEstate: me.rankInEstate,
    estateMembers: scored.length,
  }
}
