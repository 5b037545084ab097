// Runs the real wx-server-sdk against an in-process document database. The SDK builds, validates and EJSON-encodes
// every request exactly as in production; only its transport, TcbDBApiHttpRequester.prototype.send in
// @cloudbase/node-sdk, is replaced. Every other way the SDK has of reaching the network is made to throw, because a
// real call without credentials rejects asynchronously and takes the Node process down with it.
//
// Modules are loaded with the test runner's `require` (never createRequire) so that the classes patched here are
// the very instances wx-server-sdk loads in the same Jest module registry.
import * as path from 'node:path'

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
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b))
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  if (ra === 1) return 0
  const ja = JSON.stringify(a)
  const jb = JSON.stringify(b)
  return ja < jb ? -1 : ja > jb ? 1 : 0
}

function getPath(doc: unknown, dotted: string): unknown {
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
        return (arg as unknown[]).some((a) => eqMatch(v, a))
      case '$nin':
        return !(arg as unknown[]).some((a) => eqMatch(v, a))
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

  constructor(private readonly EJSON: EjsonApi) {}

  reset(): void {
    this.seq = 0
    this.versions.clear()
    this.txs.clear()
    this.locks.clear()
    this.conflicted.clear()
  }

  handle(action: string, p: any): unknown {
    const requestId = `local-${++this.requestCounter}`
    switch (action) {
      case 'database.getDocument':
        return { requestId, data: { list: this.getDocument(p).map((d) => this.EJSON.stringify(d, { relaxed: false })) } }
      case 'database.calculateDocument':
        if (p.queryType !== 'WHERE') throw new Unsupported(`${action} with queryType ${p.queryType}`)
        return { requestId, data: { total: this.query(p.collectionName, this.parseQuery(p.query), null).length } }
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

  private query(coll: string, q: Record<string, unknown>, tx: Tx | null): JsonObject[] {
    const ids = new Set(this.versions.get(coll)?.keys() ?? [])
    if (tx) for (const w of tx.writes.values()) if (w.coll === coll) ids.add(w.id)
    const out: JsonObject[] = []
    for (const id of ids) {
      const doc = this.visible(coll, id, tx)
      if (doc && matches(doc, q)) out.push(doc)
    }
    return out
  }

  private getDocument(p: any): JsonObject[] {
    if (p.projection) throw new Unsupported('projection')
    const tx = this.txOf(p)
    if (p.queryType === 'DOC') {
      const doc = this.visible(p.collectionName, this.docIdOf(p), tx)
      return doc ? [clone(doc)] : []
    }
    if (p.queryType !== 'WHERE') throw new Unsupported(`database.getDocument with queryType ${p.queryType}`)
    // The cloud database allows only single-document operations in a transaction.
    if (tx) throw new Unsupported('where query inside a transaction')
    let docs = this.query(p.collectionName, this.parseQuery(p.query), tx)
    if (p.order) {
      const order = Object.entries(this.EJSON.parse(p.order) as Record<string, number>)
      docs.sort((a, b) => {
        for (const [field, dir] of order) {
          const c = compareValues(getPath(a, field), getPath(b, field))
          if (c !== 0) return dir < 0 ? -c : c
        }
        return 0
      })
    }
    const offset = Number(p.offset ?? 0)
    const limit = Math.min(Number(p.limit ?? 100), MAX_LIMIT)
    docs = docs.slice(offset, offset + limit)
    return docs.map(clone)
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

export interface LocalExecutor {
  /** Empties every collection and forgets open transactions. */
  reset(): void
  /** Restores the SDK's own transport. */
  uninstall(): void
  /** The actions the SDK sent, in order (e.g. 'database.insertDocument'). */
  readonly actions: string[]
  /** Puts a file in the stand-in cloud storage, as wx.cloud.uploadFile from the mini program would. */
  putFile(fileID: string): void
}

let installed: LocalExecutor | null = null

export function installLocalExecutor(): LocalExecutor {
  if (installed) throw new Error('local executor is installed already')
  const sdk = loadSdk()
  const mem = new MemoryDb(sdk.EJSON)
  const actions: string[] = []
  const proto = sdk.dbRequester.TcbDBApiHttpRequester.prototype
  const originalSend = proto.send
  const originals = sdk.networkExports.map((e) => ({ ...e, fn: e.module[e.name] }))

  proto.send = async function send(api: string, data?: any): Promise<unknown> {
    actions.push(api)
    // Yield a macrotask so concurrent requests interleave as they would over the network.
    await new Promise((resolve) => setImmediate(resolve))
    try {
      return mem.handle(api, { ...(data ?? {}), action: api })
    } catch (e) {
      // Like the real transport: an answer carrying `code` becomes a thrown TcbError.
      if (e instanceof ServerError) return sdk.processReturn({ code: e.code, message: e.message, requestId: 'local' })
      throw e
    }
  }
  // Cloud storage, as far as the product uses it: files "uploaded" by a test (putFile) and temporary URLs for them.
  const files = new Set<string>()
  for (const e of sdk.networkExports) {
    e.module[e.name] = async (args: any) => {
      const action = args?.params?.action
      if (action === 'storage.batchGetDownloadUrl') {
        actions.push(action)
        await new Promise((resolve) => setImmediate(resolve))
        const list = (args.params.file_list ?? []) as { fileid: string; max_age?: number }[]
        return {
          requestId: 'local',
          data: {
            download_list: list.map((f) =>
              files.has(f.fileid)
                ? {
                    fileID: f.fileid,
                    tempFileURL: `https://storage.local.invalid/${encodeURIComponent(f.fileid)}?max_age=${f.max_age ?? 0}`,
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

  installed = {
    actions,
    putFile: (fileID) => void files.add(fileID),
    reset() {
      mem.reset()
      files.clear()
      actions.length = 0
    },
    uninstall() {
      proto.send = originalSend
      for (const o of originals) o.module[o.name] = o.fn
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
