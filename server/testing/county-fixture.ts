// A county of the size the cloud must serve (docs/DESIGN.md#budgets-and-how-they-are-measured), written straight
// into a store without going through the use cases: at 10,000 members it is 50 estates (under communities and
// streets), 100 unit branches, 1,500 activities, 30 approved ledger entries per member with their attendances
// (24 check-ins, 6 claims), unit scores, an adopted rule set per estate, a 公示 that has ended, and a review
// queue. The shapes are the stored documents of server/model (the typecheck holds them to it) and the ids the
// use cases derive; the amounts follow scripts/lib/tally-fixture.js. Deterministic for a given size.
//
// Used by `npm run bench:cloud` on the local executor (`executor.load`), where writing it takes seconds.
import type { ActivityDoc, AttendanceDoc } from '../model/activity'
import type { Documents } from '../model/documents'
import { COUNTY_ID, type BindingDoc, type GrantDoc, type MemberDoc, type OrgDoc } from '../model/org'
import type { RuleSetDoc } from '../model/ruleset'
import type { LedgerDoc, UnitScoreDoc } from '../model/score'
import type { PublicityDoc } from '../model/year'
import { keyId } from '../context/ids'
import { attendanceId, ledgerIdFor } from '../queries/activities'
import { publicityId } from '../queries/publicity'

export interface CountyOptions {
  /** Active (registered) members; about 3 % more are only in the directory or waiting for review. */
  members?: number
  year?: number
  /** Members per estate (200 gives 50 estates at 10,000). */
  perEstate?: number
  /** Members per unit branch (100 gives 100 unit branches at 10,000). */
  perUnitBranch?: number
  activitiesPerEstate?: number
  /** Approved entries per member: check-ins of the estate's activities, the rest claims. */
  entriesPerMember?: number
  claimsPerMember?: number
  /** Pending check-ins of each estate's latest activity (the review queue). */
  pendingPerEstate?: number
}

/** Who calls: openids holding each role, and the scopes the bench asks about. */
export interface CountyCallers {
  admin: string
  /** Secretary of `estateId`. */
  estateSecretary: string
  /** Secretary of `unitBranchId`. */
  unitSecretary: string
  communityAdmin: string
  streetAdmin: string
  /** A registered member of `estateId`. */
  member: string
  memberId: string
  estateId: string
  communityId: string
  streetId: string
  unitBranchId: string
}

export interface CountyFixture {
  year: number
  callers: CountyCallers
  counts: Record<string, number>
  /** Activities of the first estate, the latest (with the review queue) last. */
  estateActivityIds: string[]
}

type Sink = <C extends keyof Documents>(collection: C, docs: Documents[C][]) => void

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'
const GIVEN = '志强桂英海燕建华晓东文博丽娟国栋春梅子涵明辉雅琴振华婷婷宏伟秀兰建国玉兰红梅永刚'
const ESTATE_NAMES = ['幸福里', '锦绣花园', '书香苑', '和园', '滨江', '康宁', '金桂园', '翠湖', '阳光城', '紫荆苑']
const DAY = 86_400_000

/** An estate's adopted rule set; they differ a little, as each 党员大会 adopts its own (hundredths). */
function rulesetFor(estateId: string, k: number, year: number, now: number): RuleSetDoc {
  const strict = k % 5 === 4
  const doc: RuleSetDoc = {
    _id: `RS_${estateId}_${year}_v1`,
    estateBranchId: estateId,
    year,
    version: 1,
    status: 'adopted',
    baseScore: k % 3 === 2 ? 5000 : 6000,
    fullScore: 10000,
    items: [
      { code: 'V01', name: '志愿服务（按次）', category: '志愿服务', points: 500, capPerYear: strict ? 1500 : 2000, requiresApproval: true },
      { code: 'V02', name: '环境整治', category: '志愿服务', points: 300, capPerYear: 1200, requiresApproval: true },
      { code: 'V03', name: '文明劝导（按小时）', category: '志愿服务', points: 200, perHour: true, capPerYear: 1000, requiresApproval: true },
      { code: 'P01', name: '参加主题党日', category: '组织生活', points: 400, capPerYear: 1600, requiresApproval: true },
      { code: 'R01', name: '政策宣讲', category: '宣传引导', points: 500, capPerYear: 1000, requiresApproval: true },
      { code: 'H01', name: '邻里互助', category: '邻里互助', points: 250, requiresApproval: true },
      { code: 'N01', name: '无故缺席集中活动', category: '负面清单', points: -500, requiresApproval: true },
    ],
    minPresenceRatio: 6000,
    adoptedOn: `${year}-01-15`,
    attendees: 30 + (k % 20),
    note: '经小区党员大会表决通过',
    createdBy: `bench-sec-${estateId}`,
    createdAt: now,
    adoptedBy: `bench-sec-${estateId}`,
    adoptedAt: now,
  }
  if (k % 4 !== 3) doc.categoryCaps = { 志愿服务: 3000 }
  return doc
}

/** Mostly 志愿服务, a few deductions: the index of the rule item. */
function pickItem(rand: () => number): number {
  const r = rand()
  if (r < 0.03) return 6
  if (r < 0.35) return 0
  if (r < 0.55) return 1
  if (r < 0.68) return 2
  if (r < 0.82) return 3
  if (r < 0.9) return 4
  return 5
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const isoDate = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)

/**
 * Writes the county through `load` (one call per collection and batch) and says who can call what. `now` is
 * when the bench runs: the year's activities, entries and 公示 all lie before it.
 */
export function buildCounty(load: Sink, now: number, opts: CountyOptions = {}): CountyFixture {
  const active = opts.members ?? 10_000
  const year = opts.year ?? new Date(now + 8 * 3_600_000).getUTCFullYear()
  const perEstate = opts.perEstate ?? 200
  const perUnitBranch = opts.perUnitBranch ?? 100
  const activitiesPerEstate = opts.activitiesPerEstate ?? 30
  const entries = opts.entriesPerMember ?? 30
  const claims = Math.min(opts.claimsPerMember ?? 6, entries)
  const checkins = Math.min(entries - claims, activitiesPerEstate - 1)
  const pendingPerEstate = opts.pendingPerEstate ?? 40
  const rand = mulberry32(20251207 ^ active)
  const yearStart = Date.UTC(year, 0, 1) - 8 * 3_600_000
  const adoptedAt = yearStart + 14 * DAY
  // The year's activities and claims lie between its start and two days before `now` (or its end).
  const span = Math.max(30 * DAY, Math.min(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000, now - 2 * DAY) - yearStart - DAY)
  const counts: Record<string, number> = {}
  const put = <C extends keyof Documents>(coll: C, docs: Documents[C][]) => {
    if (!docs.length) return
    load(coll, docs)
    counts[coll] = (counts[coll] ?? 0) + docs.length
  }

  // The tree: county → streets (5 communities each) → communities (4 estates each) → estates; units of 2 branches.
  const estateCount = Math.max(1, Math.round(active / perEstate))
  const branchCount = Math.max(1, Math.round(active / perUnitBranch))
  const orgs: OrgDoc[] = [{ _id: COUNTY_ID, kind: 'county', name: '示范县', parentId: null, path: [] }]
  const estates = Array.from({ length: estateCount }, (_, k) => ({
    id: `E${k + 1}`,
    k,
    community: `CM${Math.floor(k / 4) + 1}`,
    street: `S${Math.floor(k / 20) + 1}`,
  }))
  for (const s of new Set(estates.map((e) => e.street)))
    orgs.push({ _id: s, kind: 'street', name: `${s}街道`, parentId: COUNTY_ID, path: [COUNTY_ID] })
  for (const [c, s] of new Map(estates.map((e) => [e.community, e.street])))
    orgs.push({ _id: c, kind: 'community', name: `${c}社区党总支`, parentId: s, path: [COUNTY_ID, s] })
  for (const e of estates)
    orgs.push({
      _id: e.id,
      kind: 'estate',
      name: `${ESTATE_NAMES[e.k % ESTATE_NAMES.length]}${e.k + 1}小区党支部`,
      parentId: e.community,
      path: [COUNTY_ID, e.street, e.community],
    })
  const branches: { id: string; fullScale: number }[] = []
  for (let u = 1; branches.length < branchCount; u++) {
    orgs.push({ _id: `U${u}`, kind: 'unit', name: `县直单位${u}`, parentId: COUNTY_ID, path: [COUNTY_ID] })
    for (let j = 1; j <= 2 && branches.length < branchCount; j++) {
      const id = `UB${u}_${j}`
      orgs.push({ _id: id, kind: 'unitBranch', name: `县直单位${u}第${j}党支部`, parentId: `U${u}`, path: [COUNTY_ID, `U${u}`] })
      branches.push({ id, fullScale: branches.length % 4 === 1 ? 15000 : 10000 })
    }
  }
  put('orgs', orgs)

  const first = estates[0]
  const callers: CountyCallers = {
    admin: 'bench-admin',
    estateSecretary: `bench-sec-${first.id}`,
    unitSecretary: `bench-unitsec-${branches[0].id}`,
    communityAdmin: `bench-community-${first.community}`,
    streetAdmin: `bench-street-${first.street}`,
    member: '',
    memberId: '',
    estateId: first.id,
    communityId: first.community,
    streetId: first.street,
    unitBranchId: branches[0].id,
  }
  const grants: GrantDoc[] = [
    { _id: 'G_bench_admin', openid: callers.admin, role: 'county_admin', scopeId: COUNTY_ID },
    { _id: 'G_bench_community', openid: callers.communityAdmin, role: 'community_admin', scopeId: first.community },
    { _id: 'G_bench_street', openid: callers.streetAdmin, role: 'street_admin', scopeId: first.street },
    ...estates.map((e): GrantDoc => ({ _id: `G_bench_sec_${e.id}`, openid: `bench-sec-${e.id}`, role: 'estate_secretary', scopeId: e.id })),
    ...branches.map((b): GrantDoc => ({ _id: `G_bench_unitsec_${b.id}`, openid: `bench-unitsec-${b.id}`, role: 'unit_secretary', scopeId: b.id })),
  ]
  put('grants', grants)

  // Rule sets, and a 公示 of every estate that ended before `now`.
  const rulesets = new Map(estates.map((e) => [e.id, rulesetFor(e.id, e.k, year, adoptedAt)]))
  put('rulesets', [...rulesets.values()])
  const pubStart = isoDate(now - 20 * DAY)
  const pubEnd = isoDate(now - 13 * DAY)
  put(
    'publicity',
    estates.map(
      (e): PublicityDoc => ({
        _id: publicityId(e.id, year),
        estateBranchId: e.id,
        year,
        startOn: pubStart,
        endOn: pubEnd,
        workingDays: 5,
        openedBy: `bench-sec-${e.id}`,
        openedAt: now - 21 * DAY,
      }),
    ),
  )

  // Members, estate by estate: their activities, check-ins, claims, ledger entries and unit scores. Each
  // collection is handed over per estate so the arrays stay small.
  let seq = 0
  const activityIdsOfFirst: string[] = []
  const perEstateSizes = estates.map((_, k) => Math.floor(active / estateCount) + (k < active % estateCount ? 1 : 0))
  for (const e of estates) {
    const rs = rulesets.get(e.id) as RuleSetDoc
    const activities: ActivityDoc[] = Array.from({ length: activitiesPerEstate }, (_, a) => {
      const item = rs.items[pickItem(rand)]
      const hours = item.perHour ? 1 + Math.floor(rand() * 4) : 2
      // Spread over the year, the last one yesterday (its check-ins wait for review).
      const startAt =
        a === activitiesPerEstate - 1 ? now - DAY : yearStart + Math.floor(((a + rand()) * span) / activitiesPerEstate / 3_600_000) * 3_600_000
      return {
        _id: `A${e.id}_${pad(a + 1, 3)}`,
        estateBranchId: e.id,
        title: `${item.name} 第${a + 1}期`,
        startAt,
        endAt: startAt + hours * 3_600_000,
        year,
        item,
        rulesetId: rs._id,
        rulesetVersion: rs.version,
        minPresenceRatio: rs.minPresenceRatio,
        requireCheckout: false,
        status: 'published',
        createdBy: `bench-sec-${e.id}`,
        createdAt: startAt - 7 * DAY,
      }
    })
    if (e === first) activityIdsOfFirst.push(...activities.map((a) => a._id))
    put('activities', activities)
    const latest = activities[activities.length - 1]
    const pool = activities.slice(0, -1)

    const members: MemberDoc[] = []
    const bindings: BindingDoc[] = []
    const attendances: AttendanceDoc[] = []
    const ledger: LedgerDoc[] = []
    const unitScores: UnitScoreDoc[] = []
    const size = perEstateSizes[e.k]
    const extra = Math.round(size * 0.03)
    for (let i = 0; i < size + extra; i++) {
      seq++
      const id = `M${pad(seq, 7)}`
      const branch = branches[Math.floor(rand() * branches.length)]
      const isActive = i < size
      const status = isActive ? 'active' : i % 2 ? 'pending' : 'directory'
      const openid = status === 'directory' ? null : `bench-member-${id}`
      members.push({
        _id: id,
        name: `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${GIVEN.substr(Math.floor(rand() * (GIVEN.length / 2)) * 2, 2)}`,
        phone: `1${3 + Math.floor(rand() * 7)}${pad(Math.floor(rand() * 1e9), 9)}`,
        unitBranchId: branch.id,
        estateBranchId: e.id,
        status,
        openid,
        inDirectory: status !== 'pending',
        ...(status !== 'directory' ? { registeredAt: yearStart + 20 * DAY } : {}),
        updatedAt: yearStart + 20 * DAY,
      })
      if (openid) bindings.push({ _id: openid, memberId: id, at: yearStart + 20 * DAY })
      if (!isActive) continue
      if (!callers.member) {
        callers.member = openid as string
        callers.memberId = id
      }
      const reviewedBy = `bench-sec-${e.id}`
      // Check-ins: distinct activities of the estate (a partial shuffle of the pool), approved.
      for (let j = 0; j < checkins; j++) {
        const pick = j + Math.floor(rand() * (pool.length - j))
        const act = pool[pick]
        pool[pick] = pool[j]
        pool[j] = act
        const att: AttendanceDoc = {
          _id: attendanceId(act._id, id),
          activityId: act._id,
          memberId: id,
          estateBranchId: e.id,
          unitBranchId: branch.id,
          year,
          checkinAt: act.startAt + 5 * 60_000,
          status: 'approved',
          flags: [],
          points: act.item.perHour ? (act.item.points * (act.endAt - act.startAt)) / 3_600_000 : act.item.points,
          reviewedBy,
          reviewedAt: act.endAt + 3_600_000,
        }
        attendances.push(att)
        ledger.push({
          _id: ledgerIdFor(att._id),
          memberId: id,
          estateBranchId: e.id,
          unitBranchId: branch.id,
          year,
          kind: act.item.points < 0 ? 'deduction' : 'activity',
          itemCode: act.item.code,
          itemName: act.item.name,
          category: act.item.category,
          points: att.points as number,
          rulesetId: rs._id,
          rulesetVersion: rs.version,
          sourceId: att._id,
          title: act.title,
          at: act.startAt,
          createdAt: att.reviewedAt as number,
          createdBy: reviewedBy,
        })
      }
      // Claims (自主申报), one a month, approved.
      for (let c = 0; c < entries - checkins; c++) {
        const item = rs.items[[0, 1, 5][c % 3]]
        const occurredOn = isoDate(yearStart + Math.floor(((c + rand()) * span) / Math.max(1, entries - checkins)))
        const cid = keyId('C', id, item.code, occurredOn)
        const startAt = Date.parse(`${occurredOn}T12:00:00+08:00`)
        const att: AttendanceDoc = {
          _id: cid,
          activityId: cid,
          memberId: id,
          estateBranchId: e.id,
          unitBranchId: branch.id,
          year,
          checkinAt: startAt,
          status: 'approved',
          flags: ['claim'],
          kind: 'claim',
          claim: {
            title: `${item.name}（自主申报）`,
            description: '在小区开展的志愿服务，已由楼栋长确认',
            occurredOn,
            photos: [],
            item,
            rulesetId: rs._id,
            rulesetVersion: rs.version,
          },
          points: item.points,
          reviewedBy,
          reviewedAt: startAt + 2 * DAY,
        }
        attendances.push(att)
        ledger.push({
          _id: ledgerIdFor(cid),
          memberId: id,
          estateBranchId: e.id,
          unitBranchId: branch.id,
          year,
          kind: 'claim',
          itemCode: item.code,
          itemName: item.name,
          category: item.category,
          points: item.points,
          rulesetId: rs._id,
          rulesetVersion: rs.version,
          sourceId: cid,
          title: `${item.name}（自主申报）`,
          at: startAt,
          createdAt: startAt + 2 * DAY,
          createdBy: reviewedBy,
        })
      }
      // Yesterday's activity: the first members checked in and wait for review.
      if (i < pendingPerEstate)
        attendances.push({
          _id: attendanceId(latest._id, id),
          activityId: latest._id,
          memberId: id,
          estateBranchId: e.id,
          unitBranchId: branch.id,
          year,
          checkinAt: latest.startAt + 5 * 60_000,
          status: 'pending',
          flags: [],
        })
      if (rand() < 0.95) {
        const raw = Math.floor(rand() * (branch.fullScale * 0.45)) + Math.floor(branch.fullScale * 0.55)
        const n = raw * 10000
        const q = Math.floor(n / branch.fullScale)
        unitScores.push({
          _id: `US_${year}_${id}`,
          memberId: id,
          unitBranchId: branch.id,
          year,
          raw,
          fullScale: branch.fullScale,
          score: 2 * (n - q * branch.fullScale) >= branch.fullScale ? q + 1 : q,
          enteredBy: `bench-unitsec-${branch.id}`,
          enteredAt: now - 30 * DAY,
        })
      }
    }
    put('members', members)
    put('bindings', bindings)
    put('attendances', attendances)
    put('ledger', ledger)
    put('unitScores', unitScores)
  }
  counts.active = active
  counts.estates = estateCount
  counts.unitBranches = branchCount
  return { year, callers, counts, estateActivityIds: activityIdsOfFirst }
}
