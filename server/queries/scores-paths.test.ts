// The three ways a set of members is scored give the same totals, byte for byte: a whole county read in one scan
// of the year's ledger by pages (only the fields scoring reads, from the SQLite adapter's projection), the same
// county looked up 500 members at a time, and scoreMembers on whole documents (score.mine's path). The county is
// the tally benchmark's generator (scripts/lib/tally-fixture.js) at a small size, with revoked approvals,
// entries earned in another estate and under unknown or superseded rule-set versions, other years' entries, and
// members with no estate.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type Database from 'better-sqlite3'
import { openSqliteStore } from '../adapters/sqlite/sqlite-store'
import { COUNTY_ID, type MemberDoc, type OrgDoc } from '../model/org'
import type { LedgerDoc } from '../model/score'
import type { Store } from '../ports/store.port'
import { scoreMembers, scoreScope, totalDoc } from './scores'

const { writeFixture } = require('../../scripts/lib/tally-fixture.js') as {
  writeFixture: (db: Database.Database, o: { members: number; entriesPerMember: number; year: number }) => { active: number; ledger: number }
}

const YEAR = 2025
const NOW = Date.UTC(YEAR, 11, 31, 4, 0, 0)

describe('scoring a county: scan, chunks and whole documents agree', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'score-paths-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('every total of 1,000 members is the same on all three paths', async () => {
    const store = openSqliteStore(path.join(dir, 'county.db'))
    const counts = writeFixture(store.db, { members: 1000, entriesPerMember: 12, year: YEAR })
    const members = await store.find('members', { status: 'active' })
    const ledger = await store.find('ledger', {})
    const byMember = new Map<string, LedgerDoc[]>()
    for (const e of ledger) byMember.set(e.memberId, [...(byMember.get(e.memberId) ?? []), e])

    // What the generator does not write: revocations, moves between estates, unknown versions, other years.
    const extra: LedgerDoc[] = []
    members.forEach((m: MemberDoc, i) => {
      const own = byMember.get(m._id) ?? []
      const gain = own.find((e) => e.points > 0)
      if (gain && i % 9 === 0) extra.push({ ...gain, _id: `R_${gain._id}`, kind: 'reversal', points: -gain.points, reverses: gain._id })
      const other = ledger[(i * 7919) % ledger.length]
      if (i % 13 === 0 && other.estateBranchId !== m.estateBranchId) extra.push({ ...other, _id: `L_moved_${m._id}`, memberId: m._id })
      if (i % 17 === 0 && gain) extra.push({ ...gain, _id: `L_unknown_${m._id}`, rulesetId: 'RS_gone_2025_v9', points: 700 })
      if (i % 19 === 0 && gain) extra.push({ ...gain, _id: `L_draft_${m._id}`, rulesetId: `RS_${m.estateBranchId}_${YEAR}_v2` })
      if (i % 11 === 0 && gain) extra.push({ ...gain, _id: `L_old_${m._id}`, year: YEAR - 1, points: 2000 })
    })
    // Members with no estate are found through their unit branch only.
    const homeless = members.slice(0, 3).map((m, i): MemberDoc => ({ ...m, _id: `M_noestate_${i}`, estateBranchId: null }))
    await store.transaction(async (tx) => {
      for (const e of extra) await tx.set('ledger', e)
      for (const m of homeless) await tx.set('members', m)
    })
    expect(counts.active).toBe(members.length)
    members.push(...homeless)
    expect(extra.filter((e) => e.kind === 'reversal').length).toBeGreaterThan(60)

    const county = (await store.get('orgs', COUNTY_ID)) as OrgDoc
    const asTotals = (rows: Parameters<typeof totalDoc>[1][]) =>
      rows.map((r) => JSON.stringify(totalDoc(YEAR, r, NOW))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

    // The scan: a county is far more than a third of the members.
    const seen: string[] = []
    const prepare = store.db.prepare.bind(store.db)
    const spy = jest.spyOn(store.db, 'prepare').mockImplementation((sql: string) => {
      seen.push(sql)
      return prepare(sql)
    })
    const scanned = asTotals((await scoreScope(store, YEAR, county)).rows)
    spy.mockRestore()
    // The ledger scan is the one the adapter's projection answers (CARRIED in sqlite-store.ts lists these fields).
    expect(seen.some((sql) => sql.includes('FROM "ledger.year"'))).toBe(true)

    // The chunks: the same county when it looks like a small part of the members.
    const looksSmall: Store = { ...store, count: async () => Number.MAX_SAFE_INTEGER }
    const chunked = asTotals((await scoreScope(looksSmall, YEAR, county)).rows)

    const whole = asTotals(await scoreMembers(store, YEAR, members))

    expect(scanned).toHaveLength(members.length)
    expect(chunked).toEqual(scanned)
    expect(whole).toEqual(scanned)
    // Not trivially equal: scores spread, some members are incomplete, some totals tie.
    const totals = scanned.map((s) => JSON.parse(s).total)
    expect(new Set(totals).size).toBeGreaterThan(100)
    expect(totals.filter((t) => t === null).length).toBeGreaterThan(10)
    await store.close()
  })
})
