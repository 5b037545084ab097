import { createTestCloud, installLocalExecutor, type LocalExecutor } from './local-executor'

let executor: LocalExecutor
let cloud: any
let db: any

beforeAll(() => {
  executor = installLocalExecutor()
  ;({ cloud, db } = createTestCloud())
})
afterAll(() => executor.uninstall())
beforeEach(() => executor.reset())

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
