// The embedded local default: one SQLite file, WAL with synchronous=FULL so an acknowledged write survives a
// kill. Each collection is a table of JSON documents keyed by `_id`, with expression indexes on the fields the
// application queries (INDEXES in the port).
import Database from 'better-sqlite3'
import {
  COLLECTIONS,
  INDEXES,
  DocumentExists,
  OneOf,
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

/** Serialises writers: better-sqlite3 has one connection, so an open transaction must not interleave with others. */
class Mutex {
  private tail: Promise<void> = Promise.resolve()
  run<R>(fn: () => Promise<R>): Promise<R> {
    const result = this.tail.then(fn)
    this.tail = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }
}

/**
 * Collections that grow by one document per event (attendances: one per check-in; the audit trail) are rowid
 * tables with `id` as a unique key; every other collection is a WITHOUT ROWID table clustered on `id`. Their ids
 * are hashes or random, so clustered on `id` every new document lands on a random page of the table and of each
 * field index (keyed (value, id)), and a group commit of 30 check-ins wrote and synced ~7 pages per check-in.
 * In rowid order the documents, and the index entries of fields shared by the batch (activityId,
 * estateBranchId), go to the end of their range and share a few pages; only the `id` key and selective fields
 * (memberId) stay random. The COMMIT (fsync'd, on the event loop) then takes about half as long, and so does
 * the checkpoint that SQLite runs inside every few COMMITs. The cost is one more b-tree probe per lookup by id,
 * and a `findPage` filtered on a field would sort rather than walk that index in `_id` order, so the collections
 * scanned by pages (ledger, members, totals, unitScores) keep the clustered layout. A database created before
 * this keeps its tables as they are: both layouts answer the same statements.
 */
const APPEND_ORDERED: ReadonlySet<Collection> = new Set<Collection>(['attendances', 'audit'])

/** Fields whose values are shared by a large part of a collection: a poor index when a better one applies. */
const COARSE = new Set(['year', 'status', 'kind'])

/**
 * Scans served from a projection rather than from the documents. The whole-county tally reads the year's ledger
 * in `_id` order for only these fields (`findPage` with exactly these `fields` and the filter `{ year }`,
 * server/queries/scores.ts). From the documents every entry is parsed again on each tally; an index on
 * expressions does not avoid that work either, as SQLite still seeks every row of a WITHOUT ROWID table that
 * such an index covers. So triggers keep a table `"<coll>.<field>"` of (value, id, a JSON array of the id and
 * the picked fields), written in the same statement as the document, and the scan reads that table's key range
 * alone, one text per entry (docs/DESIGN.md#storage-and-the-two-backends). Documents without the field are not
 * in it (a `null` filter is answered from the documents), nor is any other scan. Each ledger entry written costs
 * about 10 µs more; every tally then reads it about 1.5 µs faster.
 */
const CARRIED: readonly { coll: Collection; field: string; fields: readonly string[] }[] = [
  { coll: 'ledger', field: 'year', fields: ['memberId', 'itemCode', 'category', 'points', 'rulesetId'] },
]

/**
 * The column `findPage` selects for `fields`: one multi-path json_extract parses the document once and returns a
 * JSON array that keeps the types (one path alone would return the bare value, so it is wrapped).
 */
function pickedColumn(fields: readonly string[]): string {
  if (fields.length === 0) return 'NULL'
  if (fields.length === 1) return `json_array(doc -> '$.${fields[0]}')`
  return `json_extract(doc, ${fields.map((f) => `'$.${f}'`).join(', ')})`
}

/** Creates a CARRIED table and its triggers (filled from the documents when new, rebuilt when its fields changed); returns its name. */
function ensureCarried(db: Database.Database, c: (typeof CARRIED)[number]): string {
  for (const f of [c.field, ...c.fields]) assertField(f)
  const name = `${c.coll}.${c.field}`
  const table = `"${name}"`
  const key = (row: string) => `json_extract(${row}.doc, '$.${c.field}')`
  // `->` yields JSON (null when the path is missing), which json_array keeps as it is, as json_extract would.
  const picked = (row: string) => `json_array(${row}.id, ${c.fields.map((f) => `${row}.doc -> '$.${f}'`).join(', ')})`
  const add = `INSERT INTO ${table} (k, id, picked) SELECT ${key('new')}, new.id, ${picked('new')} WHERE ${key('new')} IS NOT NULL;`
  const remove = `DELETE FROM ${table} WHERE k = ${key('old')} AND id = old.id;`
  const triggers: [string, string][] = [
    [`${name}+`, `AFTER INSERT ON ${tableOf(c.coll)} BEGIN ${add} END`],
    [`${name}~`, `AFTER UPDATE OF doc ON ${tableOf(c.coll)} BEGIN ${remove} ${add} END`],
    [`${name}-`, `AFTER DELETE ON ${tableOf(c.coll)} BEGIN ${remove} END`],
  ]
  const sqlOf = (t: string, body: string) => `CREATE TRIGGER "${t}" ${body}`
  const stored = new Map(
    (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").all(c.coll) as { name: string; sql: string }[]).map(
      (r) => [r.name, r.sql],
    ),
  )
  if (triggers.every(([t, body]) => stored.get(t) === sqlOf(t, body))) return name
  db.transaction(() => {
    for (const [t] of triggers) db.exec(`DROP TRIGGER IF EXISTS "${t}"`)
    db.exec(`DROP TABLE IF EXISTS ${table}`)
    db.exec(`CREATE TABLE ${table} (k NOT NULL, id TEXT NOT NULL, picked, PRIMARY KEY (k, id)) WITHOUT ROWID`)
    for (const [t, body] of triggers) db.exec(sqlOf(t, body))
    const doc = 'd'
    db.exec(
      `INSERT INTO ${table} (k, id, picked) SELECT ${key(doc)}, ${doc}.id, ${picked(doc)} FROM ${tableOf(c.coll)} AS ${doc} WHERE ${key(doc)} IS NOT NULL`,
    )
  })()
  return name
}

function tableOf(coll: Collection): string {
  if (!COLLECTIONS.some((c) => c === coll)) throw new Error(`unknown collection ${coll}`)
  return `"${coll}"`
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/** JSON stores booleans true/false, which SQLite's json_extract yields 1/0. */
function sqlValue(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v
}

export interface SqliteStore<M extends DocMap = Documents> extends Store<M> {
  readonly db: Database.Database
  /** A consistent online copy of the database (SQLite's backup API) while it keeps serving. */
  backup(toFile: string): Promise<void>
}

/** Stores any documents; `M` says which type each collection holds (the application's `Documents` by default). */
export function openSqliteStore<M extends DocMap = Documents>(file: string): SqliteStore<M> {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = OFF')
  const wanted = new Set<string>()
  for (const coll of COLLECTIONS) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${tableOf(coll)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)${APPEND_ORDERED.has(coll) ? '' : ' WITHOUT ROWID'}`)
    for (const field of INDEXES[coll]) {
      assertField(field)
      wanted.add(`ix_${coll}_${field}`)
      db.exec(`CREATE INDEX IF NOT EXISTS "ix_${coll}_${field}" ON ${tableOf(coll)} (json_extract(doc, '$.${field}'))`)
    }
  }
  // An index dropped from INDEXES is dropped from an existing database too: every write would still pay for it.
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix\\_%' ESCAPE '\\'").all() as {
    name: string
  }[]) {
    if (!wanted.has(name)) db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`)
  }

  const carried = CARRIED.map((c) => ({ ...c, table: `"${ensureCarried(db, c)}"` }))
  /** The CARRIED table that answers this scan, if any. */
  const carrierOf = (coll: Collection, filter: Filter, fields: readonly string[]) => {
    const keys = Object.keys(filter)
    if (keys.length !== 1) return undefined
    const value = filter[keys[0]]
    if (value === null || value instanceof OneOf) return undefined
    return carried.find(
      (c) => c.coll === coll && c.field === keys[0] && c.fields.length === fields.length && c.fields.every((f, i) => f === fields[i]),
    )
  }

  const stmtCache = new Map<string, Database.Statement>()
  const prep = (sql: string) => {
    let st = stmtCache.get(sql)
    if (!st) {
      st = db.prepare(sql)
      stmtCache.set(sql, st)
    }
    return st
  }

  const getSync = <C extends Collection>(coll: C, id: string): M[C] | null => {
    const row = prep(`SELECT doc FROM ${tableOf(coll)} WHERE id = ?`).get(id) as { doc: string } | undefined
    // The storage boundary: the table of `coll` holds only the documents written to it, typed M[C].
    return row ? (JSON.parse(row.doc) as M[C]) : null
  }
  const createSync = (coll: Collection, doc: Doc) => {
    try {
      prep(`INSERT INTO ${tableOf(coll)} (id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(doc))
    } catch (e) {
      if (isUniqueViolation(e)) throw new DocumentExists(coll, doc._id)
      throw e
    }
  }
  const setSync = (coll: Collection, doc: Doc) => {
    prep(`INSERT INTO ${tableOf(coll)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`).run(doc._id, JSON.stringify(doc))
  }

  const conditions = (coll: Collection, filter: Filter): { parts: string[]; params: unknown[] } => {
    const parts: string[] = []
    const params: unknown[] = []
    // Without statistics (the app never runs ANALYZE) SQLite may pick the index of a coarse field over a
    // selective one, e.g. `year` over `memberId IN (…)`, and read the whole year for every lookup. A coarse
    // field next to an indexed selective one is therefore written `+expr`, which no index serves.
    const fields = Object.keys(filter)
    const steer = fields.some((f) => f === '_id' || (!COARSE.has(f) && INDEXES[coll].includes(f)))
    for (const [field, value] of Object.entries(filter)) {
      assertFilterValue(value)
      if (field !== '_id') assertField(field)
      const col = field === '_id' ? 'id' : `${steer && COARSE.has(field) ? '+' : ''}json_extract(doc, '$.${field}')`
      if (value instanceof OneOf) {
        if (value.values.length === 0) {
          parts.push('0')
          continue
        }
        parts.push(`${col} IN (${value.values.map(() => '?').join(',')})`)
        params.push(...value.values.map(sqlValue))
      } else if (value === null) {
        parts.push(`${col} IS NULL`)
      } else {
        parts.push(`${col} = ?`)
        params.push(sqlValue(value))
      }
    }
    return { parts, params }
  }
  const where = (coll: Collection, filter: Filter): { sql: string; params: unknown[] } => {
    const { parts, params } = conditions(coll, filter)
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
  }

  const writes = new Mutex()
  // Group commit: the transactions that queued up while the previous COMMIT was syncing share one COMMIT (one
  // fsync). Each runs in its own savepoint, so one that throws is rolled back alone; none is answered before
  // the COMMIT has returned.
  type Job = { fn: (tx: TxStore<M>) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  const queue: Job[] = []
  let scheduled = false
  const drain = async () => {
    scheduled = false
    while (queue.length) {
      const batch = queue.splice(0, 100)
      const outcomes: { ok: boolean; v: unknown }[] = []
      try {
        db.exec('BEGIN IMMEDIATE')
      } catch (e) {
        // e.g. SQLITE_BUSY after busy_timeout: these transactions fail, the ones queued behind them still run.
        for (const j of batch) j.reject(e)
        continue
      }
      for (const job of batch) {
        db.exec('SAVEPOINT t')
        try {
          const v = await job.fn(txApi)
          db.exec('RELEASE t')
          outcomes.push({ ok: true, v })
        } catch (e) {
          db.exec('ROLLBACK TO t')
          db.exec('RELEASE t')
          outcomes.push({ ok: false, v: e })
        }
      }
      try {
        db.exec('COMMIT')
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK')
        for (const j of batch) j.reject(e)
        continue
      }
      batch.forEach((j, i) => {
        if (outcomes[i].ok) j.resolve(outcomes[i].v)
        else j.reject(outcomes[i].v)
      })
    }
  }
  const txApi: TxStore<M> = {
    get: async (coll, id) => getSync(coll, id),
    create: async (coll, doc) => createSync(coll, doc),
    set: async (coll, doc) => setSync(coll, doc),
  }

  function findPage<C extends Collection, F extends keyof M[C] & string>(coll: C, filter: Filter, opts: FieldsOptions<F>): Promise<Picked<M[C], F>[]>
  function findPage<C extends Collection>(coll: C, filter: Filter, opts: PageOptions): Promise<M[C][]>
  async function findPage(coll: Collection, filter: Filter, opts: PageOptions & { fields?: readonly string[] }): Promise<Doc[]> {
    assertPageOptions(filter, opts)
    const fields = opts.fields
    const carrier = fields && opts.by === undefined && carrierOf(coll, filter, fields)
    if (fields && carrier) {
      const after = opts.after !== undefined ? ' AND id > ?' : ''
      const texts = prep(`SELECT picked FROM ${carrier.table} WHERE k = ?${after} ORDER BY id LIMIT ${opts.limit}`)
        .pluck(true)
        .all(...Object.values(filter).map(sqlValue), ...(after ? [opts.after] : [])) as string[]
      return texts.map((text) => {
        const values: unknown[] = JSON.parse(text)
        const doc: Doc & Record<string, unknown> = { _id: values[0] as string }
        for (let i = 0; i < fields.length; i++) if (values[i + 1] !== null) doc[fields[i]] = values[i + 1]
        return doc
      })
    }
    const { parts, params } = conditions(coll, filter)
    // In the order of a key field: a range on that field's index from where the last page ended (a missing or
    // non-string key is never > ''; `type` keeps numbers out, which SQLite would order before every string).
    const key = opts.by === undefined ? 'id' : `json_extract(doc, '$.${opts.by}')`
    if (opts.by !== undefined) {
      parts.push(`${key} > ?`, `json_type(doc, '$.${opts.by}') = 'text'`)
      params.push(opts.after ?? '')
    } else if (opts.after !== undefined) {
      // With an equality on an indexed field this is a range on that index's (value, id) key: each page
      // starts where the last ended, and rows come in id order without a sort.
      parts.push('id > ?')
      params.push(opts.after)
    }
    const sql = `SELECT id, ${fields ? pickedColumn(fields) : 'doc'} AS v FROM ${tableOf(coll)} ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY ${key} LIMIT ${opts.limit}`
    const rows = prep(sql)
      .raw(true)
      .all(...params) as [string, string | null][]
    if (!fields) return rows.map((r) => JSON.parse(r[1] ?? 'null'))
    return rows.map(([id, v]) => {
      const doc: Doc & Record<string, unknown> = { _id: id }
      if (v !== null) {
        const values: unknown[] = JSON.parse(v)
        for (let i = 0; i < fields.length; i++) if (values[i] !== null) doc[fields[i]] = values[i]
      }
      return doc
    })
  }

  const store: SqliteStore<M> = {
    db,
    get: async (coll, id) => getSync(coll, id),
    create: (coll, doc) => writes.run(async () => createSync(coll, doc)),
    set: (coll, doc) => writes.run(async () => setSync(coll, doc)),
    remove: (coll, id) =>
      writes.run(async () => {
        prep(`DELETE FROM ${tableOf(coll)} WHERE id = ?`).run(id)
      }),
    async find<C extends Collection>(coll: C, filter: Filter, opts: FindOptions = {}): Promise<M[C][]> {
      const w = where(coll, filter)
      let sql = `SELECT doc FROM ${tableOf(coll)} ${w.sql}`
      if (opts.orderBy) {
        const { field, dir } = opts.orderBy
        if (field !== '_id') assertField(field)
        const col = field === '_id' ? 'id' : `json_extract(doc, '$.${field}')`
        sql += ` ORDER BY ${col} ${dir === 'desc' ? 'DESC' : 'ASC'}, id ASC`
      }
      if (opts.limit !== undefined) {
        if (!Number.isInteger(opts.limit) || opts.limit < 0) throw new Error('limit must be a non-negative integer')
        sql += ` LIMIT ${opts.limit}`
      }
      // The storage boundary, like getSync. Row by row, so that a large answer (a county's members) is not held
      // twice, as text and as documents.
      const out: M[C][] = []
      for (const r of prep(sql).iterate(...w.params) as IterableIterator<{ doc: string }>) out.push(JSON.parse(r.doc) as M[C])
      return out
    },
    findPage,
    async count(coll, filter) {
      const w = where(coll, filter)
      return (prep(`SELECT COUNT(*) AS n FROM ${tableOf(coll)} ${w.sql}`).get(...w.params) as { n: number }).n
    },
    createIfAbsent(coll, doc) {
      return writes.run(async () => {
        const info = prep(`INSERT INTO ${tableOf(coll)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO NOTHING`).run(doc._id, JSON.stringify(doc))
        if (info.changes === 1) return { created: true, doc }
        const stored = getSync(coll, doc._id)
        if (!stored) throw new Error(`${coll}/${doc._id} was neither inserted nor found`)
        return { created: false, doc: stored }
      })
    },
    transaction<R>(fn: (tx: TxStore<M>) => Promise<R>): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ fn, resolve: (v) => resolve(v as R), reject })
        if (!scheduled) {
          scheduled = true
          setImmediate(() => void writes.run(drain))
        }
      })
    },
    async backup(toFile: string) {
      await db.backup(toFile)
    },
    async close() {
      await writes.run(async () => db.close())
    },
  }
  return store
}
