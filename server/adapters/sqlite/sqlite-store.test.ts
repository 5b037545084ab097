// The SQLite adapter's projection for the tally's ledger scan (CARRIED in sqlite-store.ts): a scan of the year's
// ledger for exactly the carried fields is answered from a table the triggers keep, so it must answer what the
// documents hold whatever wrote them, and a database from before the projection must be filled when opened.
// The store contract (store.contract.test.ts) covers findPage in general.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { Doc, Scalar, Store } from '../../ports/store.port'
import type { ContractDocs } from '../store.contract'
import { openSqliteStore, type SqliteStore } from './sqlite-store'

/** The fields the tally reads of each ledger entry (server/queries/scores.ts), in its order. */
const CARRIED = ['memberId', 'itemCode', 'category', 'points', 'rulesetId'] as const

type Entry = Doc & Record<string, unknown>

/** Ledger documents of awkward shapes: missing and null fields, other types, text that needs escaping. */
function entries(prefix: string): Entry[] {
  const out: Entry[] = []
  const years: unknown[] = [2025, 2025, 2025, 2024, undefined, null, '2025', true, 2025.5]
  for (let i = 0; i < 60; i++) {
    const e: Entry = { _id: `${prefix}${String(i).padStart(3, '0')}`, kind: 'activity', title: `活动${i}` }
    const year = years[i % years.length]
    if (year !== undefined) e.year = year
    if (i % 7 !== 3) e.memberId = `M${i % 11}`
    if (i % 5 === 0) e.itemCode = null
    else e.itemCode = ['V01', 'N"01', 'a\\b', '志愿\u2028服务', 'x'.repeat(300)][i % 5]
    e.category = i % 6 === 1 ? { nested: ['志愿服务', 1] } : i % 6 === 2 ? false : '志愿服务'
    e.points = i % 4 === 0 ? -500 : i % 4 === 1 ? 12.5 : i % 4 === 2 ? '300' : 0
    if (i % 3) e.rulesetId = `RS_E${i % 4}_2025_v1`
    out.push(e)
  }
  return out
}

/** What the port promises: `_id` and the fields the document holds, not null, in `_id` order. */
function picked(docs: Entry[], year: Scalar): Doc[] {
  return docs
    .filter((d) => d.year === year)
    .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
    .map((d) => {
      const out: Entry = { _id: d._id }
      for (const f of CARRIED) if (d[f] !== undefined && d[f] !== null) out[f] = d[f]
      return out
    })
}

async function scan(store: Store<ContractDocs>, year: Scalar, limit: number, fields: readonly string[] = CARRIED): Promise<Doc[]> {
  const out: Doc[] = []
  for (let after: string | undefined; ; ) {
    const page = await store.findPage('ledger', { year }, { ...(after === undefined ? {} : { after }), limit, fields: fields as string[] })
    out.push(...page)
    if (page.length < limit) return out
    after = page[page.length - 1]._id
  }
}

/** The SQL statements the store prepares from now on. */
function preparedBy(store: SqliteStore<ContractDocs>): string[] {
  const seen: string[] = []
  const prepare = store.db.prepare.bind(store.db)
  jest.spyOn(store.db, 'prepare').mockImplementation((sql: string) => {
    seen.push(sql)
    return prepare(sql)
  })
  return seen
}

describe('SQLite: the ledger scan of the tally reads a projection that answers what the documents hold', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-carried-'))
  let n = 0
  const file = () => path.join(dir, `t${++n}.db`)
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  afterEach(() => jest.restoreAllMocks())

  test('after creates, upserts, updates that change the year or the fields, and deletes', async () => {
    const store = openSqliteStore<ContractDocs>(file())
    const docs = new Map<string, Entry>()
    const [a, b, c] = [entries('A'), entries('B'), entries('C')]
    for (const d of a) await store.create('ledger', d)
    for (const d of b) await store.set('ledger', d)
    await store.transaction(async (tx) => {
      for (const d of c) await tx.create('ledger', d)
    })
    for (const d of [...a, ...b, ...c]) docs.set(d._id, d)
    // Updates: a year moves to another, to none and back; fields change and disappear.
    for (const d of [...a, ...b].filter((_, i) => i % 4 === 1)) {
      const next: Entry = { ...d, year: d.year === 2025 ? 2024 : 2025, memberId: `${String(d.memberId)}′`, points: 1 }
      if (d._id.endsWith('5')) delete next.year
      delete next.rulesetId
      await store.set('ledger', next)
      docs.set(d._id, next)
    }
    await store.createIfAbsent('ledger', { _id: 'A001', year: 1999 })
    const fresh: Entry = { _id: 'D000', year: 2025, memberId: 'M9', itemCode: 'V01', category: '志愿服务', points: 500, rulesetId: 'RS_E1_2025_v1' }
    await store.createIfAbsent('ledger', fresh)
    docs.set(fresh._id, fresh)
    // Nothing in the app deletes entries; a deleted one must still leave the scan.
    store.db.prepare('DELETE FROM ledger WHERE id IN (?, ?)').run('C010', 'A020')
    docs.delete('C010')
    docs.delete('A020')

    const seen = preparedBy(store)
    const all = [...docs.values()]
    for (const year of [2025, 2024, '2025', true, 2025.5, 1999]) {
      for (const limit of [1, 7, 1000]) expect(await scan(store, year, limit)).toEqual(picked(all, year))
    }
    expect(picked(all, 2025).length).toBeGreaterThan(30)
    expect(seen.some((sql) => sql.includes('FROM "ledger.year"'))).toBe(true)
    // Other fields, or the same in another order, are read from the documents, with the same answer.
    const reordered = [...CARRIED].reverse()
    expect(await scan(store, 2025, 9, reordered)).toEqual(picked(all, 2025))
    expect((await scan(store, 2025, 9, ['memberId'])).map((d) => d._id)).toEqual(picked(all, 2025).map((d) => d._id))
    await store.close()
  })

  test('a database written before the projection existed is filled when opened, kept on later opens, rebuilt when defined otherwise', async () => {
    const f = file()
    const first = openSqliteStore<ContractDocs>(f)
    // As an older version of the adapter left it: no projection, documents written straight into the table.
    first.db.exec('DROP TRIGGER "ledger.year+"; DROP TRIGGER "ledger.year~"; DROP TRIGGER "ledger.year-"; DROP TABLE "ledger.year"')
    const docs = entries('E')
    const insert = first.db.prepare('INSERT INTO ledger (id, doc) VALUES (?, ?)')
    for (const d of docs) insert.run(d._id, JSON.stringify(d))
    await first.close()

    const again = openSqliteStore<ContractDocs>(f)
    expect(await scan(again, 2025, 10)).toEqual(picked(docs, 2025))
    const rows = () => (again.db.prepare('SELECT COUNT(*) AS n FROM "ledger.year"').get() as { n: number }).n
    expect(rows()).toBe(docs.filter((d) => d.year !== undefined && d.year !== null).length)
    await again.close()

    // Reopening does not rebuild it: a row only the projection holds survives.
    const third = openSqliteStore<ContractDocs>(f)
    third.db.prepare(`INSERT INTO "ledger.year" (k, id, picked) VALUES (2025, 'zz', '["zz"]')`).run()
    await third.close()
    const fourth = openSqliteStore<ContractDocs>(f)
    expect((await scan(fourth, 2025, 1000)).map((d) => d._id)).toContain('zz')
    // A projection another definition built (as an earlier version of the adapter did) is rebuilt from the documents.
    fourth.db.exec(`DROP TRIGGER "ledger.year+"; CREATE TRIGGER "ledger.year+" AFTER INSERT ON "ledger" BEGIN SELECT 1; END`)
    await fourth.close()
    const fifth = openSqliteStore<ContractDocs>(f)
    expect(await scan(fifth, 2025, 10)).toEqual(picked(docs, 2025))
    await fifth.create('ledger', { _id: 'E999', year: 2025, memberId: 'M1' })
    expect((await scan(fifth, 2025, 1000)).slice(-1)).toEqual([{ _id: 'E999', memberId: 'M1' }])
    await fifth.close()
  })
})
