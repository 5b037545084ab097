// Runs the real wx-server-sdk against an in-process document database. The SDK builds, validates and EJSON-encodes
// every request exactly as in production; only its transport, TcbDBApiHttpRequester.prototype.send in
// @cloudbase/node-sdk, is replaced. Every other way the SDK has of reaching the network is made to throw, because a
// real call without credentials rejects asynchronously and takes the Node process down with it.
//
// Modules are loaded with the test runner's `require` (never createRequire) so that the classes patched here are
// the very instances wx-server-sdk loads in the same Jest module registry.
import { EventEmitter } from 'node:events'
import * as path from 'node:path'
import { Writable } from 'node:stream'
import { decodeOpenApiRequest, encodeOpenApiResponse, type OpenApiHandler } from './local-openapi'

type Json = null | boolean | number | string | Json[] | JsonObject
type JsonObject = { [k: string]: Json }

interface EjsonApi {
  parse(text: string, options?: { relaxed?: boolean }): any
  stringify(value: unknown, options?: { relaxed?: boolean }): string
}

interface SdkModules {
  dbRequester: { TcbDBApiHttpRequester: { prototype: { send: SendFn } } }
  /** Modules whose exported request functions are called as `module.fn(...)`, so patching the export intercepts. */
  networkExports: Array<{ module: Record<string, unknown>; name: string }>
  processReturn: (result: unknown) => unknown
  EJSON: EjsonApi
  /** The plain HTTP client the SDK uploads files to and downloads them from storage with. */
  requestCore: { request: (opts: any, cb: (err: unknown, res?: any, body?: unknown) => void) => unknown }
}

type SendFn = (api: string, data?: any, opts?: unknown) => Promise<unknown>

function loadSdk(): SdkModules {
  const wxMain = require.resolve('wx-server-sdk')
  const nodeSdkDist = path.dirname(require.resolve('@cloudbase/node-sdk', { paths: [path.dirname(wxMain)] }))
  const databaseMain = require.resolve('@cloudbase/database', { paths: [nodeSdkDist] })
  const bsonMain = require.resolve('bson', { paths: [path.dirname(databaseMain)] })
  const util = (name: string) => require(path.join(nodeSdkDist, 'utils', name))
  return {
    dbRequester: util('tcbdbapirequester.js'),
    networkExports: [
      { module: util('tcbapirequester.js'), name: 'request' },
      { module: util('tcbopenapirequester.js'), name: 'request' },
      { module: util('tcbopenapicommonrequester.js'), name: 'request' },
      { module: util('request.js'), name: 'extraRequest' },
    ],
    processReturn: util('utils.js').processReturn,
    EJSON: require(bsonMain).EJSON,
    requestCore: util('request-core.js'),
  }
}

const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT'
const FAILED = 'DATABASE_REQUEST_FAILED'
const MAX_LIMIT = 1000

/** A server-side failure: the executor answers `{ code, message }` like the real backend does. */
class ServerError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

class Unsupported extends Error {
  constructor(what: string) {
    super(`local executor: unsupported ${what}`)
  }
}

interface Version {
  seq: number
  /** null marks a deletion. */
  doc: JsonObject | null
}

interface PendingWrite {
  coll: string
  id: string
  doc: JsonObject | null
}

interface Tx {
  id: string
  snapshot: number
  writes: Map<string, PendingWrite>
}

const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function clone<T>(v: T): T {
  return structuredClone(v)
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    // BSON documents compare field order too.
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual(a[k], b[k]))
  }
  return false
}

/** MongoDB's cross-type sort order, for the types JSON can carry. */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (Array.isArray(v)) return 5
  if (typeof v === 'object') return 4
  if (typeof v === 'boolean') return 8
  return 9
}

function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (typeof a === 'number' && typeof b === 'number') return a - b
  // MongoDB's default (simple) collation compares UTF-8 bytes.
  if (typeof a === 'string' && typeof b === 'string') return compareUtf8(a, b)
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  if (ra === 1) return 0
  const ja = JSON.stringify(a)
  const jb = JSON.stringify(b)
  return ja < jb ? -1 : ja > jb ? 1 : 0
}

/**
 * UTF-8 byte order without encoding: UTF-16 code-unit order agrees with it except where a surrogate (a character
 * above U+FFFF) meets a character in U+E000–U+FFFF, and only then are the two strings encoded and compared.
 */
function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    if (x >= 0xd800 && y >= 0xd800 && x < 0xe000 !== y < 0xe000) return Buffer.compare(Buffer.from(a.slice(i)), Buffer.from(b.slice(i)))
    return x - y
  }
  return a.length - b.length
}

function getPath(doc: unknown, dotted: string): unknown {
  if (!dotted.includes('.')) return isPlainObject(doc) ? doc[dotted] : undefined
  let cur: unknown = doc
  for (const seg of dotted.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)]
    else if (isPlainObject(cur)) cur = cur[seg]
    else return undefined
  }
  return cur
}

function setPath(doc: JsonObject, dotted: string, value: Json): void {
  const segs = dotted.split('.')
  let cur: any = doc
  for (const seg of segs.slice(0, -1)) {
    if (!isPlainObject(cur[seg]) && !Array.isArray(cur[seg])) cur[seg] = {}
    cur = cur[seg]
  }
  cur[segs[segs.length - 1]] = value
}

function unsetPath(doc: JsonObject, dotted: string): void {
  const segs = dotted.split('.')
  const parent = segs.length === 1 ? doc : getPath(doc, segs.slice(0, -1).join('.'))
  if (isPlainObject(parent)) delete parent[segs[segs.length - 1]]
}

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'))
}

/** Equality with MongoDB semantics: null matches a missing field, and an array field matches any element. */
function eqMatch(v: unknown, x: unknown): boolean {
  if (x === null) return v === null || v === undefined || (Array.isArray(v) && v.some((e) => e === null))
  if (v === undefined) return false
  if (deepEqual(v, x)) return true
  return Array.isArray(v) && v.some((e) => deepEqual(e, x))
}

/** The scalar keys of an $in list whose values are all scalars (most are: ids), computed once per list. */
const scalarSets = new WeakMap<unknown[], Set<string> | null>()

/** `v` equals an element of `list` (MongoDB's $in), without comparing against each element when it can. */
function inList(v: unknown, list: unknown[]): boolean {
  let set = scalarSets.get(list)
  if (set === undefined) {
    const keys = list.map(scalarKey)
    set = keys.every((k) => k !== null) ? new Set(keys as string[]) : null
    scalarSets.set(list, set)
  }
  if (set) {
    if (Array.isArray(v)) return v.some((e) => (set as Set<string>).has(scalarKey(e) ?? ''))
    const k = scalarKey(v)
    return k !== null && set.has(k)
  }
  return list.some((a) => eqMatch(v, a))
}

function rangeMatch(v: unknown, x: unknown, test: (c: number) => boolean): boolean {
  const candidates = Array.isArray(v) ? v : [v]
  // Range operators only compare values of the same type class.
  return candidates.some((e) => typeRank(e) === typeRank(x) && e !== undefined && test(compareValues(e, x)))
}

function fieldMatches(v: unknown, cond: unknown): boolean {
  if (!isOperatorObject(cond)) return eqMatch(v, cond)
  return Object.entries(cond).every(([op, arg]) => {
    switch (op) {
      case '$eq':
        return eqMatch(v, arg)
      case '$ne':
        return !eqMatch(v, arg)
      case '$in':
        return inList(v, arg as unknown[])
      case '$nin':
        return !inList(v, arg as unknown[])
      case '$gt':
        return rangeMatch(v, arg, (c) => c > 0)
      case '$gte':
        return rangeMatch(v, arg, (c) => c >= 0)
      case '$lt':
        return rangeMatch(v, arg, (c) => c < 0)
      case '$lte':
        return rangeMatch(v, arg, (c) => c <= 0)
      case '$exists':
        return (v !== undefined) === Boolean(arg)
      default:
        throw new Unsupported(`query operator ${op}`)
    }
  })
}

function matches(doc: JsonObject, query: Record<string, unknown>): boolean {
  return Object.entries(query).every(([k, cond]) => {
    if (k === '$and') return (cond as Record<string, unknown>[]).every((q) => matches(doc, q))
    if (k === '$or') return (cond as Record<string, unknown>[]).some((q) => matches(doc, q))
    if (k === '$nor') return !(cond as Record<string, unknown>[]).some((q) => matches(doc, q))
    if (k.startsWith('$')) throw new Unsupported(`query operator ${k}`)
    return fieldMatches(getPath(doc, k), cond)
  })
}

function applyUpdate(doc: JsonObject, update: Record<string, unknown>): JsonObject {
  for (const [op, fields] of Object.entries(update)) {
    if (!isPlainObject(fields)) throw new ServerError(FAILED, `[InvalidParameter] ${op} needs an object`)
    for (const [field, value] of Object.entries(fields)) {
      if (field === '_id') throw new ServerError(FAILED, '[InvalidParameter] _id is immutable')
      switch (op) {
        case '$set':
          setPath(doc, field, clone(value))
          break
        case '$unset':
          unsetPath(doc, field)
          break
        case '$inc': {
          const cur = getPath(doc, field)
          if (typeof value !== 'number' || (cur !== undefined && typeof cur !== 'number'))
            throw new ServerError(FAILED, `[InvalidParameter] cannot $inc ${field}`)
          setPath(doc, field, ((cur as number | undefined) ?? 0) + value)
          break
        }
        default:
          throw new Unsupported(`update operator ${op}`)
      }
    }
  }
  return doc
}

function assertStorableKeys(v: unknown): void {
  if (Array.isArray(v)) v.forEach(assertStorableKeys)
  else if (isPlainObject(v))
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('$')) throw new ServerError(FAILED, `[InvalidParameter] field name ${k} must not start with $`)
      assertStorableKeys(x)
    }
}

/** The index key of a scalar, or null for values an equality index does not cover. */
function scalarKey(v: unknown): string | null {
  if (typeof v === 'string') return `s${v}`
  if (typeof v === 'number') return `n${v}`
  if (typeof v === 'boolean') return v ? 'T' : 'F'
  return null
}

/** The keys a stored value is found under: itself, or each element of an array (MongoDB's multikey index). */
function keysOfValue(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(scalarKey).filter((k): k is string => k !== null)
  const k = scalarKey(v)
  return k === null ? [] : [k]
}

/** The scalars a field condition can only match by equality ({f: x}, $eq, $in), or null when it is anything else. */
function equalityValues(cond: unknown): unknown[] | null {
  if (scalarKey(cond) !== null) return [cond]
  if (!isOperatorObject(cond)) return null
  const ops = Object.keys(cond)
  if (ops.includes('$eq')) return scalarKey(cond.$eq) === null ? null : [cond.$eq]
  if (ops.includes('$in') && Array.isArray(cond.$in) && cond.$in.every((x) => scalarKey(x) !== null)) return cond.$in
  return null
}

/**
 * The committed, live documents of one collection, with what a where query needs to avoid scanning all of them:
 * equality indexes built on a field's first use and kept up to date, and the ids in _id order. Only a plan: every
 * candidate is still tested with the full query, so a result never depends on the index.
 */
class CollectionIndex {
  readonly live = new Map<string, JsonObject>()
  private readonly byField = new Map<string, Map<string, Set<string>>>()
  private sorted: string[] | null = null
  /** The ids of recent ordered queries, valid while no write changes the collection (paging with skip repeats them). */
  private readonly answers = new Map<string, { version: number; ids: string[] }>()
  private version = 0

  put(id: string, doc: JsonObject | null): void {
    this.version++
    const old = this.live.get(id)
    for (const [field, idx] of this.byField) {
      if (old) for (const k of keysOfValue(getPath(old, field))) idx.get(k)?.delete(id)
      if (doc) for (const k of keysOfValue(getPath(doc, field))) this.add(idx, k, id)
    }
    if (doc) this.live.set(id, doc)
    else this.live.delete(id)
    if (this.sorted && !old !== !doc) {
      const at = this.lowerBound(id)
      if (doc) this.sorted.splice(at, 0, id)
      else if (this.sorted[at] === id) this.sorted.splice(at, 1)
    }
  }

  private add(idx: Map<string, Set<string>>, key: string, id: string): void {
    let set = idx.get(key)
    if (!set) idx.set(key, (set = new Set()))
    set.add(id)
  }

  /** The ids a query answered, if nothing was written since. */
  answered(key: string): string[] | null {
    const a = this.answers.get(key)
    return a && a.version === this.version ? a.ids : null
  }

  remember(key: string, ids: string[]): void {
    if (this.answers.size >= 16) this.answers.clear()
    this.answers.set(key, { version: this.version, ids })
  }

  /** The ids whose `field` may equal one of `values`. */
  candidates(field: string, values: unknown[]): Set<string> {
    if (field === '_id') return new Set(values.filter((v): v is string => typeof v === 'string' && this.live.has(v)))
    let idx = this.byField.get(field)
    if (!idx) {
      idx = new Map()
      for (const [id, doc] of this.live) for (const k of keysOfValue(getPath(doc, field))) this.add(idx, k, id)
      this.byField.set(field, idx)
    }
    if (values.length === 1) return idx.get(scalarKey(values[0]) as string) ?? new Set()
    const out = new Set<string>()
    for (const v of values) for (const id of idx.get(scalarKey(v) as string) ?? []) out.add(id)
    return out
  }

  /** Ids in ascending _id order (UTF-8 bytes, as the server sorts). */
  sortedIds(): string[] {
    if (!this.sorted) this.sorted = [...this.live.keys()].sort(compareUtf8)
    return this.sorted
  }

  /** The position of the first id not below `id`. */
  lowerBound(id: string): number {
    const ids = this.sortedIds()
    let lo = 0
    let hi = ids.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compareUtf8(ids[mid], id) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** Where a where-query's _id range lets a scan in _id order start. */
function idLowerBound(q: Record<string, unknown>): { id: string; inclusive: boolean } | null {
  const c = q._id
  if (!isOperatorObject(c)) return null
  if (typeof c.$gt === 'string') return { id: c.$gt, inclusive: false }
  if (typeof c.$gte === 'string') return { id: c.$gte, inclusive: true }
  return null
}

/** Request and answer sizes the executor saw, for benchmarks: see `LocalExecutor.counters`. */
export interface Counters {
  /** Database requests of any kind (reads, writes, transaction control). */
  requests: number
  /** getDocument and calculateDocument (count). */
  reads: number
  /** insertDocument, modifyDocument, removeDocument, inside a transaction or not. */
  writes: number
  /** Transactions started. */
  transactions: number
  /** Cloud storage requests (temporary URLs). */
  storage: number
  /** Bytes of the database's answers (the documents read, EJSON-encoded as the server sends them). */
  bytes: number
}

const zeroCounters = (): Counters => ({ requests: 0, reads: 0, writes: 0, transactions: 0, storage: 0, bytes: 0 })

/** An MVCC document store: committed versions per document, snapshot reads, first-writer-wins write locks. */
class MemoryDb {
  private seq = 0
  private txCounter = 0
  private idCounter = 0
  private requestCounter = 0
  private readonly versions = new Map<string, Map<string, Version[]>>()
  private readonly txs = new Map<string, Tx>()
  /** Document key → id of the open transaction holding an uncommitted write to it. */
  private readonly locks = new Map<string, string>()
  /** Transactions that ended without committing because of a conflict, so a later commit can say so. */
  private readonly conflicted = new Set<string>()
  private readonly indexes = new Map<string, CollectionIndex>()

  constructor(private readonly EJSON: EjsonApi) {}

  reset(): void {
    this.seq = 0
    this.versions.clear()
    this.indexes.clear()
    this.txs.clear()
    this.locks.clear()
    this.conflicted.clear()
  }

  /** Committed documents written straight into the store, as a restore would: no request, no transaction. */
  load(coll: string, docs: JsonObject[]): void {
    for (const doc of docs) {
      if (typeof doc._id !== 'string') throw new Unsupported('non-string _id')
      this.seq++
      this.append(coll, doc._id, { seq: this.seq, doc })
    }
  }

  /** Every document of a collection gone, as an administrator emptying it in the console would: no request. */
  drop(coll: string): void {
    this.versions.delete(coll)
    this.indexes.delete(coll)
  }

  /** Ends every open transaction, as the server does with those of a function it killed. */
  abortAll(): void {
    for (const tx of [...this.txs.values()]) this.end(tx, false)
  }

  /** The answer to one request, and the bytes of the documents it carries. */
  handle(action: string, p: any): { answer: unknown; bytes: number } {
    const requestId = `local-${++this.requestCounter}`
    if (action === 'database.getDocument') {
      const list = this.getDocument(p).map((d) => this.EJSON.stringify(d, { relaxed: false }))
      let bytes = 0
      for (const d of list) bytes += Buffer.byteLength(d)
      return { answer: { requestId, data: { list } }, bytes }
    }
    return { answer: this.handleOther(action, p, requestId), bytes: 0 }
  }

  private handleOther(action: string, p: any, requestId: string): unknown {
    switch (action) {
      case 'database.calculateDocument':
        if (p.queryType !== 'WHERE') throw new Unsupported(`${action} with queryType ${p.queryType}`)
        return { requestId, data: { total: this.count(p.collectionName, this.parseQuery(p.query)) } }
      case 'database.insertDocument':
        return { requestId, data: { insertedIds: this.insert(p) } }
      case 'database.modifyDocument':
        return { requestId, data: this.modify(p) }
      case 'database.removeDocument':
        return { requestId, data: { deleted: this.remove(p) } }
      case 'database.startTransaction': {
        const id = `local-tx-${++this.txCounter}`
        this.txs.set(id, { id, snapshot: this.seq, writes: new Map() })
        return { requestId, transactionId: id }
      }
      case 'database.commitTransaction':
        this.commit(p.transactionId)
        return { requestId }
      case 'database.abortTransaction':
        this.abort(p.transactionId)
        return { requestId }
      default:
        throw new Unsupported(action)
    }
  }

  private txOf(p: any): Tx | null {
    if (!p.transactionId) return null
    const tx = this.txs.get(p.transactionId)
    if (tx) return tx
    if (this.conflicted.has(p.transactionId))
      throw new ServerError(CONFLICT, `[TransactionConflict] transaction ${p.transactionId} was aborted by a write conflict`)
    throw new ServerError(FAILED, `[NoSuchTransaction] transaction ${p.transactionId} is not open`)
  }

  private docIdOf(p: any): string {
    if (p.queryType !== 'DOC') throw new Unsupported(`${p.action ?? 'request'} with queryType ${p.queryType}`)
    const q = this.EJSON.parse(p.query)
    const keys = Object.keys(q)
    if (keys.length !== 1 || keys[0] !== '_id' || typeof q._id !== 'string') throw new Unsupported(`document query ${p.query}`)
    return q._id
  }

  private parseQuery(query: unknown): Record<string, unknown> {
    if (query === undefined || query === null || query === '') return {}
    if (typeof query !== 'string') throw new Unsupported('non-EJSON query')
    return this.EJSON.parse(query)
  }

  private latest(coll: string, id: string): Version | undefined {
    const list = this.versions.get(coll)?.get(id)
    return list?.[list.length - 1]
  }

  private visible(coll: string, id: string, tx: Tx | null): JsonObject | null {
    if (tx) {
      const own = tx.writes.get(keyOf(coll, id))
      if (own) return own.doc
      const list = this.versions.get(coll)?.get(id) ?? []
      for (let i = list.length - 1; i >= 0; i--) if (list[i].seq <= tx.snapshot) return list[i].doc
      return null
    }
    return this.latest(coll, id)?.doc ?? null
  }

  private indexOf(coll: string): CollectionIndex {
    let idx = this.indexes.get(coll)
    if (!idx) this.indexes.set(coll, (idx = new CollectionIndex()))
    return idx
  }

  /** The smallest candidate set an equality condition on a top-level field gives, or null (every document). */
  private plan(idx: CollectionIndex, q: Record<string, unknown>): Set<string> | null {
    let best: Set<string> | null = null
    for (const [field, cond] of Object.entries(q)) {
      if (field.startsWith('$')) continue
      const values = equalityValues(cond)
      if (!values) continue
      const c = idx.candidates(field, values)
      if (!best || c.size < best.size) best = c
    }
    return best
  }

  /** Committed documents matching a where query (the cloud database runs where queries outside transactions). */
  private query(coll: string, q: Record<string, unknown>): JsonObject[] {
    const idx = this.indexOf(coll)
    const ids = this.plan(idx, q)
    const out: JsonObject[] = []
    if (ids) {
      for (const id of ids) {
        const doc = idx.live.get(id)
        if (doc && matches(doc, q)) out.push(doc)
      }
    } else for (const doc of idx.live.values()) if (matches(doc, q)) out.push(doc)
    return out
  }

  private count(coll: string, q: Record<string, unknown>): number {
    return this.query(coll, q).length
  }

  /**
   * A page in _id order without sorting the matches: walk the ids in order from the query's _id bound. Used when
   * no equality condition narrows the candidates much, as in a scan that pages with `_id > last`.
   */
  private pageById(coll: string, q: Record<string, unknown>, dir: number, offset: number, limit: number): JsonObject[] | null {
    const idx = this.indexOf(coll)
    const ids = this.plan(idx, q)
    if (ids && ids.size * 8 < idx.live.size) return null
    const sorted = idx.sortedIds()
    const bound = idLowerBound(q)
    if (!bound && dir > 0 && offset > 0) {
      // Paging with skip repeats the query with a growing offset: walk once, then answer each page from the list.
      const key = `${JSON.stringify(q)}\u0000_id`
      let ids = idx.answered(key)
      if (!ids) {
        ids = sorted.filter((id) => matches(idx.live.get(id) as JsonObject, q))
        idx.remember(key, ids)
      }
      return ids.slice(offset, offset + limit).map((id) => idx.live.get(id) as JsonObject)
    }
    const out: JsonObject[] = []
    let skip = offset
    const take = (id: string) => {
      const doc = idx.live.get(id) as JsonObject
      if (!matches(doc, q)) return true
      if (skip > 0) skip--
      else out.push(doc)
      return out.length < limit
    }
    if (dir > 0) {
      let i = bound ? idx.lowerBound(bound.id) : 0
      if (bound && !bound.inclusive && sorted[i] === bound.id) i++
      for (; i < sorted.length; i++) if (!take(sorted[i])) break
    } else for (let i = sorted.length - 1; i >= 0; i--) if (!take(sorted[i])) break
    return out
  }

  /** The stored documents a read answers; the caller encodes them at once (they are never handed out). */
  private getDocument(p: any): JsonObject[] {
    if (p.projection) throw new Unsupported('projection')
    const tx = this.txOf(p)
    if (p.queryType === 'DOC') {
      const doc = this.visible(p.collectionName, this.docIdOf(p), tx)
      return doc ? [doc] : []
    }
    if (p.queryType !== 'WHERE') throw new Unsupported(`database.getDocument with queryType ${p.queryType}`)
    // The cloud database allows only single-document operations in a transaction.
    if (tx) throw new Unsupported('where query inside a transaction')
    const q = this.parseQuery(p.query)
    const order = p.order ? Object.entries(this.EJSON.parse(p.order) as Record<string, number>) : []
    const offset = Number(p.offset ?? 0)
    const limit = Math.min(Number(p.limit ?? 100), MAX_LIMIT)
    if (order.length === 1 && order[0][0] === '_id') {
      const page = this.pageById(p.collectionName, q, order[0][1], offset, limit)
      if (page) return page
    }
    const idx = this.indexOf(p.collectionName)
    const key = `${p.query ?? ''}\u0000${p.order ?? ''}`
    let ids = idx.answered(key)
    if (!ids) {
      const docs = this.query(p.collectionName, q)
      if (order.length) {
        docs.sort((a, b) => {
          for (const [field, dir] of order) {
            const c = compareValues(getPath(a, field), getPath(b, field))
            if (c !== 0) return dir < 0 ? -c : c
          }
          return 0
        })
      }
      ids = docs.map((d) => d._id as string)
      idx.remember(key, ids)
    }
    return ids.slice(offset, offset + limit).map((id) => idx.live.get(id) as JsonObject)
  }

  /** Records a write: committed at once outside a transaction, or held under a write lock inside one. */
  private write(tx: Tx | null, coll: string, id: string, doc: JsonObject | null): void {
    const key = keyOf(coll, id)
    if (!tx) {
      this.seq++
      this.append(coll, id, { seq: this.seq, doc })
      return
    }
    // First writer wins, as in MongoDB: a document changed since the snapshot, or holding another open
    // transaction's uncommitted write, makes this transaction fail with a write conflict.
    const committed = this.latest(coll, id)
    const holder = this.locks.get(key)
    if ((committed && committed.seq > tx.snapshot) || (holder && holder !== tx.id)) {
      this.end(tx, true)
      throw new ServerError(CONFLICT, `[TransactionConflict] write conflict on ${coll}/${id}`)
    }
    this.locks.set(key, tx.id)
    tx.writes.set(key, { coll, id, doc })
  }

  private append(coll: string, id: string, v: Version): void {
    let byId = this.versions.get(coll)
    if (!byId) this.versions.set(coll, (byId = new Map()))
    const list = byId.get(id) ?? []
    list.push(v)
    byId.set(id, list)
    this.indexOf(coll).put(id, v.doc)
    this.prune(coll, id)
  }

  /** Keeps only the versions some open transaction's snapshot can still see. */
  private prune(coll: string, id: string): void {
    const byId = this.versions.get(coll)
    const list = byId?.get(id)
    if (!byId || !list) return
    let oldest = Infinity
    for (const tx of this.txs.values()) oldest = Math.min(oldest, tx.snapshot)
    let keepFrom = 0
    for (let i = 0; i < list.length; i++) if (list[i].seq <= oldest) keepFrom = i
    const kept = list.slice(keepFrom)
    if (kept.length === 1 && kept[0].doc === null && oldest === Infinity) byId.delete(id)
    else byId.set(id, kept)
  }

  private insert(p: any): string[] {
    const tx = this.txOf(p)
    const coll: string = p.collectionName
    const docs: JsonObject[] = (p.data as string[]).map((s) => this.EJSON.parse(s))
    const ids: string[] = []
    for (const doc of docs) {
      if (doc._id === undefined) doc._id = `local${(++this.idCounter).toString(16).padStart(28, '0')}`
      if (typeof doc._id !== 'string') throw new Unsupported('non-string _id')
      assertStorableKeys(doc)
      if (this.visible(coll, doc._id, tx) || ids.includes(doc._id))
        throw new ServerError(FAILED, `[FailedOperation] E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${doc._id}" }`)
      ids.push(doc._id)
    }
    for (const doc of docs) this.write(tx, coll, doc._id as string, doc)
    return ids
  }

  private modify(p: any): { updated: number; matched: number; upsert_id?: string } {
    const tx = this.txOf(p)
    const coll: string = p.collectionName
    const id = this.docIdOf(p)
    const data = this.EJSON.parse(p.data)
    const current = this.visible(coll, id, tx)
    if (!current && !p.upsert) return { updated: 0, matched: 0 }
    let next: JsonObject
    if (p.merge) {
      if (!isOperatorObject(data)) throw new ServerError(FAILED, '[InvalidParameter] merge update needs operators')
      next = applyUpdate(clone(current ?? { _id: id }), data)
    } else {
      if (isOperatorObject(data)) throw new ServerError(FAILED, '[InvalidParameter] replacement must not use operators')
      if ('_id' in data) throw new ServerError(FAILED, '[InvalidParameter] _id is immutable')
      assertStorableKeys(data)
      next = { _id: id, ...data }
    }
    this.write(tx, coll, id, next)
    return current ? { updated: 1, matched: 1 } : { updated: 0, matched: 0, upsert_id: id }
  }

  private remove(p: any): number {
    const tx = this.txOf(p)
    const coll: string = p.collectionName
    const id = this.docIdOf(p)
    if (!this.visible(coll, id, tx)) return 0
    this.write(tx, coll, id, null)
    return 1
  }

  private commit(txId: string): void {
    const tx = this.txOf({ transactionId: txId }) as Tx
    for (const w of tx.writes.values()) {
      const committed = this.latest(w.coll, w.id)
      // A non-transactional write may have landed on a locked document after this transaction wrote it.
      if (committed && committed.seq > tx.snapshot) {
        this.end(tx, true)
        throw new ServerError(CONFLICT, `[TransactionConflict] ${w.coll}/${w.id} changed since the transaction began`)
      }
    }
    this.seq++
    const writes = [...tx.writes.values()]
    this.end(tx, false)
    for (const w of writes) this.append(w.coll, w.id, { seq: this.seq, doc: w.doc })
  }

  private abort(txId: string): void {
    const tx = this.txs.get(txId)
    if (tx) this.end(tx, false)
  }

  private end(tx: Tx, conflict: boolean): void {
    this.txs.delete(tx.id)
    if (conflict) this.conflicted.add(tx.id)
    for (const key of tx.writes.keys()) if (this.locks.get(key) === tx.id) this.locks.delete(key)
    for (const w of tx.writes.values()) this.prune(w.coll, w.id)
  }
}

/**
 * Time on the executor's virtual clock (docs/DESIGN.md#budgets-and-how-they-are-measured): nothing sleeps; each
 * database or storage request moves the clock on by `latencyMs`, so a county-sized call is simulated in the real
 * time its CPU work takes.
 */
export interface SimulationOptions {
  /** Virtual milliseconds each database or storage request takes. */
  latencyMs: number
  /** Virtual milliseconds a call may run before its function is killed; none when absent. */
  deadlineMs?: number
  /** Where the virtual clock stands now (epoch milliseconds); it keeps its reading when absent. */
  startAt?: number
  /** Also move the clock by the CPU time the function's own code uses between requests (not deterministic). */
  countCpu?: boolean
}

/** What one call cost: see `LocalExecutor.call`. */
export interface CallMeasure<T> extends Counters {
  result: T
  /**
   * How far the virtual clock moved during the call: requests × latency when each is awaited before the next, less
   * where requests overlap (+ the function's CPU with countCpu).
   */
  simulatedMs: number
  /** CPU milliseconds spent outside the executor during the call: the function's own work (app, SDK encoding). */
  cpuMs: number
  /** The deadline passed: from then on every request was refused, as if the function had been killed. */
  timedOut: boolean
}

/** The error a request meets once its call is past the deadline (the function is being killed). */
export class FunctionTimedOut extends Error {
  constructor(readonly deadlineMs: number) {
    super(`local executor: Invoking task timed out after ${deadlineMs / 1000} seconds`)
  }
}

export interface LocalExecutor {
  /** Empties every collection and forgets open transactions (the counters and the clock stay). */
  reset(): void
  /** Restores the SDK's own transport. */
  uninstall(): void
  /** The actions the SDK sent, in order (e.g. 'database.insertDocument'). */
  readonly actions: string[]
  /** Puts a file in the stand-in cloud storage, as wx.cloud.uploadFile from the mini program would. */
  putFile(fileID: string, bytes?: Buffer): void
  /** The bytes stored under a fileID (uploaded by the server with cloud.uploadFile, or put by a test). */
  fileBytes(fileID: string): Buffer | undefined
  /**
   * Writes committed documents straight into a collection (a fixture: no request counted, no clock moved). The
   * documents are taken as they are, like an import; keep them to what JSON carries.
   */
  load(collection: string, docs: readonly { _id: string }[]): void
  /** Empties one collection straight in the storage (a fixture, e.g. a year without totals: no request counted). */
  drop(collection: string): void
  /** Sets latency, deadline and clock; applies to the requests and calls from now on. */
  simulate(options: SimulationOptions): void
  /** The virtual clock, to pass as the app's `deps.clock`. Without latency it stands still. */
  readonly clock: { now(): number }
  /** Moves the virtual clock on (e.g. to the next night). */
  advance(ms: number): void
  /** Running totals since installation. */
  readonly counters: Readonly<Counters>
  /**
   * Runs one cloud function invocation (handleCloudEvent or app.handle) as a call: counts its requests, and with
   * a deadline refuses every request once the call's virtual time would pass it. Calls do not nest.
   */
  call<T>(run: () => Promise<T>, options?: { deadlineMs?: number }): Promise<CallMeasure<T>>
  /** Answers cloud.openapi.* calls (e.g. subscribeMessage.send) with this handler; none: they throw. */
  answerOpenApi(handler: OpenApiHandler | null): void
}

let installed: LocalExecutor | null = null

const READS = new Set(['database.getDocument', 'database.calculateDocument'])
const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument'])

export function installLocalExecutor(): LocalExecutor {
  if (installed) throw new Error('local executor is installed already')
  const sdk = loadSdk()
  const mem = new MemoryDb(sdk.EJSON)
  const actions: string[] = []
  const proto = sdk.dbRequester.TcbDBApiHttpRequester.prototype
  const originalSend = proto.send
  const originals = sdk.networkExports.map((e) => ({ ...e, fn: e.module[e.name] }))
  const originalRequest = sdk.requestCore.request

  const counters = zeroCounters()
  let latencyMs = 0
  let defaultDeadline: number | undefined
  let countCpu = false
  let virtualNow = Date.now()
  /** The call being measured: when it began on the virtual clock, its deadline, and the real time of its function. */
  let current: { startedAt: number; deadlineMs?: number; timedOut: boolean; executorMs: number; mark: number } | null = null

  /** CPU milliseconds this process has used (user + system): unlike wall time, other processes do not inflate it. */
  const cpuNow = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
  /** With countCpu, moves the clock by the CPU time the function used since the last mark. */
  const syncCpu = () => {
    if (!current) return
    const t = cpuNow()
    if (countCpu) virtualNow += t - current.mark
    current.mark = t
  }

  /**
   * A request issued on the virtual network: refused once the call is past its deadline, else it starts now and
   * completes (see `arrive`) at its start + the latency. Requests in flight at once overlap: 10 issued together take
   * one latency, 10 awaited one after another take ten (docs/DESIGN.md#budgets-and-how-they-are-measured).
   * Returns the virtual time it started.
   */
  const issue = (): number => {
    syncCpu()
    const start = virtualNow
    if (current?.deadlineMs !== undefined) {
      const end = current.startedAt + current.deadlineMs
      if (current.timedOut || start + latencyMs > end) {
        current.timedOut = true
        virtualNow = Math.max(virtualNow, end)
        throw new FunctionTimedOut(current.deadlineMs)
      }
    }
    return start
  }
  /** A request's answer arrives: the clock stands at least at its start + the latency. */
  const arrive = (start: number) => {
    virtualNow = Math.max(virtualNow, start + latencyMs)
  }
  /** A request answered at once (storage): issued and arrived. Returns the CPU time at which the executor's own work began. */
  const enter = (): number => {
    arrive(issue())
    return cpuNow()
  }
  const leave = (began: number) => {
    if (!current) return
    const t = cpuNow()
    current.executorMs += t - began
    current.mark = t
  }

  proto.send = async function send(api: string, data?: any): Promise<unknown> {
    actions.push(api)
    const start = issue()
    // Yield a macrotask so concurrent requests interleave (and overlap on the clock) as they would over the network.
    await new Promise((resolve) => setImmediate(resolve))
    syncCpu()
    const began = cpuNow()
    counters.requests++
    if (READS.has(api)) counters.reads++
    else if (WRITES.has(api)) counters.writes++
    else if (api === 'database.startTransaction') counters.transactions++
    try {
      const { answer, bytes } = mem.handle(api, { ...(data ?? {}), action: api })
      counters.bytes += bytes
      return answer
    } catch (e) {
      // Like the real transport: an answer carrying `code` becomes a thrown TcbError.
      if (e instanceof ServerError) return sdk.processReturn({ code: e.code, message: e.message, requestId: 'local' })
      throw e
    } finally {
      arrive(start)
      leave(began)
    }
  }
  // Cloud storage, as far as the product uses it: files "uploaded" by a test (putFile) or by the server
  // (cloud.uploadFile: upload metadata, then a PUT of the bytes), temporary URLs for them, and downloads.
  const files = new Map<string, Buffer>()
  let openApi: OpenApiHandler | null = null
  const STORAGE = 'https://storage.local.invalid/'
  for (const e of sdk.networkExports) {
    e.module[e.name] = async (args: any) => {
      const action = args?.params?.action
      if (action === 'wx.openApi' && openApi) {
        actions.push(`openapi.${args.params.apiName}`)
        await new Promise((resolve) => setImmediate(resolve))
        return encodeOpenApiResponse(await openApi(decodeOpenApiRequest(args.params.apiName, Buffer.from(args.params.requestData))))
      }
      if (action === 'storage.getUploadMetadata') {
        actions.push(action)
        await new Promise((resolve) => setImmediate(resolve))
        leave(enter())
        counters.storage++
        const fileId = `cloud://local-test.local/${args.params.path}`
        return {
          requestId: 'local',
          data: { url: `${STORAGE}${encodeURIComponent(fileId)}`, token: 'local', authorization: 'local', fileId, cosFileId: 'local' },
        }
      }
      if (action === 'storage.batchGetDownloadUrl') {
        actions.push(action)
        await new Promise((resolve) => setImmediate(resolve))
        const began = enter()
        counters.storage++
        const list = (args.params.file_list ?? []) as { fileid: string; max_age?: number }[]
        leave(began)
        return {
          requestId: 'local',
          data: {
            download_list: list.map((f) =>
              files.has(f.fileid)
                ? {
                    fileID: f.fileid,
                    tempFileURL: `${STORAGE}${encodeURIComponent(f.fileid)}?max_age=${f.max_age ?? 0}`,
                    code: 'SUCCESS',
                    maxAge: f.max_age,
                  }
                : { fileID: f.fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge: f.max_age },
            ),
          },
        }
      }
      throw new Unsupported(action ?? args?.url ?? e.name)
    }
  }
  // The storage's own HTTP: a PUT of an upload's bytes, a GET of a temporary URL; nothing else leaves the process.
  sdk.requestCore.request = (opts: any, cb) => {
    const url = String(opts?.url ?? '')
    if (!url.startsWith(STORAGE)) throw new Unsupported(`request ${url}`)
    const method = String(opts.method).toLowerCase()
    // downloadFile passes the temporary URL through encodeURI once more.
    const path = url.slice(STORAGE.length).split('?')[0]
    const fileID = decodeURIComponent(method === 'get' ? decodeURI(path) : path)
    actions.push(`storage.${method}`)
    leave(enter())
    counters.storage++
    if (method === 'put') {
      const chunks: Buffer[] = []
      return new Writable({
        write(chunk, _enc, done) {
          chunks.push(Buffer.from(chunk))
          done()
        },
        final(done) {
          files.set(fileID, Buffer.concat(chunks))
          setImmediate(() => cb(null, { statusCode: 200, headers: {} }, ''))
          done()
        },
      })
    }
    const bytes = files.get(fileID)
    setImmediate(() => cb(null, { statusCode: bytes ? 200 : 404, headers: {} }, bytes ?? Buffer.alloc(0)))
    return new EventEmitter()
  }

  installed = {
    actions,
    answerOpenApi(handler) {
      openApi = handler
    },
    putFile: (fileID, bytes) => void files.set(fileID, bytes ?? Buffer.alloc(0)),
    fileBytes: (fileID) => files.get(fileID),
    load(collection, docs) {
      mem.load(collection, docs as unknown as JsonObject[])
    },
    drop(collection) {
      mem.drop(collection)
    },
    simulate(options) {
      latencyMs = Math.max(0, options.latencyMs)
      defaultDeadline = options.deadlineMs
      countCpu = options.countCpu ?? false
      if (options.startAt !== undefined) virtualNow = options.startAt
    },
    clock: {
      now() {
        syncCpu()
        return virtualNow
      },
    },
    advance(ms) {
      virtualNow += ms
    },
    counters,
    async call(run, options = {}) {
      if (current) throw new Error('local executor: calls are measured one at a time')
      const before = { ...counters }
      const t0 = cpuNow()
      const call = { startedAt: virtualNow, deadlineMs: options.deadlineMs ?? defaultDeadline, timedOut: false, executorMs: 0, mark: t0 }
      current = call
      let result: Awaited<ReturnType<typeof run>>
      try {
        result = await run()
      } finally {
        syncCpu()
        current = null
        // A killed function's open transactions are rolled back by the server.
        if (call.timedOut) mem.abortAll()
      }
      const delta = Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, v - before[k as keyof Counters]])) as unknown as Counters
      return {
        ...delta,
        result,
        simulatedMs: virtualNow - call.startedAt,
        cpuMs: cpuNow() - t0 - call.executorMs,
        timedOut: call.timedOut,
      }
    },
    reset() {
      mem.reset()
      files.clear()
      actions.length = 0
    },
    uninstall() {
      proto.send = originalSend
      for (const o of originals) o.module[o.name] = o.fn
      sdk.requestCore.request = originalRequest
      installed = null
    },
  }
  return installed
}

/** The SDK as a cloud function sees it, wired to the local executor. */
export function createTestCloud(dbConfig: { throwOnNotFound?: boolean } = {}): { cloud: any; db: any } {
  if (!installed) throw new Error('call installLocalExecutor() first, or the SDK would reach the network')
  const cloud = require('wx-server-sdk')
  cloud.init({ env: 'local-test' })
  return { cloud, db: cloud.database(dbConfig) }
}
