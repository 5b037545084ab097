// The behaviour every Store adapter owes the domain, run against each adapter by store.contract.test.ts.
import { COLLECTIONS, DocumentExists, INDEXES, OneOf, type Collection, type Doc, type Filter, type Store } from '../ports/store.port'

export interface StoreContractOptions {
  /**
   * The adapter serialises transactions (SQLite), so concurrent ones never conflict and all of them commit.
   * Otherwise (wx cloud, optimistic) a transaction may reject after its retries, and only committed ones count.
   */
  transactionsNeverConflict?: boolean
}

/** The contract stores arbitrary JSON documents; these are the fields it queries and computes with. */
interface Item extends Doc {
  kind?: string | null
  year?: number
  flag?: boolean
  rank?: number
  n?: number
  v?: number
  seq?: number
  group?: string
  [k: string]: unknown
}

/** The contract's view of a store: every collection holds `Item`s (adapters store any documents). */
export type ContractDocs = Record<Collection, Item>

const C: Collection = 'settings'
const D: Collection = 'audit'

async function inChunks<T>(items: T[], size: number, fn: (x: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn))
}

const ids = (docs: Doc[]) => docs.map((d) => d._id)

export function describeStoreContract(
  name: string,
  open: () => Promise<Store<ContractDocs>>,
  cleanup?: (s: Store<ContractDocs>) => Promise<void>,
  options: StoreContractOptions = {},
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store<ContractDocs>

    beforeEach(async () => {
      store = await open()
    })
    afterEach(async () => {
      if (cleanup) await cleanup(store)
      else await store.close()
    })

    describe('single documents', () => {
      test('get of a missing id is null', async () => {
        expect(await store.get(C, 'nope')).toBeNull()
      })

      test('create then get round-trips JSON values', async () => {
        const doc = {
          _id: 'rt',
          s: 'text 党员积分 😀',
          empty: '',
          n: 3,
          neg: -2,
          zero: 0,
          frac: 1.5,
          big: 2 ** 40,
          t: true,
          f: false,
          nul: null,
          arr: [1, 'two', null, { k: [true, false] }, []],
          nested: { a: { b: { c: 'd', n: 7 } }, emptyObj: {}, emptyArr: [] },
        }
        await store.create(C, doc)
        expect(await store.get(C, 'rt')).toEqual(doc)
      })

      test('create of an existing id throws DocumentExists and keeps the first document', async () => {
        await store.create(C, { _id: 'dup', v: 1 })
        const err = await store.create(C, { _id: 'dup', v: 2 }).catch((e: unknown) => e)
        expect(err).toBeInstanceOf(DocumentExists)
        expect(err).toMatchObject({ collection: C, id: 'dup' })
        expect(await store.get(C, 'dup')).toEqual({ _id: 'dup', v: 1 })
      })

      test('the same id may exist in two collections', async () => {
        await store.create(C, { _id: 'same', v: 1 })
        await store.create(D, { _id: 'same', v: 2 })
        expect(await store.get(C, 'same')).toEqual({ _id: 'same', v: 1 })
        expect(await store.get(D, 'same')).toEqual({ _id: 'same', v: 2 })
      })

      test('set replaces the whole document, and inserts a missing one', async () => {
        await store.create(C, { _id: 'r', a: 1, b: { x: 1, y: 2 }, c: [1, 2] })
        await store.set(C, { _id: 'r', a: 5, b: { x: 9 } })
        expect(await store.get(C, 'r')).toEqual({ _id: 'r', a: 5, b: { x: 9 } })
        await store.set(C, { _id: 'fresh', a: 1 })
        expect(await store.get(C, 'fresh')).toEqual({ _id: 'fresh', a: 1 })
      })

      test('remove deletes one document, and removing a missing one is no error', async () => {
        await store.create(C, { _id: 'gone', v: 1 })
        await store.create(C, { _id: 'kept', v: 2 })
        await store.remove(C, 'gone')
        await store.remove(C, 'gone')
        await store.remove(C, 'never')
        expect(await store.get(C, 'gone')).toBeNull()
        expect(await store.find(C, {})).toEqual([{ _id: 'kept', v: 2 }])
        await store.create(C, { _id: 'gone', v: 3 })
        expect(await store.get(C, 'gone')).toEqual({ _id: 'gone', v: 3 })
      })

      test('createIfAbsent creates once, then returns the stored document', async () => {
        const first = await store.createIfAbsent(C, { _id: 'once', v: 1 })
        expect(first).toEqual({ created: true, doc: { _id: 'once', v: 1 } })
        const second = await store.createIfAbsent(C, { _id: 'once', v: 2 })
        expect(second).toEqual({ created: false, doc: { _id: 'once', v: 1 } })
        expect(await store.get(C, 'once')).toEqual({ _id: 'once', v: 1 })
      })
    })

    describe('queries', () => {
      const items: Item[] = [
        { _id: 'i1', kind: 'a', year: 2024, flag: true, rank: 3 },
        { _id: 'i2', kind: 'b', year: 2024, flag: false, rank: 1 },
        { _id: 'i3', kind: 'a', year: 2025, flag: true, rank: 2 },
        { _id: 'i4', kind: 'c', year: 2025, flag: false, rank: 2 },
        { _id: 'i5', kind: null, year: 2025, flag: true, rank: 5 },
        { _id: 'i6', year: 2026, rank: 4 },
      ]
      beforeEach(async () => {
        await Promise.all(items.map((d) => store.create(C, d)))
        await store.create(D, { _id: 'other', kind: 'a', year: 2024 })
      })
      const sorted = (docs: Doc[]) => ids(docs).sort()

      test('find by equality on strings, numbers and booleans, combined with AND', async () => {
        expect(sorted(await store.find(C, { kind: 'a' }))).toEqual(['i1', 'i3'])
        expect(sorted(await store.find(C, { year: 2025 }))).toEqual(['i3', 'i4', 'i5'])
        expect(sorted(await store.find(C, { flag: false }))).toEqual(['i2', 'i4'])
        expect(sorted(await store.find(C, { kind: 'a', year: 2025 }))).toEqual(['i3'])
        expect(sorted(await store.find(C, { _id: 'i2' }))).toEqual(['i2'])
        expect(await store.find(C, { kind: 'zzz' })).toEqual([])
        expect(sorted(await store.find(C, {}))).toEqual(['i1', 'i2', 'i3', 'i4', 'i5', 'i6'])
      })

      test('find returns whole documents', async () => {
        expect(await store.find(C, { kind: 'c' })).toEqual([items[3]])
      })

      test('a null filter value matches null and a missing field', async () => {
        expect(sorted(await store.find(C, { kind: null }))).toEqual(['i5', 'i6'])
        expect(await store.count(C, { kind: null })).toBe(2)
      })

      test('find by OneOf', async () => {
        expect(sorted(await store.find(C, { kind: new OneOf(['a', 'c']) }))).toEqual(['i1', 'i3', 'i4'])
        expect(sorted(await store.find(C, { kind: new OneOf(['a', 'c']), year: 2025 }))).toEqual(['i3', 'i4'])
        expect(sorted(await store.find(C, { year: new OneOf([2024, 2026]) }))).toEqual(['i1', 'i2', 'i6'])
        expect(await store.find(C, { kind: new OneOf([]) })).toEqual([])
        expect(await store.count(C, { kind: new OneOf([]) })).toBe(0)
      })

      test('orderBy asc and desc, ties broken by _id, and limit', async () => {
        expect(ids(await store.find(C, {}, { orderBy: { field: 'rank', dir: 'asc' } }))).toEqual(['i2', 'i3', 'i4', 'i1', 'i6', 'i5'])
        expect(ids(await store.find(C, {}, { orderBy: { field: 'rank', dir: 'desc' } }))).toEqual(['i5', 'i6', 'i1', 'i3', 'i4', 'i2'])
        expect(ids(await store.find(C, { year: 2025 }, { orderBy: { field: 'rank', dir: 'desc' }, limit: 2 }))).toEqual(['i5', 'i3'])
        expect(ids(await store.find(C, {}, { orderBy: { field: '_id', dir: 'desc' }, limit: 3 }))).toEqual(['i6', 'i5', 'i4'])
        expect(await store.find(C, {}, { limit: 0 })).toEqual([])
        expect(await store.find(C, {}, { limit: 4 })).toHaveLength(4)
      })

      test('count', async () => {
        expect(await store.count(C, {})).toBe(6)
        expect(await store.count(C, { year: 2025 })).toBe(3)
        expect(await store.count(C, { kind: 'a', flag: true })).toBe(2)
        expect(await store.count(C, { kind: 'zzz' })).toBe(0)
        expect(await store.count(D, {})).toBe(1)
      })

      test('findPage scans in _id order, one page after another', async () => {
        const first = await store.findPage(C, {}, { limit: 4 })
        expect(first).toEqual(items.slice(0, 4))
        expect(ids(await store.findPage(C, {}, { after: 'i4', limit: 4 }))).toEqual(['i5', 'i6'])
        expect(await store.findPage(C, {}, { after: 'i6', limit: 4 })).toEqual([])
        // after is exclusive and need not be an existing id
        expect(ids(await store.findPage(C, {}, { after: 'i2x', limit: 2 }))).toEqual(['i3', 'i4'])
        expect(ids(await store.findPage(C, { year: 2025 }, { limit: 2 }))).toEqual(['i3', 'i4'])
        expect(ids(await store.findPage(C, { year: 2025 }, { after: 'i4', limit: 2 }))).toEqual(['i5'])
        expect(ids(await store.findPage(C, { kind: new OneOf(['a', 'c']) }, { after: 'i1', limit: 10 }))).toEqual(['i3', 'i4'])
        expect(ids(await store.findPage(C, { _id: new OneOf(['i5', 'i2']) }, { limit: 10 }))).toEqual(['i2', 'i5'])
        expect(ids(await store.findPage(C, { kind: null }, { limit: 10 }))).toEqual(['i5', 'i6'])
        expect(await store.findPage(C, { kind: new OneOf([]) }, { limit: 10 })).toEqual([])
        expect(await store.findPage(D, {}, { limit: 10 })).toEqual([{ _id: 'other', kind: 'a', year: 2024 }])
      })

      test('findPage with fields returns _id and those fields; missing and null ones are left out', async () => {
        await store.create(C, { _id: 'j1', s: 'x', n: 0, t: true, f: false, nul: null, o: { a: [1, 'b', null] }, arr: [], other: 1 })
        expect(await store.findPage(C, { _id: 'j1' }, { limit: 1, fields: ['s', 'n', 't', 'f', 'nul', 'o', 'arr', 'absent'] })).toEqual([
          { _id: 'j1', s: 'x', n: 0, t: true, f: false, o: { a: [1, 'b', null] }, arr: [] },
        ])
        expect(await store.findPage(C, { _id: 'j1' }, { limit: 1, fields: ['t'] })).toEqual([{ _id: 'j1', t: true }])
        expect(await store.findPage(C, { _id: 'j1' }, { limit: 1, fields: ['absent'] })).toEqual([{ _id: 'j1' }])
        expect(await store.findPage(C, { _id: 'j1' }, { limit: 1, fields: [] })).toEqual([{ _id: 'j1' }])
        expect(await store.findPage(C, { year: 2025 }, { limit: 10, fields: ['kind', 'rank'] })).toEqual([
          { _id: 'i3', kind: 'a', rank: 2 },
          { _id: 'i4', kind: 'c', rank: 2 },
          { _id: 'i5', rank: 5 },
        ])
      })

      test('findPage by a key field pages in that order, only documents holding a string key', async () => {
        const keyed: Item[] = [
          { _id: 'k1', year: 2025, key: 'b' },
          { _id: 'k2', year: 2025, key: 'a' },
          { _id: 'k3', year: 2025, key: 'c2' },
          { _id: 'k4', year: 2024, key: 'a1' },
          { _id: 'k5', year: 2025, key: 'c10' },
          { _id: 'k6', year: 2025 },
          { _id: 'k7', year: 2025, key: null },
          { _id: 'k8', year: 2025, key: 7 },
          { _id: 'k9', year: 2025, key: '' },
        ]
        await Promise.all(keyed.map((d) => store.create(D, d)))
        // Byte order of the strings ('c10' < 'c2'); no filter: every keyed document, the seeded 'other' has none.
        expect(ids(await store.findPage(D, {}, { by: 'key', limit: 10 }))).toEqual(['k2', 'k4', 'k1', 'k5', 'k3'])
        expect(ids(await store.findPage(D, { year: 2025 }, { by: 'key', limit: 2 }))).toEqual(['k2', 'k1'])
        expect(ids(await store.findPage(D, { year: 2025 }, { by: 'key', after: 'b', limit: 2 }))).toEqual(['k5', 'k3'])
        expect(await store.findPage(D, { year: 2025 }, { by: 'key', after: 'c2', limit: 2 })).toEqual([])
        expect(ids(await store.findPage(D, { year: new OneOf([2024, 2025]) }, { by: 'key', after: 'a', limit: 10 }))).toEqual([
          'k4',
          'k1',
          'k5',
          'k3',
        ])
        expect(await store.findPage(D, { year: 2025 }, { by: 'key', after: 'a', limit: 1, fields: ['key'] })).toEqual([{ _id: 'k1', key: 'b' }])
        // The filter may constrain _id when paging by another field, but not the key itself.
        expect(ids(await store.findPage(D, { _id: new OneOf(['k1', 'k3']) }, { by: 'key', after: 'a', limit: 10 }))).toEqual(['k1', 'k3'])
        await expect(store.findPage(D, { key: 'a' }, { by: 'key', limit: 10 })).rejects.toThrow()
        await expect(store.findPage(D, {}, { by: 'a.b', limit: 10 })).rejects.toThrow()
      })

      test('findPage refuses bad page options', async () => {
        for (const limit of [0, -1, 1.5, 1001, NaN]) await expect(store.findPage(C, {}, { limit })).rejects.toThrow()
        await expect(store.findPage(C, {}, { limit: 10, fields: ['a.b'] })).rejects.toThrow()
        await expect(store.findPage(C, {}, { limit: 10, fields: ['_id'] })).rejects.toThrow()
        await expect(store.findPage(C, { _id: 'i1' }, { after: 'i0', limit: 10 })).rejects.toThrow()
        await expect(store.findPage(C, { kind: { $gt: '' } } as unknown as Filter, { limit: 10 })).rejects.toThrow()
      })
    })

    test('find returns every match beyond the 1000-per-request cap', async () => {
      const n = 1100
      const docs = Array.from({ length: n }, (_, i) => ({
        _id: `p${String(i).padStart(5, '0')}`,
        group: 'big',
        seq: i % 7,
      }))
      await inChunks(docs, 100, (d) => store.create(D, d))
      await inChunks(
        Array.from({ length: 30 }, (_, i) => i),
        30,
        (i) => store.create(D, { _id: `q${i}`, group: 'small', seq: 0 }),
      )

      const all = await store.find(D, { group: 'big' })
      expect(all).toHaveLength(n)
      expect(new Set(ids(all)).size).toBe(n)

      const ordered = await store.find(D, { group: 'big' }, { orderBy: { field: 'seq', dir: 'desc' } })
      expect(ordered).toHaveLength(n)
      expect(new Set(ids(ordered)).size).toBe(n)
      for (let i = 1; i < n; i++) {
        const [a, b] = [ordered[i - 1], ordered[i]]
        expect(Number(a.seq) > Number(b.seq) || (a.seq === b.seq && a._id < b._id)).toBe(true)
      }

      expect(await store.find(D, { group: 'big' }, { limit: 1050 })).toHaveLength(1050)
      expect(await store.count(D, { group: 'big' })).toBe(n)
      expect(await store.find(D, {})).toHaveLength(n + 30)

      // A full scan by pages of the cap sees every match once, in _id order.
      const scanned: string[] = []
      for (let after: string | undefined; ; ) {
        const page = await store.findPage(D, { group: 'big' }, { after, limit: 1000, fields: ['seq'] })
        scanned.push(...ids(page))
        for (const d of page) expect(d).toEqual({ _id: d._id, seq: Number(d._id.slice(1)) % 7 })
        if (page.length < 1000) break
        after = page[page.length - 1]._id
      }
      expect(scanned).toEqual(ids(docs))
    })

    describe('transactions', () => {
      test('commits all writes together and returns the result', async () => {
        await store.create(C, { _id: 'b', v: 0, gone: true })
        const result = await store.transaction(async (tx) => {
          expect(await tx.get(C, 'a')).toBeNull()
          await tx.create(C, { _id: 'a', v: 1 })
          const b = await tx.get(C, 'b')
          await tx.set(C, { _id: 'b', v: (b?.v ?? 0) + 1 })
          await tx.create(D, { _id: 'c', v: 3 })
          // Reads see the transaction's own writes.
          expect(await tx.get(C, 'a')).toEqual({ _id: 'a', v: 1 })
          expect(await tx.get(C, 'b')).toEqual({ _id: 'b', v: 1 })
          return 'done'
        })
        expect(result).toBe('done')
        expect(await store.get(C, 'a')).toEqual({ _id: 'a', v: 1 })
        expect(await store.get(C, 'b')).toEqual({ _id: 'b', v: 1 })
        expect(await store.get(D, 'c')).toEqual({ _id: 'c', v: 3 })
      })

      test('a transaction that throws writes nothing and rethrows the error', async () => {
        await store.create(C, { _id: 'keep', v: 1 })
        const boom = new Error('boom')
        await expect(
          store.transaction(async (tx) => {
            await tx.create(C, { _id: 'new', v: 1 })
            await tx.set(C, { _id: 'keep', v: 2 })
            throw boom
          }),
        ).rejects.toBe(boom)
        expect(await store.get(C, 'new')).toBeNull()
        expect(await store.get(C, 'keep')).toEqual({ _id: 'keep', v: 1 })
      })

      test('among concurrent transactions, each one that throws is rolled back alone', async () => {
        // SQLite commits transactions that queue up together in one COMMIT (savepoint each): a failing one must
        // not take its neighbours down, nor leave anything of its own behind.
        await store.create(C, { _id: 'shared', n: 0 })
        const outcomes = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) =>
            store.transaction(async (tx) => {
              const cur = await tx.get(C, 'shared')
              await tx.set(C, { _id: 'shared', n: (cur?.n ?? 0) + 1 })
              await tx.create(C, { _id: `job-${i}`, v: i })
              if (i % 3 === 0) throw new Error(`job ${i} fails`)
              return i
            }),
          ),
        )
        const ok = outcomes.filter((o) => o.status === 'fulfilled').length
        expect(outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').every((o) => /fails/.test(String(o.reason)))).toBe(true)
        for (let i = 0; i < 12; i++) {
          const written = await store.get(C, `job-${i}`)
          expect([i, written !== null]).toEqual([i, outcomes[i].status === 'fulfilled'])
        }
        expect(await store.get(C, 'shared')).toEqual({ _id: 'shared', n: ok })
      })

      test('create of an existing id inside a transaction throws DocumentExists, and the transaction can go on', async () => {
        await store.create(C, { _id: 'taken', v: 1 })
        await store.transaction(async (tx) => {
          await expect(tx.create(C, { _id: 'taken', v: 2 })).rejects.toBeInstanceOf(DocumentExists)
          await tx.create(C, { _id: 'after', v: 1 })
        })
        expect(await store.get(C, 'taken')).toEqual({ _id: 'taken', v: 1 })
        expect(await store.get(C, 'after')).toEqual({ _id: 'after', v: 1 })
      })

      test('20 concurrent read-increment-write transactions lose no update', async () => {
        await store.create(C, { _id: 'counter', n: 0 })
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, () =>
            store.transaction(async (tx) => {
              const c = await tx.get(C, 'counter')
              await tx.set(C, { _id: 'counter', n: (c?.n ?? 0) + 1 })
            }),
          ),
        )
        const ok = results.filter((r) => r.status === 'fulfilled').length
        const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
        for (const f of failures) expect(String(f)).toMatch(/conflict/i)
        expect(await store.get(C, 'counter')).toEqual({ _id: 'counter', n: ok })
        if (options.transactionsNeverConflict) expect(ok).toBe(20)
        else expect(ok).toBeGreaterThan(0)
      })

      test('20 concurrent transactions creating the same id: exactly one creates it', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            store.transaction(async (tx) => {
              await tx.create(C, { _id: 'only', by: i })
              await tx.create(D, { _id: `mark${i}`, by: i })
            }),
          ),
        )
        const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []))
        expect(winners).toHaveLength(1)
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DocumentExists)
        expect(await store.get(C, 'only')).toEqual({ _id: 'only', by: winners[0] })
        expect(ids(await store.find(D, {}))).toEqual([`mark${winners[0]}`])
      })
    })

    describe('concurrent creates', () => {
      test('20 concurrent creates of one id: exactly one succeeds', async () => {
        const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.create(C, { _id: 'x', by: i })))
        const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []))
        expect(winners).toHaveLength(1)
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DocumentExists)
        expect(await store.get(C, 'x')).toEqual({ _id: 'x', by: winners[0] })
      })

      test('20 concurrent createIfAbsent of one id: one created, all see the same document', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.createIfAbsent(C, { _id: 'y', by: i })))
        const created = results.filter((r) => r.created)
        expect(created).toHaveLength(1)
        for (const r of results) expect(r.doc).toEqual(created[0].doc)
      })
    })

    describe('every collection', () => {
      // New collections (e.g. 述职's dutyReports, dutyReportVersions, dutyReminders) are held and queried like the rest.
      test('each collection round-trips a document and finds it by each of its indexed fields', async () => {
        for (const coll of COLLECTIONS) {
          const fields = Object.fromEntries(INDEXES[coll].map((f) => [f, `${coll}-${f}`]))
          const doc = { _id: `every-${coll}`, ...fields, year: 2025, nested: { list: ['一', 2] } }
          await store.create(coll, doc)
          expect(await store.get(coll, doc._id)).toEqual(doc)
          for (const f of INDEXES[coll]) expect(ids(await store.find(coll, { [f]: `${coll}-${f}`, year: 2025 }))).toEqual([doc._id])
        }
      })
    })

    describe('input guards', () => {
      test('a plain object as a filter value throws', async () => {
        const evil = { phone: { $gt: '' } } as unknown as Filter
        await expect(store.find('members', evil)).rejects.toThrow(/scalar/)
        await expect(store.count('members', evil)).rejects.toThrow(/scalar/)
        await expect(store.find('members', { phone: new OneOf([{ $ne: null } as never]) })).rejects.toThrow(/scalar/)
        await expect(store.find('members', { phone: ['a'] } as unknown as Filter)).rejects.toThrow(/scalar/)
      })

      test('a bad field name throws', async () => {
        await expect(store.find(C, { 'a.b': 1 })).rejects.toThrow(/invalid field/)
        await expect(store.find(C, { $where: 'x' })).rejects.toThrow(/invalid field/)
        await expect(store.count(C, { 'x; drop': 1 })).rejects.toThrow(/invalid field/)
        await expect(store.find(C, {}, { orderBy: { field: "x')--", dir: 'asc' } })).rejects.toThrow(/invalid field/)
      })
    })
  })
}
