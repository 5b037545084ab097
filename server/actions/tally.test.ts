// score.tally at moderate scale against an independent re-computation (docs/DESIGN.md#the-two-halves-and-exact-scoring). The fixture is random
// but seeded: ~700 members, item and category caps that bind, deductions and reversals, totals clamped at 0
// and at full, entries earned in another estate or in another year, a superseded and a draft rule set, an
// estate with no adopted rule set, unit scores on a 150 scale and missing ones. The expected figures are
// computed here from the raw documents with BigInt, not with src/core/scoring, and compared field by field
// with what the tally stored.
import { NO_FILES } from '../ports/files.port'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { openSqliteStore, type SqliteStore } from '../adapters/sqlite/sqlite-store'
import type { Store } from '../ports/store.port'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { COUNTY_ID, type GrantDoc, type MemberDoc, type OrgDoc } from '../model/org'
import type { LedgerDoc, TotalDoc, UnitScoreDoc } from '../model/score'
import type { RuleSetDoc } from '../model/ruleset'
import type { YearSettingsDoc } from '../model/year'
import { scoreList, scoreMine, scoreTally } from './score'

const YEAR = 2025
const NOW = Date.UTC(YEAR, 11, 31, 4, 0, 0)

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---- fixture ---------------------------------------------------------------------------------------------

type Item = RuleSetDoc['items'][number]
const ITEMS: Record<string, Item> = {
  V01: { code: 'V01', name: '志愿服务（按次）', category: '志愿服务', points: 500, capPerYear: 2000 },
  V02: { code: 'V02', name: '环境整治', category: '志愿服务', points: 300, capPerYear: 1200 },
  V03: { code: 'V03', name: '文明劝导（按小时）', category: '志愿服务', points: 200, perHour: true, capPerYear: 1000 },
  P01: { code: 'P01', name: '参加主题党日', category: '组织生活', points: 400, capPerYear: 1600 },
  R01: { code: 'R01', name: '政策宣讲', category: '宣传引导', points: 500, capPerYear: 1000 },
  H01: { code: 'H01', name: '邻里互助', category: '邻里互助', points: 250 },
  N01: { code: 'N01', name: '无故缺席集中活动', category: '负面清单', points: -500 },
}
const ALL = Object.values(ITEMS)

function ruleset(estate: string, version: number, status: 'draft' | 'adopted', terms: Partial<RuleSetDoc>, adoptedOn?: string): RuleSetDoc {
  const doc: RuleSetDoc = {
    _id: `RS_${estate}_${YEAR}_v${version}`,
    estateBranchId: estate,
    year: YEAR,
    version,
    status,
    baseScore: 6000,
    fullScore: 10000,
    items: ALL,
    minPresenceRatio: 6000,
    createdBy: `sec-${estate}`,
    createdAt: NOW - 300 * 86400e3,
    ...terms,
  }
  if (adoptedOn)
    Object.assign(doc, { adoptedOn, attendees: 30, note: '经小区党员大会表决通过', adoptedBy: `sec-${estate}`, adoptedAt: NOW - 290 * 86400e3 })
  return doc
}

const RULESETS: RuleSetDoc[] = [
  // E1: v2 (adopted 1 March) supersedes v1 from then on and no longer has R01: R01 entries earned under v1 keep
  // v1's cap; entries from March on are earned under v2 with its tighter category caps.
  ruleset('E1', 1, 'adopted', { categoryCaps: { 志愿服务: 3000 } }, `${YEAR}-01-10`),
  ruleset('E1', 2, 'adopted', { categoryCaps: { 志愿服务: 2500, 组织生活: 1200 }, items: ALL.filter((i) => i.code !== 'R01') }, `${YEAR}-03-01`),
  // E2: a later draft does not count.
  ruleset('E2', 1, 'adopted', { categoryCaps: { 志愿服务: 3000 } }, `${YEAR}-01-15`),
  ruleset('E2', 2, 'draft', { baseScore: 0 }),
  // E3: no category caps.
  ruleset('E3', 1, 'adopted', {}, `${YEAR}-01-15`),
  // E4: a high base, so many reach the full score.
  ruleset('E4', 1, 'adopted', { baseScore: 8000, categoryCaps: { 志愿服务: 3000 } }, `${YEAR}-01-15`),
  // E5: nothing adopted, scored on empty terms (base 0, full 100, no caps).
  ruleset('E5', 1, 'draft', {}),
  // E6: an isolated cluster (its members work only in UB9/UB10, where nobody else works).
  ruleset('E6', 1, 'adopted', { baseScore: 5000, fullScore: 10000, categoryCaps: { 志愿服务: 2000 } }, `${YEAR}-02-01`),
]

const ORGS: OrgDoc[] = [
  { _id: COUNTY_ID, kind: 'county', name: '示范县', parentId: null, path: [] },
  { _id: 'S1', kind: 'street', name: '城关街道', parentId: COUNTY_ID, path: [COUNTY_ID] },
  { _id: 'S2', kind: 'street', name: '河西街道', parentId: COUNTY_ID, path: [COUNTY_ID] },
  { _id: 'CM1', kind: 'community', name: '东风社区', parentId: 'S1', path: [COUNTY_ID, 'S1'] },
  { _id: 'CM2', kind: 'community', name: '文化社区', parentId: 'S1', path: [COUNTY_ID, 'S1'] },
  { _id: 'CM3', kind: 'community', name: '滨河社区', parentId: 'S2', path: [COUNTY_ID, 'S2'] },
  ...['CM1', 'CM1', 'CM2', 'CM2', 'CM3', 'CM3'].map(
    (cm, k): OrgDoc => ({
      _id: `E${k + 1}`,
      kind: 'estate',
      name: `小区${k + 1}党支部`,
      parentId: cm,
      path: [COUNTY_ID, cm === 'CM3' ? 'S2' : 'S1', cm],
    }),
  ),
  ...[1, 2, 3, 4].map((u): OrgDoc => ({ _id: `U${u}`, kind: 'unit', name: `单位${u}`, parentId: COUNTY_ID, path: [COUNTY_ID] })),
  ...Array.from({ length: 10 }, (_, k): OrgDoc => {
    const u = k < 8 ? (k % 3) + 1 : 4
    return { _id: `UB${k + 1}`, kind: 'unitBranch', name: `单位${u}第${k + 1}支部`, parentId: `U${u}`, path: [COUNTY_ID, `U${u}`] }
  }),
]
/** Unit branches scoring on a 150 scale. */
const SCALE_150 = new Set(['UB2', 'UB5', 'UB10'])

interface Fixture {
  members: MemberDoc[]
  ledger: LedgerDoc[]
  unitScores: UnitScoreDoc[]
}

/** Entries of E1 from the adoption of its v2 on are earned under v2 (R01, which v2 dropped, only before). */
const v2From = (estate: string, year: number, at: number, item: Item) =>
  estate === 'E1' && year === YEAR && at >= Date.UTC(YEAR, 2, 1) && item.code !== 'R01'

function buildFixture(seed: number): Fixture {
  const rand = mulberry32(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const members: MemberDoc[] = []
  const ledger: LedgerDoc[] = []
  const unitScores: UnitScoreDoc[] = []
  let entrySeq = 0
  const entry = (
    m: MemberDoc,
    estate: string,
    item: Item,
    points: number,
    kind: LedgerDoc['kind'] = points < 0 ? 'deduction' : 'activity',
    year = YEAR,
  ) => {
    const id = `T${String(++entrySeq).padStart(6, '0')}${Math.floor(rand() * 1e6)}`
    const at = Date.UTC(year, Math.floor(rand() * 12), 1 + Math.floor(rand() * 27), 2)
    ledger.push({
      _id: `L_${id}`,
      memberId: m._id,
      estateBranchId: estate,
      unitBranchId: m.unitBranchId,
      year,
      kind,
      itemCode: item.code,
      itemName: item.name,
      category: item.category,
      points,
      rulesetId: `RS_${estate}_${year}_v${v2From(estate, year, at, item) ? 2 : 1}`,
      rulesetVersion: v2From(estate, year, at, item) ? 2 : 1,
      sourceId: id,
      title: `${item.name}活动`,
      at,
      createdAt: at + 3 * 3600e3,
      createdBy: `sec-${estate}`,
    })
    return ledger[ledger.length - 1]
  }
  // Twins: identical entries and unit scores, so that ranks tie.
  let twinOf: { estate: string; unit: string; items: [Item, number][]; raw: number | null } | null = null

  const total = 700
  for (let i = 0; i < total; i++) {
    const isolated = i >= 640
    const estate = isolated ? 'E6' : `E${1 + Math.floor(rand() * 5)}`
    const unit = isolated ? pick(['UB9', 'UB10']) : `UB${1 + Math.floor(rand() * 8)}`
    const status: MemberDoc['status'] = i % 53 === 7 ? 'pending' : i % 71 === 9 ? 'rejected' : 'active'
    const m: MemberDoc = {
      _id: `M${String(i).padStart(4, '0')}`,
      name: `党员${i}`,
      phone: `138${String(10000000 + i)}`,
      unitBranchId: unit,
      estateBranchId: estate,
      status,
      openid: `o-${i}`,
      inDirectory: true,
      registeredAt: NOW - 330 * 86400e3,
      updatedAt: NOW - 330 * 86400e3,
    }
    const twin = i % 97 === 11 && twinOf !== null && !isolated
    if (twin && twinOf) {
      m.estateBranchId = twinOf.estate
      m.unitBranchId = twinOf.unit
    }
    members.push(m)

    // Entries: none for some, up to 45 for others (caps bind often).
    let items: [Item, number][] = []
    const n = rand() < 0.06 ? 0 : Math.floor(rand() * 46)
    for (let j = 0; j < n; j++) {
      const r = rand()
      const item =
        r < 0.05
          ? ITEMS.N01
          : r < 0.35
            ? ITEMS.V01
            : r < 0.5
              ? ITEMS.V02
              : r < 0.6
                ? ITEMS.V03
                : r < 0.75
                  ? ITEMS.P01
                  : r < 0.88
                    ? ITEMS.R01
                    : ITEMS.H01
      items.push([item, item.perHour ? item.points * (1 + Math.floor(rand() * 4)) : item.points])
    }
    if (i % 37 === 5) for (let j = 0; j < 30; j++) items.push([ITEMS.N01, -500]) // deep in deductions: clamped at 0
    if (twin && twinOf) items = twinOf.items
    const written = items.map(([item, points]) => entry(m, m.estateBranchId as string, item, points))
    // A revoked approval: the reversal links to its entry, and both must drop out before caps apply.
    const revocable = written.find((e) => e.points > 0)
    if (revocable && i % 23 === 7)
      ledger.push({
        ...revocable,
        _id: `R_${revocable._id}`,
        kind: 'reversal',
        points: -revocable.points,
        reverses: revocable._id,
        createdAt: revocable.createdAt + 86400e3,
      })
    if (status === 'active' && !twin && items.length > 0 && i % 97 === 10) twinOf = { estate: estate, unit, items, raw: null }

    // Reversal of an earlier approved entry, and a secretary's adjustment.
    if (items.length > 3 && rand() < 0.1) entry(m, m.estateBranchId as string, items[0][0], -Math.abs(items[0][1]), 'reversal')
    if (rand() < 0.05) entry(m, m.estateBranchId as string, ITEMS.H01, rand() < 0.5 ? 150 : -150, 'adjustment')
    // Points earned before moving house stay in the old estate's ledger and still count for the year.
    if (!isolated && rand() < 0.05) {
      const other = estate === 'E1' ? 'E2' : 'E1'
      for (let j = 0; j < 3; j++) entry(m, other, ITEMS.V01, 500)
    }
    // Last year's entries never count.
    if (rand() < 0.2) entry(m, estate, ITEMS.V01, 500, 'activity', YEAR - 1)

    // Unit scores: ~8 % missing; on the branch's own scale.
    const fullScale = SCALE_150.has(m.unitBranchId) ? 15000 : 10000
    let raw: number | null = rand() < 0.08 ? null : Math.floor(fullScale * 0.4) + Math.floor(rand() * fullScale * 0.6)
    if (twin && twinOf) raw = twinOf.raw
    else if (twinOf && twinOf.raw === null && i % 97 === 10) twinOf.raw = raw
    if (raw !== null) {
      // `score` is written the way unitScore.import writes it; the expectation below recomputes it from raw.
      const score = Math.floor((raw * 10000 * 2 + fullScale) / (2 * fullScale))
      unitScores.push({
        _id: `US_${YEAR}_${m._id}`,
        memberId: m._id,
        unitBranchId: m.unitBranchId,
        year: YEAR,
        raw,
        fullScale,
        score,
        enteredBy: `unitsec-${m.unitBranchId}`,
        enteredAt: NOW - 86400e3,
      })
    }
    // A unit score of another year is never used.
    if (rand() < 0.1)
      unitScores.push({
        _id: `US_${YEAR - 1}_${m._id}`,
        memberId: m._id,
        unitBranchId: m.unitBranchId,
        year: YEAR - 1,
        raw: 10000,
        fullScale: 10000,
        score: 10000,
        enteredBy: 'x',
        enteredAt: NOW - 400 * 86400e3,
      })
  }
  return { members, ledger, unitScores }
}

async function load(store: Store, fx: Fixture, settings?: Omit<YearSettingsDoc, '_id'>) {
  await store.transaction(async (tx) => {
    for (const o of ORGS) await tx.set('orgs', o)
    for (const r of RULESETS) await tx.set('rulesets', r)
    for (const m of fx.members) await tx.set('members', m)
    for (const e of fx.ledger) await tx.set('ledger', e)
    for (const u of fx.unitScores) await tx.set('unitScores', u)
    if (settings) await tx.set('settings', { _id: `year_${YEAR}`, ...settings })
  })
}

// ---- the independent expectation -----------------------------------------------------------------------

interface Expected {
  memberId: string
  estateBranchId: string
  unitBranchId: string
  unitScore: bigint | null
  estateScore: bigint
  total: bigint | null
  band: string | null
  rankInEstate: number | null
  rankInUnit: number | null
}

// BigInt() rather than literals: the project targets ES2019.
const B = BigInt
const min = (a: bigint, b: bigint) => (a < b ? a : b)
const max = (a: bigint, b: bigint) => (a > b ? a : b)
/** n / d rounded half-up, for n ≥ 0 and d > 0. */
const halfUp = (n: bigint, d: bigint) => (B(2) * n + d) / (B(2) * d)

function currentRuleset(estate: string): RuleSetDoc | null {
  const adopted = RULESETS.filter((r) => r.estateBranchId === estate && r.year === YEAR && r.status === 'adopted')
  let best: RuleSetDoc | null = null
  for (const r of adopted) {
    if (!best || (r.adoptedOn as string) > (best.adoptedOn as string) || (r.adoptedOn === best.adoptedOn && r.version > best.version)) best = r
  }
  return best
}

/**
 * The estate score as the rules say it, version by version: the year's base and full score are those of the
 * version in force; each entry counts under the version it was earned under, versions taken in adoption order,
 * each with its own caps on the running totals (an item a version does not list takes the in-force cap).
 */
function expectedEstate(rs: RuleSetDoc | null, entries: LedgerDoc[]): bigint {
  const base = BigInt(rs ? rs.baseScore : 0)
  const full = BigInt(rs ? rs.fullScore : 10000)
  const byId = new Map(RULESETS.filter((r) => r.status === 'adopted').map((r) => [r._id, r]))
  const orderOf = (id: string) => {
    const r = byId.get(id)
    return r ? `${r.adoptedOn}#${String(r.version).padStart(4, '0')}` : '~' // unknown versions last
  }
  const revoked = new Set(entries.filter((e) => e.reverses).map((e) => e.reverses))
  let deductions = B(0)
  // Gains grouped by version, then by item.
  const groups = new Map<string, Map<string, { category: string; sum: bigint }>>()
  for (const e of entries) {
    if (e.reverses || revoked.has(e._id)) continue
    if (e.points < 0) {
      deductions += BigInt(e.points)
      continue
    }
    const key = byId.has(e.rulesetId) ? e.rulesetId : ''
    const items = groups.get(key) ?? new Map()
    groups.set(key, items)
    const g = items.get(e.itemCode) ?? { category: e.category, sum: B(0) }
    g.sum += BigInt(e.points)
    items.set(e.itemCode, g)
  }
  const itemTotal = new Map<string, bigint>()
  const catTotal = new Map<string, bigint>()
  // Code-unit order ('~' after every digit), not locale order.
  for (const key of [...groups.keys()].sort((a, b) => (orderOf(a) < orderOf(b) ? -1 : orderOf(a) > orderOf(b) ? 1 : 0))) {
    const v = byId.get(key) ?? rs
    const catGain = new Map<string, bigint>()
    for (const [code, g] of groups.get(key) as Map<string, { category: string; sum: bigint }>) {
      const def = v?.items.find((i) => i.code === code) ?? rs?.items.find((i) => i.code === code)
      const cap = def?.capPerYear === undefined ? undefined : BigInt(def.capPerYear)
      const prev = itemTotal.get(code) ?? B(0)
      const next = cap === undefined ? prev + g.sum : prev >= cap ? prev : min(prev + g.sum, cap)
      itemTotal.set(code, next)
      catGain.set(g.category, (catGain.get(g.category) ?? B(0)) + (next - prev))
    }
    for (const [category, gain] of catGain) {
      const c = v?.categoryCaps?.[category]
      const prev = catTotal.get(category) ?? B(0)
      catTotal.set(category, c === undefined ? prev + gain : prev >= BigInt(c) ? prev : min(prev + gain, BigInt(c)))
    }
  }
  let raw = base + deductions
  for (const sum of catTotal.values()) raw += sum
  return max(B(0), min(full, raw))
}

/** Competition ranking: 1 + the number of complete rows of the group with a strictly higher total. */
function ranks(rows: Expected[], key: 'estateBranchId' | 'unitBranchId'): Map<string, number | null> {
  const out = new Map<string, number | null>()
  for (const r of rows) {
    if (r.total === null) out.set(r.memberId, null)
    else out.set(r.memberId, 1 + rows.filter((o) => o[key] === r[key] && o.total !== null && o.total > (r.total as bigint)).length)
  }
  return out
}

function expectTally(
  fx: Fixture,
  weights = { unit: B(5000), estate: B(5000) },
  bands = [
    { name: '优秀', min: B(9000) },
    { name: '合格', min: B(7000) },
    { name: '基本合格', min: B(6000) },
    { name: '不合格', min: B(0) },
  ],
): Map<string, Expected> {
  const active = fx.members.filter((m) => m.status === 'active')
  const rows: Expected[] = active.map((m) => {
    const entries = fx.ledger.filter((e) => e.memberId === m._id && e.year === YEAR)
    const estateScore = expectedEstate(currentRuleset(m.estateBranchId as string), entries)
    const us = fx.unitScores.find((u) => u.memberId === m._id && u.year === YEAR)
    const unitScore = us ? halfUp(BigInt(us.raw) * B(10000), BigInt(us.fullScale)) : null
    const total = unitScore === null ? null : halfUp(weights.unit * unitScore + weights.estate * estateScore, B(10000))
    const band = total === null ? null : (bands.find((b) => total >= b.min) ?? bands[bands.length - 1]).name
    return {
      memberId: m._id,
      estateBranchId: m.estateBranchId as string,
      unitBranchId: m.unitBranchId,
      unitScore,
      estateScore,
      total,
      band,
      rankInEstate: null,
      rankInUnit: null,
    }
  })
  const byEstate = ranks(rows, 'estateBranchId')
  const byUnit = ranks(rows, 'unitBranchId')
  for (const r of rows) {
    r.rankInEstate = byEstate.get(r.memberId) ?? null
    r.rankInUnit = byUnit.get(r.memberId) ?? null
  }
  return new Map(rows.map((r) => [r.memberId, r]))
}

const num = (x: bigint | null) => (x === null ? null : Number(x))

function compare(stored: TotalDoc[], expected: Map<string, Expected>, fx: Fixture) {
  const names = new Map(fx.members.map((m) => [m._id, m.name]))
  const mismatches: string[] = []
  for (const d of stored) {
    const e = expected.get(d.memberId)
    if (!e) {
      mismatches.push(`${d.memberId}: not expected`)
      continue
    }
    const want: TotalDoc = {
      _id: `TT_${YEAR}_${d.memberId}`,
      year: YEAR,
      memberId: d.memberId,
      name: names.get(d.memberId) as string,
      estateBranchId: e.estateBranchId,
      unitBranchId: e.unitBranchId,
      unitScore: num(e.unitScore),
      estateScore: Number(e.estateScore),
      total: num(e.total),
      complete: e.total !== null,
      band: e.band,
      rankInEstate: e.rankInEstate,
      rankInUnit: e.rankInUnit,
      talliedAt: NOW,
    }
    if (JSON.stringify(d, Object.keys(want).sort()) !== JSON.stringify(want, Object.keys(want).sort()))
      mismatches.push(`${d.memberId}: stored ${JSON.stringify(d)} expected ${JSON.stringify(want)}`)
  }
  expect(mismatches.slice(0, 5)).toEqual([])
}

// ---- tests ---------------------------------------------------------------------------------------------

const ADMIN = 'tally-admin'
const ctxOf = (grants: Omit<GrantDoc, '_id' | 'openid'>[], member: MemberDoc | null = null, openid = ADMIN): Ctx => ({
  openid,
  now: NOW,
  grants: grants.map((g, i) => ({ _id: `G${i}`, openid, ...g })),
  member,
})
const adminCtx = ctxOf([{ role: 'county_admin', scopeId: COUNTY_ID }])

/** The SQLite store, counting which reads the tally used. */
function counting(store: SqliteStore) {
  const calls = { findPage: 0, find: 0, scans: [] as string[] }
  const wrapped: Store = {
    ...store,
    find: (coll, filter, opts) => {
      calls.find++
      return store.find(coll, filter, opts)
    },
    // An overloaded method: the wrapper passes every call through unchanged.
    findPage: ((...a: Parameters<Store['findPage']>) => {
      calls.findPage++
      calls.scans.push(a[0])
      return store.findPage(...a)
    }) as Store['findPage'],
  }
  return { store: wrapped, calls }
}

describe('score.tally at moderate scale matches an independent computation', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-'))
  let n = 0
  const open = () => openSqliteStore(path.join(dir, `t${++n}.db`))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  const depsOf = (store: Store): Deps => ({
    store,
    clock: { now: () => NOW },
    hmac: () => Buffer.alloc(32),
    adminOpenids: new Set(),
    renderQr: () => '',
    files: NO_FILES,
  })
  const storedTotals = (store: Store) => store.find('totals', { year: YEAR })

  const fx = buildFixture(20250601)
  const active = fx.members.filter((m) => m.status === 'active')

  test('the fixture covers the cases it is meant to', () => {
    const expected = expectTally(fx)
    const rows = [...expected.values()]
    expect(active.length).toBeGreaterThan(600)
    expect(rows.filter((r) => r.total === null).length).toBeGreaterThan(20)
    expect(rows.filter((r) => r.estateScore === B(0)).length).toBeGreaterThan(3)
    expect(rows.filter((r) => r.estateScore === B(10000)).length).toBeGreaterThan(10)
    expect(new Set(rows.map((r) => r.band)).size).toBe(5) // four bands and null
    expect(rows.some((r) => r.total !== null && r.total % B(100) !== B(0))).toBe(true)
    // ties: some rank is shared within an estate and within a unit
    const shared = (key: 'rankInEstate' | 'rankInUnit', group: 'estateBranchId' | 'unitBranchId') =>
      rows.some((a) => a[key] !== null && rows.some((b) => b !== a && b[group] === a[group] && b[key] === a[key]))
    expect(shared('rankInEstate', 'estateBranchId')).toBe(true)
    expect(shared('rankInUnit', 'unitBranchId')).toBe(true)
    expect(fx.unitScores.some((u) => u.fullScale === 15000)).toBe(true)
    // entries earned under both of E1's versions
    expect(fx.ledger.some((e) => e.rulesetId === `RS_E1_${YEAR}_v1`) && fx.ledger.some((e) => e.rulesetId === `RS_E1_${YEAR}_v2`)).toBe(true)
  })

  test('county tally: every active member, with scores, totals, bands, ranks and incomplete rows as computed here', async () => {
    const sqlite = open()
    await load(sqlite, fx)
    const { store, calls } = counting(sqlite)
    const result = await scoreTally({ year: YEAR }, adminCtx, depsOf(store))
    const expected = expectTally(fx)
    const incomplete = [...expected.values()].filter((e) => e.total === null).length
    expect(result).toMatchObject({ members: active.length, complete: active.length - incomplete, incomplete, year: YEAR, scopeId: COUNTY_ID })
    // The whole county is scored a page of members at a time (the tally job, server/jobs/tally.ts).
    expect(calls.scans).toContain('members')

    const stored = await storedTotals(sqlite)
    expect(stored.map((d) => d.memberId).sort()).toEqual(active.map((m) => m._id).sort())
    compare(stored, expected, fx)

    // What a member sees (score.mine, scored among the estate's members only) is the same.
    for (const m of active.filter((_, i) => i % 50 === 0)) {
      const mine = await scoreMine({ year: YEAR }, ctxOf([], m, m.openid as string), depsOf(sqlite))
      const e = expected.get(m._id) as Expected
      expect({
        total: mine.total,
        estate: mine.estateScore,
        unit: mine.unitScore,
        rank: mine.rankInEstate,
        band: mine.band,
        complete: mine.complete,
      }).toEqual({
        total: e.total === null ? null : Number(e.total) / 100,
        estate: Number(e.estateScore) / 100,
        unit: e.unitScore === null ? null : Number(e.unitScore) / 100,
        rank: e.rankInEstate,
        band: e.band,
        complete: e.total !== null,
      })
    }
    // And so is the county list.
    const list = await scoreList({ year: YEAR, scopeId: COUNTY_ID }, adminCtx, depsOf(sqlite))
    expect(list.rows).toHaveLength(active.length)
    for (const r of list.rows) {
      const e = expected.get(r.memberId) as Expected
      expect([r.total, r.rankInEstate, r.rankInUnit]).toEqual([e.total === null ? null : Number(e.total) / 100, e.rankInEstate, e.rankInUnit])
    }
    await sqlite.close()
  })

  test('a small scope is read member by member and gives the same rows', async () => {
    const sqlite = open()
    await load(sqlite, fx)
    const { store, calls } = counting(sqlite)
    const result = await scoreTally({ year: YEAR, scopeId: 'E6' }, adminCtx, depsOf(store))
    const inE6 = active.filter((m) => m.estateBranchId === 'E6')
    expect(result.members).toBe(inE6.length)
    // Its members' entries are looked up by member: the year's ledger and unit scores are never scanned.
    expect(calls.scans.filter((c) => c === 'ledger' || c === 'unitScores')).toEqual([])
    const stored = await storedTotals(sqlite)
    expect(stored.map((d) => d.memberId).sort()).toEqual(inE6.map((m) => m._id).sort())
    // E6 and its unit branches form a closed group, so its ranks are the county's.
    compare(stored, expectTally(fx), fx)
    await sqlite.close()
  })

  test('with county settings: other weights and bands', async () => {
    const sqlite = open()
    const bands = [
      { name: '优秀', min: 8500 },
      { name: '良好', min: 7500 },
      { name: '合格', min: 6000 },
      { name: '不合格', min: 0 },
    ]
    await load(sqlite, fx, { year: YEAR, weights: { unit: 3000, estate: 7000 }, bands, locked: false })
    await scoreTally({ year: YEAR }, adminCtx, depsOf(sqlite))
    const expected = expectTally(
      fx,
      { unit: B(3000), estate: B(7000) },
      bands.map((b) => ({ name: b.name, min: BigInt(b.min) })),
    )
    compare(await storedTotals(sqlite), expected, fx)
    // 0.3 × unit + 0.7 × estate lands on a half hundredth now and then: those round up.
    expect([...expected.values()].some((e) => e.unitScore !== null && (B(3000) * e.unitScore + B(7000) * e.estateScore) % B(10000) === B(5000))).toBe(
      true,
    )
    await sqlite.close()
  })

  test('tallying again replaces the totals, it does not add to them', async () => {
    const sqlite = open()
    await load(sqlite, fx)
    await scoreTally({ year: YEAR }, adminCtx, depsOf(sqlite))
    await scoreTally({ year: YEAR }, adminCtx, depsOf(sqlite))
    const stored = await storedTotals(sqlite)
    expect(stored).toHaveLength(active.length)
    compare(stored, expectTally(fx), fx)
    await sqlite.close()
  })
})
