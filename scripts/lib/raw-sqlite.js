// The yardstick of docs/DESIGN.md#budgets-and-how-they-are-measured: how many durable single-row inserts per second SQLite does on this machine, with
// the pragmas the local backend uses (WAL, synchronous=FULL), one autocommit INSERT per document.
const fs = require('node:fs')
const path = require('node:path')
const Database = require('better-sqlite3')
const { tempDir } = require('./backend')

/**
 * Inserts `n` JSON documents built by `makeDoc(i)` into a fresh database in a temp dir (same filesystem as the
 * backend's DATA_DIR when both are under os.tmpdir()). Resolves { n, ms, perSec, docBytes }.
 */
function rawInsertRate({ n = 3000, makeDoc, dir } = {}) {
  const own = !dir
  const d = dir ?? tempDir('dual-score-raw-')
  const file = path.join(d, `raw-${process.pid}-${Date.now()}.db`)
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec('CREATE TABLE docs (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID')
    const insert = db.prepare('INSERT INTO docs (id, doc) VALUES (?, ?)')
    const docs = Array.from({ length: n }, (_, i) => makeDoc(i))
    const t0 = process.hrtime.bigint()
    for (const doc of docs) insert.run(doc._id, JSON.stringify(doc))
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    const docBytes = Math.round(docs.reduce((s, x) => s + Buffer.byteLength(JSON.stringify(x)), 0) / n)
    return { n, ms, perSec: (n / ms) * 1000, docBytes }
  } finally {
    db.close()
    if (own) fs.rmSync(d, { recursive: true, force: true })
    else for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  }
}

module.exports = { rawInsertRate }
