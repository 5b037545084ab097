import { createTestCloud, FunctionTimedOut, installLocalExecutor, type LocalExecutor } from './local-executor'

let executor: LocalExecutor
let cloud: any
let db: any

beforeAll(() => {
  executor = installLocalExecutor()
  ;({ cloud, db } = createTestCloud())
})
afterAll(() => executor.uninstall())
beforeEach(() => executor.reset())
afterEach(() => executor.simulate({ latencyMs: 0 }))

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as any,
  )

test('add, get and a missing document go through the SDK', async () => {
  const res = await db.collection('items').add({ data: { _id: 'a', n: 1, f: 2.5, big: 2 ** 40, o: { p: [null, true] } } })
  expect(res._id).toBe('a')
  expect((await db.collection('items').doc('a').get()).data).toEqual({ _id: 'a', n: 1, f: 2.5, big: 2 ** 40, o: { p: [null, true] } })
  const missing = await errorOf(db.collection('items').doc('zz').get())
  expect(missing.errMsg).toMatch(/does not exist/)
  const auto = await db.collection('items').add({ data: { n: 2 } })
  expect(typeof auto._id).toBe('string')
  expect(executor.actions).toEqual(['database.insertDocument', 'database.getDocument', 'database.getDocument', 'database.insertDocument'])
})

test('a duplicate _id is rejected the way the backend rejects it', async () => {
  await db.collection('items').add({ data: { _id: 'a', n: 1 } })
  const e = await errorOf(db.collection('items').add({ data: { _id: 'a', n: 2 } }))
  expect(e.errCode).toBe(-502001)
  expect(e.errMsg).toMatch(/E11000 duplicate key/)
})

test('where with _.in, orderBy, skip, limit and count', async () => {
  const _ = db.command
  for (let i = 0; i < 8; i++) await db.collection('items').add({ data: { _id: `d${i}`, k: ['x', 'y', 'z'][i % 3], n: i } })
  const q = db.collection('items').where({ k: _.in(['x', 'z']) })
  expect((await q.count()).total).toBe(5)
  const page = await q.orderBy('n', 'desc').skip(1).limit(3).get()
  expect(page.data.map((d: any) => d._id)).toEqual(['d5', 'd3', 'd2'])
  expect((await db.collection('items').where({ k: 'y', n: 4 }).get()).data).toEqual([{ _id: 'd4', k: 'y', n: 4 }])
  expect(executor.actions.slice(-3)).toEqual(['database.calculateDocument', 'database.getDocument', 'database.getDocument'])
})

test('set replaces, update merges nested fields with $set, remove deletes', async () => {
  const doc = db.collection('items').doc('s')
  await doc.set({ data: { a: 1, o: { p: 1, q: 2 } } })
  await doc.update({ data: { o: { p: 9 }, b: true } })
  expect((await doc.get()).data).toEqual({ _id: 's', a: 1, o: { p: 9, q: 2 }, b: true })
  await doc.set({ data: { c: 3 } })
  expect((await doc.get()).data).toEqual({ _id: 's', c: 3 })
  expect((await doc.remove()).stats.removed).toBe(1)
  expect((await db.collection('items').where({}).get()).data).toEqual([])
})

test('a transaction reads its snapshot and commits atomically', async () => {
  await db.collection('acct').add({ data: { _id: 'a', amount: 10 } })
  const t = await db.startTransaction()
  expect((await t.collection('acct').doc('a').get()).data.amount).toBe(10)
  await t
    .collection('acct')
    .doc('a')
    .set({ data: { amount: 5 } })
  await t.collection('acct').add({ data: { _id: 'b', amount: 5 } })
  // Nothing is visible outside before commit.
  expect((await db.collection('acct').where({}).get()).data).toEqual([{ _id: 'a', amount: 10 }])
  await t.commit()
  expect((await db.collection('acct').where({}).orderBy('_id', 'asc').get()).data).toEqual([
    { _id: 'a', amount: 5 },
    { _id: 'b', amount: 5 },
  ])
  expect(executor.actions).toContain('database.startTransaction')
  expect(executor.actions).toContain('database.commitTransaction')
})

test('a rolled back transaction leaves nothing', async () => {
  const t = await db.startTransaction()
  await t.collection('acct').add({ data: { _id: 'x', amount: 1 } })
  await t.rollback()
  expect((await db.collection('acct').where({}).get()).data).toEqual([])
})

test('snapshot isolation: a transaction keeps reading what it first saw', async () => {
  await db.collection('acct').add({ data: { _id: 'a', amount: 10 } })
  const t = await db.startTransaction()
  await db
    .collection('acct')
    .doc('a')
    .set({ data: { amount: 99 } })
  expect((await t.collection('acct').doc('a').get()).data.amount).toBe(10)
  await t.rollback()
})

test('two transactions writing one document: the second writer conflicts', async () => {
  await db.collection('acct').add({ data: { _id: 'a', amount: 10 } })
  const t1 = await db.startTransaction()
  const t2 = await db.startTransaction()
  await t1.collection('acct').doc('a').get()
  await t2.collection('acct').doc('a').get()
  await t1
    .collection('acct')
    .doc('a')
    .set({ data: { amount: 11 } })
  const e = await errorOf(
    t2
      .collection('acct')
      .doc('a')
      .set({ data: { amount: 12 } }),
  )
  expect(e.errMsg).toMatch(/TransactionConflict/)
  await t1.commit()
  expect((await db.collection('acct').doc('a').get()).data.amount).toBe(11)
})

test('a commit after an outside write to a written document conflicts, and runTransaction retries it', async () => {
  await db.collection('acct').add({ data: { _id: 'a', amount: 10 } })
  const t = await db.startTransaction()
  await t
    .collection('acct')
    .doc('a')
    .set({ data: { amount: 11 } })
  await db
    .collection('acct')
    .doc('a')
    .set({ data: { amount: 50 } })
  const e = await errorOf(t.commit())
  expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect((await db.collection('acct').doc('a').get()).data.amount).toBe(50)

  let attempts = 0
  const result = await db.runTransaction(async (tx: any) => {
    attempts++
    const a = (await tx.collection('acct').doc('a').get()).data
    await tx
      .collection('acct')
      .doc('a')
      .set({ data: { amount: a.amount + 1 } })
    if (attempts === 1)
      await db
        .collection('acct')
        .doc('a')
        .set({ data: { amount: 100 } })
    return a.amount
  })
  expect(attempts).toBe(2)
  expect(result).toBe(100)
  expect((await db.collection('acct').doc('a').get()).data.amount).toBe(101)
})

test('requests the executor does not implement fail loudly instead of reaching the network', async () => {
  const where = await errorOf(
    db
      .collection('items')
      .where({ a: 1 })
      .update({ data: { b: 1 } }),
  )
  expect(where.message).toMatch(/local executor: unsupported database\.modifyDocument with queryType WHERE/)
  const agg = await errorOf(db.collection('items').aggregate().match({ a: 1 }).end())
  expect(agg.message).toMatch(/local executor: unsupported database\.aggregateDocument/)
  const t = await db.startTransaction()
  const inTx = await errorOf(t.collection('items').where({ a: 1 }).get())
  expect(inTx.message).toMatch(/local executor: unsupported where query inside a transaction/)
  await t.rollback()
  const fn = await errorOf(cloud.callFunction({ name: 'anything', data: {} }))
  expect(String(fn.message ?? fn.errMsg)).toMatch(/local executor: unsupported/)
})

test('where queries answer the same through the indexes as by a full scan, and follow updates and removals', async () => {
  const _ = db.command
  const docs = Array.from({ length: 300 }, (_x, i) => ({
    _id: `q${String((i * 37) % 300).padStart(3, '0')}`,
    k: ['x', 'y', 'z'][i % 3],
    n: i % 7,
    tags: i % 5 === 0 ? ['a', 'b'] : ['c'],
    ...(i % 11 === 0 ? {} : { opt: i % 2 === 0 }),
  }))
  executor.load('items', docs)
  const ids = (r: any) => r.data.map((d: any) => d._id)
  const expected = (pred: (d: (typeof docs)[number]) => boolean, dir = 1) => {
    const out = docs.filter(pred).map((d) => d._id)
    out.sort()
    return dir > 0 ? out : out.reverse()
  }
  // An equality on one field, on an array element, $in, a few ids, another order, and a range on _id with paging.
  expect(ids(await db.collection('items').where({ k: 'y', n: 3 }).orderBy('_id', 'asc').limit(1000).get())).toEqual(
    expected((d) => d.k === 'y' && d.n === 3),
  )
  expect(ids(await db.collection('items').where({ tags: 'a' }).orderBy('_id', 'desc').limit(1000).get())).toEqual(
    expected((d) => d.tags.includes('a'), -1),
  )
  expect(
    (
      await db
        .collection('items')
        .where({ n: _.in([1, 2]), opt: true })
        .count()
    ).total,
  ).toBe(docs.filter((d) => [1, 2].includes(d.n) && d.opt === true).length)
  const few = ['q200', 'q007', 'q150']
  expect(
    ids(
      await db
        .collection('items')
        .where({ _id: _.in(few) })
        .orderBy('_id', 'asc')
        .get(),
    ),
  ).toEqual(['q007', 'q150', 'q200'])
  const byN = (await db.collection('items').where({ k: 'x' }).orderBy('n', 'desc').orderBy('_id', 'asc').limit(1000).get()).data
  expect(byN.map((d: any) => d._id)).toEqual(
    docs
      .filter((d) => d.k === 'x')
      .sort((a, b) => b.n - a.n || (a._id < b._id ? -1 : 1))
      .map((d) => d._id),
  )
  expect((await db.collection('items').where({ opt: null }).count()).total).toBe(docs.filter((d) => d.opt === undefined).length)
  const paged: string[] = []
  for (let after = ''; ; ) {
    const page = ids(
      await db
        .collection('items')
        .where({ _id: _.gt(after), k: _.in(['x', 'z']) })
        .orderBy('_id', 'asc')
        .limit(40)
        .get(),
    )
    paged.push(...page)
    if (page.length < 40) break
    after = page[page.length - 1]
  }
  expect(paged).toEqual(expected((d) => d.k !== 'y'))
  // And with skip, as the store's find() pages.
  const skipped = await db
    .collection('items')
    .where({ k: _.in(['x', 'z']) })
    .orderBy('_id', 'asc')
    .skip(40)
    .limit(40)
    .get()
  expect(ids(skipped)).toEqual(expected((d) => d.k !== 'y').slice(40, 80))
  // The index follows a change of the field, and a removal.
  const first = expected((d) => d.k === 'x')[0]
  await db
    .collection('items')
    .doc(first)
    .update({ data: { k: 'y' } })
  await db
    .collection('items')
    .doc(expected((d) => d.k === 'z')[0])
    .remove()
  const xs = ids(await db.collection('items').where({ k: 'x' }).orderBy('_id', 'asc').limit(1000).get())
  expect(xs).not.toContain(first)
  expect(xs).toHaveLength(docs.filter((d) => d.k === 'x').length - 1)
  expect((await db.collection('items').where({ k: 'z' }).count()).total).toBe(docs.filter((d) => d.k === 'z').length - 1)
  expect(ids(await db.collection('items').where({ k: 'y', _id: first }).get())).toEqual([first])
})

test('the virtual clock moves by requests × latency and nothing sleeps; counters split reads and writes', async () => {
  // A minute per request: were anything to sleep, this test would outlast its timeout many times over.
  executor.simulate({ latencyMs: 60_000, startAt: Date.UTC(2025, 11, 31) })
  const before = { ...executor.counters }
  const m = await executor.call(async () => {
    await db.collection('items').add({ data: { _id: 'a', text: '党员'.repeat(50) } })
    await db.collection('items').doc('a').get()
    await db.collection('items').where({}).count()
    return 'done'
  })
  expect(m).toMatchObject({ result: 'done', requests: 3, reads: 2, writes: 1, transactions: 0, storage: 0, timedOut: false })
  expect(m.simulatedMs).toBe(3 * 60_000)
  expect(executor.clock.now()).toBe(Date.UTC(2025, 11, 31) + 3 * 60_000)
  expect(executor.counters.requests - before.requests).toBe(3)
  // The answer carried the document as the server encodes it.
  expect(m.bytes).toBeGreaterThan(300)
  expect(m.cpuMs).toBeGreaterThanOrEqual(0)
  executor.advance(3_600_000)
  expect(executor.clock.now()).toBe(Date.UTC(2025, 11, 31) + 63 * 60_000)
})

test('requests in flight at once overlap on the clock: 10 in parallel take one latency, 10 in sequence ten', async () => {
  executor.simulate({ latencyMs: 25, startAt: 0 })
  const parallel = await executor.call(() =>
    Promise.all(Array.from({ length: 10 }, (_x, i) => db.collection('items').doc(`par${i}`).set({ data: { i } }))),
  )
  expect(parallel).toMatchObject({ requests: 10, writes: 10, timedOut: false })
  expect(parallel.simulatedMs).toBe(25)
  expect(executor.clock.now()).toBe(25)
  const sequential = await executor.call(async () => {
    for (let i = 0; i < 10; i++) await db.collection('items').doc(`par${i}`).get()
  })
  expect(sequential).toMatchObject({ requests: 10, reads: 10 })
  expect(sequential.simulatedMs).toBe(250)
  // Two waves of 5 (a pool of 5 workers each awaiting its own request): two latencies.
  const docsIds = Array.from({ length: 10 }, (_x, i) => `par${i}`)
  const pooled = await executor.call(async () => {
    let next = 0
    const worker = async () => {
      while (next < docsIds.length) await db.collection('items').doc(docsIds[next++]).get()
    }
    await Promise.all(Array.from({ length: 5 }, worker))
  })
  expect(pooled.requests).toBe(10)
  expect(pooled.simulatedMs).toBe(50)
  // Every write landed; drop empties a collection without a request.
  expect(
    (
      await db
        .collection('items')
        .where({ i: db.command.gte(0) })
        .count()
    ).total,
  ).toBeGreaterThanOrEqual(10)
  executor.load('dropped', [{ _id: 'd1' }, { _id: 'd2' }])
  expect((await db.collection('dropped').where({}).count()).total).toBe(2)
  const requests = executor.counters.requests
  executor.drop('dropped')
  expect(executor.counters.requests).toBe(requests)
  expect((await db.collection('dropped').where({}).count()).total).toBe(0)
})

test('parallel requests past the deadline are refused: those issued in time land, none after', async () => {
  executor.simulate({ latencyMs: 25, startAt: 0 })
  const m = await executor.call(
    async () => {
      await db
        .collection('items')
        .doc('dl0')
        .set({ data: { i: 0 } })
      // Issued at 25 ms: each ends at 50 ms, inside the 60 ms deadline.
      await Promise.all([1, 2, 3].map((i) => db.collection('items').doc(`dl${i}`).set({ data: { i } })))
      // Issued at 50 ms: would end at 75 ms, past it.
      return Promise.all([4, 5].map((i) => errorOf(db.collection('items').doc(`dl${i}`).set({ data: { i } }))))
    },
    { deadlineMs: 60 },
  )
  expect(m.timedOut).toBe(true)
  expect(m.result).toEqual([expect.any(FunctionTimedOut), expect.any(FunctionTimedOut)])
  expect(m.simulatedMs).toBe(60)
  const landed = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => errorOf(db.collection('items').doc(`dl${i}`).get())))
  expect(landed.map((x) => x === null)).toEqual([true, true, true, true, false, false])
})

test('a job bounding its step by the virtual clock sees time pass at each request', async () => {
  executor.simulate({ latencyMs: 25, startAt: 0 })
  executor.load(
    'items',
    Array.from({ length: 100 }, (_x, i) => ({ _id: `i${String(i).padStart(3, '0')}`, n: i })),
  )
  const clock = executor.clock
  // A step with a 1 s budget reads one document per request until its budget is spent.
  const step = async (from: number) => {
    const until = clock.now() + 1000
    let i = from
    while (i < 100 && clock.now() < until) {
      await db
        .collection('items')
        .doc(`i${String(i).padStart(3, '0')}`)
        .get()
      i++
    }
    return i
  }
  const m = await executor.call(() => step(0))
  expect(m.result).toBe(40)
  expect(m.simulatedMs).toBe(1000)
  expect((await executor.call(() => step(m.result))).result).toBe(80)
})

test('a call past its deadline is refused from then on, like a killed function, and its transaction rolled back', async () => {
  executor.simulate({ latencyMs: 25, startAt: 0 })
  let reached = 0
  const m = await executor.call(
    async () => {
      for (let i = 0; i < 4; i++) {
        await db.collection('items').add({ data: { _id: `w${i}`, i } })
        reached++
      }
      const t = await db.startTransaction()
      await t.collection('items').add({ data: { _id: 'in-tx', i: 9 } })
      return errorOf(t.collection('items').add({ data: { _id: 'late', i: 10 } }))
    },
    { deadlineMs: 150 },
  )
  // 4 writes, the transaction's start and its first write fit in 150 ms; the 7th request is refused.
  expect(reached).toBe(4)
  expect(m.timedOut).toBe(true)
  expect(m.result).toBeInstanceOf(FunctionTimedOut)
  expect(m.simulatedMs).toBe(150)
  // Nothing after the deadline landed, and the open transaction did not commit.
  expect((await db.collection('items').where({}).count()).total).toBe(4)
  expect(await errorOf(db.collection('items').doc('in-tx').get())).toMatchObject({ errMsg: expect.stringMatching(/does not exist/) })
  // The next call starts with a fresh deadline.
  const next = await executor.call<any>(() => db.collection('items').doc('w0').get(), { deadlineMs: 150 })
  expect(next.timedOut).toBe(false)
  expect(next.result.data.i).toBe(0)
})
