// The production store: the WeChat cloud database through wx-server-sdk. The SDK object is passed in, so this
// file never imports wx-server-sdk and the domain stays free of it.
import {
  DocumentExists,
  OneOf,
  TransactionContended,
  assertField,
  assertFilterValue,
  assertPageOptions,
  type Collection,
  type Doc,
  type DocMap,
  type FieldsOptions,
  type Filter,
  type FindOptions,
  type PageOptions,
  type Picked,
  type Store,
  type TxStore,
} from '../../ports/store.port'
import type { Documents } from '../../model/documents'

/** The server caps one `get()` at 1000 documents (and returns 100 without `limit()`). */
const PAGE = 1000
const TX_ATTEMPTS = 8

/** A transaction still hit write conflicts after every retry. */
export class TransactionConflictError extends TransactionContended {
  constructor(
    readonly attempts: number,
    readonly cause?: unknown,
  ) {
    super(`transaction kept conflicting after ${attempts} attempts`)
  }
}

/** Thrown inside a transaction to make `transaction()` start it over. */
class RetryTransaction extends Error {}

interface SdkError {
  code?: unknown
  errCode?: unknown
  errMsg?: unknown
  message?: unknown
}

function sdkError(e: unknown): SdkError | null {
  return typeof e === 'object' && e !== null ? e : null
}

function textOf(e: SdkError): string {
  return `${typeof e.errMsg === 'string' ? e.errMsg : ''} ${typeof e.message === 'string' ? e.message : ''}`
}

/** Only errors the SDK produced: raw backend errors carry a string `code`, wrapped ones a numeric `errCode`. */
function fromSdk(e: SdkError): boolean {
  return typeof e.code === 'string' || typeof e.errCode === 'number'
}

/** wx-server-sdk's own message for `doc().get()` on a missing document when `throwOnNotFound` is on (default). */
function isNotFound(e: unknown): boolean {
  const s = sdkError(e)
  return !!s && typeof s.errCode === 'number' && /document with _id .* does not exist/.test(textOf(s))
}

function isDuplicateKey(e: unknown): boolean {
  const s = sdkError(e)
  return !!s && fromSdk(s) && /E11000|duplicate key/i.test(textOf(s))
}

/** A generic database failure, for which `create` checks whether the id is taken. */
function isDatabaseFailure(e: unknown): boolean {
  const s = sdkError(e)
  return !!s && (s.code === 'DATABASE_REQUEST_FAILED' || s.errCode === -502001)
}

/**
 * A write conflict. The SDK rethrows a failed commit with `code`, but an operation inside the transaction that
 * fails is rewrapped with a numeric errCode, so the backend's message is all that identifies it.
 */
function isConflict(e: unknown): boolean {
  if (e instanceof RetryTransaction) return true
  const s = sdkError(e)
  if (!s) return false
  if (s.code === 'DATABASE_TRANSACTION_CONFLICT') return true
  return fromSdk(s) && /TransactionConflict|transaction conflict|WriteConflict/i.test(textOf(s))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function dataOf(doc: Doc): Record<string, unknown> {
  const data: Record<string, unknown> = { ...doc }
  delete data._id
  // The SDK refuses an empty `set`; a document must carry at least one field besides _id.
  if (Object.keys(data).length === 0) throw new Error('a document needs at least one field besides _id')
  return data
}

/** Stores any documents; `M` says which type each collection holds (the application's `Documents` by default). */
// biome-ignore lint/suspicious/noExplicitAny: wx-server-sdk declares no types for its database, transactions and references
export function createWxStore<M extends DocMap = Documents>(db: any): Store<M> {
  const _ = db.command

  const toWhere = (filter: Filter): Record<string, unknown> | null => {
    const where: Record<string, unknown> = {}
    for (const [field, value] of Object.entries(filter)) {
      if (field !== '_id') assertField(field)
      assertFilterValue(value)
      if (value instanceof OneOf) {
        if (value.values.length === 0) return null // matches nothing
        where[field] = _.in([...value.values])
      } else {
        where[field] = value
      }
    }
    return where
  }

  // The SDK's answers are untyped (`any`): the storage boundary, where a collection's documents become M[C].
  // biome-ignore lint/suspicious/noExplicitAny: wx-server-sdk declares no types for its database, transactions and references
  const getDoc = async <C extends Collection>(_coll: C, ref: any): Promise<M[C] | null> => {
    try {
      const res = await ref.get()
      return res.data ?? null
    } catch (e) {
      if (isNotFound(e)) return null
      throw e
    }
  }

  const create = async (coll: Collection, doc: Doc): Promise<void> => {
    try {
      await db.collection(coll).add({ data: doc })
    } catch (e) {
      if (isDuplicateKey(e)) throw new DocumentExists(coll, doc._id)
      // The backend's wording for a duplicate id is not a documented contract; an id that now exists is.
      if (isDatabaseFailure(e) && (await getDoc(coll, db.collection(coll).doc(doc._id)))) throw new DocumentExists(coll, doc._id)
      throw e
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: wx-server-sdk declares no types for its database, transactions and references
  const txStore = (t: any): TxStore<M> => ({
    get: (coll, id) => getDoc(coll, t.collection(coll).doc(id)),
    async create(coll, doc) {
      // Inside a transaction the cloud database offers collection.add and doc().get/set/update/remove; this SDK
      // sends add as insertDocument with the transactionId. The read first reports an existing id without a
      // failed write, which could leave the transaction unusable. If the add still meets the id, another writer
      // inserted it after our snapshot: start over, and the next attempt's read reports DocumentExists.
      if (await getDoc(coll, t.collection(coll).doc(doc._id))) throw new DocumentExists(coll, doc._id)
      try {
        await t.collection(coll).add({ data: doc })
      } catch (e) {
        if (isDuplicateKey(e)) throw new RetryTransaction(`${coll}/${doc._id} appeared during the transaction`)
        throw e
      }
    },
    async set(coll, doc) {
      await t
        .collection(coll)
        .doc(doc._id)
        .set({ data: dataOf(doc) })
    },
  })

  function findPage<C extends Collection, F extends keyof M[C] & string>(coll: C, filter: Filter, opts: FieldsOptions<F>): Promise<Picked<M[C], F>[]>
  function findPage<C extends Collection>(coll: C, filter: Filter, opts: PageOptions): Promise<M[C][]>
  async function findPage(coll: Collection, filter: Filter, opts: PageOptions & { fields?: readonly string[] }): Promise<Doc[]> {
    assertPageOptions(filter, opts)
    const where = toWhere(filter)
    if (!where) return []
    // A range on the key instead of skip(): each page costs the same however deep the scan is, and a scan can
    // resume from the last key in a later invocation. `$gt` compares strings with strings only, so a document
    // without a string key is never answered when paging `by` a field.
    const key = opts.by ?? '_id'
    if (opts.by !== undefined) where[opts.by] = _.gt(opts.after ?? '')
    else if (opts.after !== undefined) where._id = _.gt(opts.after)
    const docs: (Doc & Record<string, unknown>)[] = (await db.collection(coll).where(where).orderBy(key, 'asc').limit(opts.limit).get()).data
    const fields = opts.fields
    if (!fields) return docs
    // Fields are picked here rather than with .field(), so that missing and null values come back alike.
    return docs.map((d) => {
      const out: Doc & Record<string, unknown> = { _id: d._id }
      for (const f of fields) {
        const v = d[f]
        if (v !== undefined && v !== null) out[f] = v
      }
      return out
    })
  }

  const store: Store<M> = {
    get: (coll, id) => getDoc(coll, db.collection(coll).doc(id)),
    create,
    async set(coll, doc) {
      await db
        .collection(coll)
        .doc(doc._id)
        .set({ data: dataOf(doc) })
    },

    async remove(coll, id) {
      // A missing document is not an error: removing twice leaves the same state.
      await db.collection(coll).doc(id).remove()
    },

    async find<C extends Collection>(coll: C, filter: Filter, opts: FindOptions = {}): Promise<M[C][]> {
      const where = toWhere(filter)
      const want = opts.limit ?? Infinity
      if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 0)) throw new Error('limit must be a non-negative integer')
      if (opts.orderBy && opts.orderBy.field !== '_id') assertField(opts.orderBy.field)
      // The SDK reads `limit(0)` as "no limit" (100).
      if (!where || want === 0) return []

      let base = db.collection(coll).where(where)
      if (opts.orderBy && opts.orderBy.field !== '_id') base = base.orderBy(opts.orderBy.field, opts.orderBy.dir)
      // _id breaks ties so that pages do not overlap or skip documents.
      base = base.orderBy('_id', opts.orderBy?.field === '_id' ? opts.orderBy.dir : 'asc')

      const out: M[C][] = []
      while (out.length < want) {
        const size = Math.min(PAGE, want - out.length)
        const page: M[C][] = (await (out.length ? base.skip(out.length) : base).limit(size).get()).data
        out.push(...page)
        if (page.length < size) break
      }
      return out
    },

    findPage,

    async count(coll, filter) {
      const where = toWhere(filter)
      if (!where) return 0
      const res = await db.collection(coll).where(where).count()
      return res.total
    },

    async createIfAbsent(coll, doc) {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          await create(coll, doc)
          return { created: true, doc }
        } catch (e) {
          if (!(e instanceof DocumentExists)) throw e
        }
        const existing = await getDoc(coll, db.collection(coll).doc(doc._id))
        if (existing) return { created: false, doc: existing }
        // Removed between the two calls: try again.
      }
      throw new Error(`${coll}/${doc._id} keeps appearing and disappearing`)
    },

    async transaction<R>(fn: (tx: TxStore<M>) => Promise<R>): Promise<R> {
      // Only single-document get/add/set inside: `where().update()`, `where().remove()` and `count()` would run
      // outside the transaction. The SDK itself retries a commit that conflicts; this loop also covers conflicts
      // raised by an operation, which the SDK does not retry.
      let last: unknown
      for (let attempt = 1; attempt <= TX_ATTEMPTS; attempt++) {
        try {
          // biome-ignore lint/suspicious/noExplicitAny: wx-server-sdk declares no types for its database, transactions and references
          return await db.runTransaction((t: any) => fn(txStore(t)))
        } catch (e) {
          if (!isConflict(e)) throw e
          last = e
          await sleep(Math.random() * Math.min(10 * 2 ** attempt, 250))
        }
      }
      throw new TransactionConflictError(TX_ATTEMPTS, last)
    },

    async close() {},
  }
  return store
}
