// score.list over real HTTP and SQLite at two sizes: the demo county, answered live and whole exactly as the
// list always was; and the same county with 1,100 more members, where the county and a street page the stored
// totals of the last 核算 and an estate's unit ranks come from them (docs/DESIGN.md#budgets-and-how-they-are-measured).
import { COUNTY_ID, type MemberDoc, type OrgDoc } from './model/org'
import type { TotalDoc, UnitScoreDoc } from './model/score'
import { LIST_LIVE_MAX, LIST_PAGE, scoreRows } from './queries/scores'
import { ok, startTestServer, T0, type TestServer } from './testing/harness'
import { toIsoShanghai } from '../src/core/time'

const YEAR = 2025
const ADMIN = 'demo-admin'
const ADDED = 1100

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(async () => {
  await srv.close()
})

const list = (openid: string, scopeId: string, cursor?: string, year = YEAR) =>
  srv.call(openid, 'score.list', { year, scopeId, ...(cursor !== undefined ? { cursor } : {}) })
const org = async (id: string) => (await srv.deps.store.get('orgs', id)) as OrgDoc

/** Every page of a list, following `next`; each answer checked for size. */
async function allPages(openid: string, scopeId: string) {
  const pages: any[] = []
  for (let cursor: string | undefined; ; ) {
    const r = await list(openid, scopeId, cursor)
    expect(Buffer.byteLength(JSON.stringify(r.body))).toBeLessThan(200 * 1024)
    const page = ok(r)
    pages.push(page)
    if (!page.next) return pages
    cursor = page.next
  }
}

describe('a small county: every scope live, whole, and as before', () => {
  it.each([
    ['demo-secretary-e1', 'E1'],
    ['demo-community-cm1', 'CM1'],
    ['demo-street-s1', 'S1'],
    ['demo-unitsec-ub2', 'UB2'],
    [ADMIN, 'U3'],
    [ADMIN, COUNTY_ID],
  ])('%s reads %s: only rows, the same rows the whole-population scoring gives', async (openid, scopeId) => {
    const page = ok(await list(openid, scopeId))
    expect(Object.keys(page)).toEqual(['rows'])
    expect(page.rows.length).toBeGreaterThan(0)
    expect(page.rows).toEqual(await scoreRows(srv.deps.store, YEAR, await org(scopeId)))
    // Both ranks are there (the estate's unit ranks are among everyone of those unit branches, not just E1's).
    expect(page.rows.every((r: any) => r.total === null || (r.rankInEstate !== null && r.rankInUnit !== null))).toBe(true)
  })
})

describe('a county over the live bound', () => {
  let before: any[]
  beforeAll(async () => {
    before = ok(await list('demo-secretary-e1', 'E1')).rows
    // 1,100 registered members in E5 (street S2) and unit branch UB1, with unit scores that spread and tie.
    const template = (await srv.deps.store.get('members', 'D001')) as MemberDoc
    await srv.deps.store.transaction(async (tx) => {
      for (let k = 0; k < ADDED; k++) {
        const id = `BIG${String(k).padStart(4, '0')}`
        await tx.set('members', {
          ...template,
          _id: id,
          name: `加测党员${k}`,
          phone: `1391${String(k).padStart(7, '0')}`,
          openid: null,
          estateBranchId: 'E5',
          unitBranchId: 'UB1',
        })
        if (k % 10 === 0) continue // some without a unit score: no total, listed last
        const score = (k * 37) % 10001
        const unit: UnitScoreDoc = {
          _id: `US_${YEAR}_${id}`,
          memberId: id,
          unitBranchId: 'UB1',
          year: YEAR,
          raw: score,
          fullScale: 10000,
          score,
          enteredBy: 'demo-unitsec-ub1',
          enteredAt: T0,
        }
        await tx.set('unitScores', unit)
      }
    })
    ok(await srv.call(ADMIN, 'score.tally', { year: YEAR }))
  }, 60000)

  it('the county pages the stored totals best first, 500 a page, every member once, each page under 200 KB', async () => {
    expect(ADDED + 49).toBeGreaterThan(LIST_LIVE_MAX)
    const pages = await allPages(ADMIN, COUNTY_ID)
    expect(pages.map((p) => p.rows.length)).toEqual([LIST_PAGE, LIST_PAGE, ADDED + 49 - 2 * LIST_PAGE])
    const talliedAt = toIsoShanghai(srv.clock.t)
    for (const p of pages) expect([p.mode, p.talliedAt]).toEqual(['stored', talliedAt])
    expect(pages[2].next).toBeUndefined()
    const rows = pages.flatMap((p) => p.rows)
    expect(new Set(rows.map((r) => r.memberId)).size).toBe(rows.length)
    // Best first, the members without a total last.
    const totals = rows.map((r) => (r.total === null ? -1 : r.total))
    expect(totals).toEqual([...totals].sort((a, b) => b - a))
    // The stored figures are the ones just tallied, which are today's (nothing changed since).
    const live = new Map((await scoreRows(srv.deps.store, YEAR, await org(COUNTY_ID))).map((r) => [r.memberId, r]))
    expect(live.size).toBe(rows.length)
    for (const r of rows) expect(r).toEqual(live.get(r.memberId))
  })

  it('a street over the bound pages too; a scope under it stays live and whole', async () => {
    const s2 = await allPages(ADMIN, 'S2')
    expect(s2).toHaveLength(3)
    expect(s2.flatMap((p) => p.rows).every((r) => r.estateBranchId === 'E5' || r.estateBranchId === 'E6')).toBe(true)
    const s1 = ok(await list('demo-street-s1', 'S1'))
    expect(s1.next).toBeUndefined()
    expect(s1.rows.length).toBeLessThan(50)
  })

  it("an estate's unit ranks, whose population is now county-sized, come from the stored totals; its estate ranks stay live", async () => {
    const page = ok(await list('demo-secretary-e1', 'E1'))
    expect(Object.keys(page).sort()).toEqual(['mode', 'rows', 'talliedAt'])
    expect(page).toMatchObject({ mode: 'storedRanks', talliedAt: toIsoShanghai(srv.clock.t) })
    const stored = new Map((await srv.deps.store.find('totals', { year: YEAR, estateBranchId: 'E1' })).map((t: TotalDoc) => [t.memberId, t]))
    expect(page.rows.map((r: any) => r.memberId)).toEqual(before.map((r) => r.memberId))
    for (const r of page.rows) {
      const b = before.find((x) => x.memberId === r.memberId)
      // Figures and estate ranks as before; the unit rank is the tally's, among UB1's 1,100 more members too.
      expect({ ...r, rankInUnit: null }).toEqual({ ...b, rankInUnit: null })
      expect(r.rankInUnit).toBe(stored.get(r.memberId)?.rankInUnit)
    }
    expect(page.rows.some((r: any) => r.unitBranchId === 'UB1' && r.rankInUnit > 100)).toBe(true)
    // A unit branch whose members' estates hold the added members: its estate ranks come from the totals.
    const ub2 = ok(await list('demo-unitsec-ub2', 'UB2'))
    expect(ub2.mode).toBe('storedRanks')
  })

  it('a stored rank counts only where the member still is, and a year never tallied lists nothing stored', async () => {
    const e1 = await srv.deps.store.find('totals', { year: YEAR, estateBranchId: 'E1' })
    const moved = e1.find((t) => t.unitBranchId === 'UB1') as TotalDoc
    expect(moved.rankInUnit).not.toBeNull()
    // As if tallied while in another unit branch. Put back afterwards: the other tests read the tallied totals.
    await srv.deps.store.set('totals', { ...moved, unitBranchId: 'UB9' })
    const page = ok(await list('demo-secretary-e1', 'E1'))
    expect(page.rows.find((r: any) => r.memberId === moved.memberId).rankInUnit).toBeNull()
    await srv.deps.store.set('totals', moved)
    // 2024 was never tallied: an estate's unit ranks are null, and the county's stored pages are empty.
    const e1Then = ok(await list('demo-secretary-e1', 'E1', undefined, 2024))
    expect([e1Then.mode, e1Then.talliedAt]).toEqual(['storedRanks', null])
    expect(e1Then.rows.length).toBeGreaterThan(0)
    const live2024 = await scoreRows(srv.deps.store, 2024, await org('E1'))
    expect(e1Then.rows).toEqual(live2024.map((r) => ({ ...r, rankInUnit: null })))
    expect(ok(await list(ADMIN, COUNTY_ID, undefined, 2024))).toEqual({ rows: [], mode: 'stored', talliedAt: null })
  })

  it('refuses a garbage, forged, or foreign cursor with 400 VALIDATION; a genuine one continues the list', async () => {
    const first = ok(await list(ADMIN, COUNTY_ID))
    const cursor: string = first.next
    const refused = async (openid: string, scopeId: string, c: string, year = YEAR) => {
      const r = await list(openid, scopeId, c, year)
      expect([r.status, r.body.error?.code]).toEqual([400, 'VALIDATION'])
      expect(r.body.error?.message).toMatch(/翻页标记/)
    }
    for (const c of ['', 'garbage', '../../etc', 'x'.repeat(301), '翻页', 'c1.2025.county.0999999000_D001.AAAAAAAAAAAAAAAA'])
      await refused(ADMIN, COUNTY_ID, c)
    const [v, y, s, key, sig] = cursor.split('.')
    // A later position, or another scope or year, under the same signature.
    await refused(ADMIN, COUNTY_ID, [v, y, s, `1_${key.slice(2)}`, sig].join('.'))
    await refused(ADMIN, COUNTY_ID, [v, '2024', s, key, sig].join('.'))
    await refused(ADMIN, COUNTY_ID, [v, y, 'S2', key, sig].join('.'))
    // Another scope's (or year's) genuine cursor.
    const s2 = ok(await list(ADMIN, 'S2')).next
    await refused(ADMIN, COUNTY_ID, s2)
    await refused(ADMIN, 'S2', cursor)
    await refused(ADMIN, COUNTY_ID, cursor, 2024)
    // Not a key to anything: the reader is checked on every page.
    const r = await list('demo-secretary-e1', COUNTY_ID, cursor)
    expect(r.status).toBe(403)
    // The genuine one continues where the first page ended.
    const second = ok(await list(ADMIN, COUNTY_ID, cursor))
    expect(second.rows[0].memberId).not.toBe(first.rows[first.rows.length - 1].memberId)
    expect(second.rows[0].total ?? -1).toBeLessThanOrEqual(first.rows[first.rows.length - 1].total ?? -1)
  })
})
