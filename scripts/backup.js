// `npm run backup [-- <folder>]`: a consistent backup of the local backend while it keeps serving, in a new folder
// (default `$DATA_DIR/backup-<time>/`) that holds everything a restore needs:
//   dual-score.db        SQLite's online backup API, all pages in one step: one read transaction, so one snapshot
//                        (under WAL writers are not blocked, and a step-wise copy would restart on every write the
//                        serving backend commits meanwhile); integrity-checked before the backup counts as done
//   *.key                checkin-secret.key, dev-token.key, file-url.key: without them outstanding rotating codes,
//                        logins and signed photo links stop working (the backend would make new keys)
//   files/               claim photos, copied after the snapshot: a photo is written before its database row, so
//                        every photo the copy names is there (later ones are harmless extras)
// Restore: stop the backend, copy the folder's contents into $DATA_DIR (replacing dual-score.db), delete
// dual-score.db-wal and dual-score.db-shm there, start again.
const fs = require('node:fs')
const path = require('node:path')
const Database = require('better-sqlite3')

const DB_FILE = 'dual-score.db'
const KEY_FILES = ['checkin-secret.key', 'dev-token.key', 'file-url.key']
const FILES_DIR = 'files'

function copyTree(from, to) {
  let n = 0
  fs.mkdirSync(to, { recursive: true })
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name)
    const dst = path.join(to, e.name)
    if (e.isDirectory()) n += copyTree(src, dst)
    else if (e.isFile()) {
      fs.copyFileSync(src, dst)
      n++
    }
  }
  return n
}

/** Backs up `dataDir` into the new folder `destDir`; resolves what was written. */
async function backup(dataDir, destDir) {
  if (fs.existsSync(destDir) && fs.readdirSync(destDir).length) throw new Error(`${destDir} exists and is not empty`)
  fs.mkdirSync(destDir, { recursive: true })
  const dbCopy = path.join(destDir, DB_FILE)
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true })
  try {
    // The first step only opens the backup; returning a huge page count copies the rest in the next one.
    await db.backup(dbCopy, { progress: () => 0x7fffffff })
  } finally {
    db.close()
  }
  // The copy carries the source's WAL mode; a plain rollback journal leaves it one self-contained file (the
  // backend switches back to WAL when it opens it).
  const copy = new Database(dbCopy)
  try {
    copy.pragma('journal_mode = DELETE')
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`backup failed integrity check: ${check}`)
  } finally {
    copy.close()
  }
  const keys = []
  for (const k of KEY_FILES) {
    const src = path.join(dataDir, k)
    if (!fs.existsSync(src)) continue
    fs.copyFileSync(src, path.join(destDir, k))
    fs.chmodSync(path.join(destDir, k), 0o600)
    keys.push(k)
  }
  const filesDir = path.join(dataDir, FILES_DIR)
  const files = fs.existsSync(filesDir) ? copyTree(filesDir, path.join(destDir, FILES_DIR)) : 0
  return { dir: destDir, db: dbCopy, keys, files }
}

module.exports = { backup, DB_FILE, KEY_FILES, FILES_DIR }

if (require.main === module) {
  const dataDir = path.resolve(process.env.DATA_DIR || '.data')
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const dest = path.resolve(process.argv[2] || path.join(dataDir, `backup-${stamp}`))
  backup(dataDir, dest)
    .then((r) => console.log(`备份完成：${r.dir}（数据库、${r.keys.length} 个密钥文件、${r.files} 张照片）`))
    .catch((e) => {
      console.error(`备份失败：${e.message}`)
      process.exit(1)
    })
}
