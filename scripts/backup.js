// `npm run backup [-- <file>]`: a consistent copy of the local database while the backend keeps serving
// (SQLite's online backup API reads a snapshot under WAL; writers are not blocked).
// Restore: stop the backend, replace $DATA_DIR/dual-score.db with the copy, delete dual-score.db-wal and
// dual-score.db-shm beside it, start again.
const path = require('path')
const Database = require('better-sqlite3')

async function backup(dataDir, dest) {
  const db = new Database(path.join(dataDir, 'dual-score.db'), { readonly: true, fileMustExist: true })
  try {
    await db.backup(dest)
  } finally {
    db.close()
  }
  const copy = new Database(dest, { readonly: true })
  try {
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`backup failed integrity check: ${check}`)
  } finally {
    copy.close()
  }
  return dest
}

module.exports = { backup }

if (require.main === module) {
  const dataDir = path.resolve(process.env.DATA_DIR || '.data')
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const dest = path.resolve(process.argv[2] || path.join(dataDir, `backup-${stamp}.db`))
  backup(dataDir, dest)
    .then((file) => console.log(`备份完成：${file}`))
    .catch((e) => {
      console.error(`备份失败：${e.message}`)
      process.exit(1)
    })
}
