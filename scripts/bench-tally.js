#!/usr/bin/env node
// The county tally at scale (docs/DESIGN.md#budgets-and-how-they-are-measured: 20,000 members × 30 entries ≤ 1.5 s and ≤ 150 MB locally).
//
//   node scripts/bench-tally.js [--sizes 2000,20000,100000] [--entries 30] [--runs 3] [--json] [--fresh]
//                               [--dir DIR] [--cpu-prof]
//
// For each size a fixture database is generated once (scripts/lib/tally-fixture.js, one transaction of
// prepared inserts, indexes built afterwards by the SQLite adapter) and kept in DIR (default: the system temp
// directory) for later runs; --fresh regenerates it. Each run is a fresh node process that opens the database
// with the app's own adapter, clears earlier totals, and calls the `score.tally` use case for the whole county
// as a county admin; it reports the wall time of that call, its CPU time (user + system: the figure to trust
// when other processes share the cores) and the process's peak RSS (getrusage maxrss, so it includes node
// itself and the open database). Medians over --runs are printed. Exits 1 when the 20,000-member size misses
// the budget. Generating the 100,000-member fixture (2 GB) takes a few minutes the first time.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const BUDGET = { members: 20000, seconds: 1.5, mb: 150 }
const YEAR = 2025
const root = path.resolve(__dirname, '..')

/**
 * Bundles the TypeScript the bench calls (adapter + use case) into one CommonJS file, kept inside the project
 * so that it resolves better-sqlite3 from node_modules.
 */
function bundle() {
  const out = path.join(root, 'node_modules/.cache/bench-tally/bundle.js')
  require('esbuild').buildSync({
    stdin: {
      contents: [
        "export { openSqliteStore } from './server/adapters/sqlite/sqlite-store'",
        "export { scoreTally } from './server/actions/score'",
        "export { COUNTY_ID } from './server/model/org'",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-tally-entry.ts',
    },
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  })
  return out
}

function median(values) {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** Builds (or reuses) the fixture database for one size. */
function ensureFixture(lib, dir, members, entries, fresh) {
  const { FIXTURE_VERSION, writeFixture } = require('./lib/tally-fixture')
  const file = path.join(dir, `tally-${members}x${entries}-v${FIXTURE_VERSION}.db`)
  const meta = `${file}.json`
  if (!fresh && fs.existsSync(file) && fs.existsSync(meta)) return { file, ...JSON.parse(fs.readFileSync(meta, 'utf8')), reused: true }
  for (const f of [file, `${file}-wal`, `${file}-shm`, meta]) fs.rmSync(f, { force: true })
  const t0 = Date.now()
  // The adapter creates the tables; its indexes, and the projection of the ledger its triggers would fill entry
  // by entry, are dropped for the bulk load and rebuilt when it reopens.
  const store = lib.openSqliteStore(file)
  const db = store.db
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'").all()) db.exec(`DROP INDEX "${name}"`)
  for (const { type, name } of db
    .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'table') AND name LIKE 'ledger.%' ORDER BY type DESC")
    .all()) {
    db.exec(`DROP ${type.toUpperCase()} "${name}"`)
  }
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  const counts = writeFixture(db, { members, entriesPerMember: entries, year: YEAR })
  db.close()
  // No ANALYZE: the app never runs it, so the planner works without statistics here as it does in use.
  const again = lib.openSqliteStore(file)
  again.db.pragma('wal_checkpoint(TRUNCATE)')
  again.db.close()
  const info = { counts, seconds: (Date.now() - t0) / 1000, bytes: fs.statSync(file).size }
  fs.writeFileSync(meta, JSON.stringify(info))
  return { file, ...info, reused: false }
}

// ---- child: one measured tally -------------------------------------------------------------------------
async function child(bundleFile, dbFile) {
  const lib = require(bundleFile)
  const store = lib.openSqliteStore(dbFile)
  store.db.exec("DELETE FROM totals; DELETE FROM audit WHERE json_extract(doc, '$.action') = 'score.tally'")
  const now = Date.UTC(YEAR, 11, 31, 4, 0, 0)
  const deps = {
    store,
    clock: { now: () => now },
    hmac: () => Buffer.alloc(32),
    adminOpenids: new Set(),
    renderQr: () => '',
    files: { refuse: async (_o, ids) => ids, urls: async () => new Map() },
    // As the local backend runs it (server/local/local-deps.ts): a county 核算 in one unit.
    bulk: true,
  }
  const ctx = {
    openid: 'bench-admin',
    now,
    grants: [{ _id: 'G_bench', openid: 'bench-admin', role: 'county_admin', scopeId: lib.COUNTY_ID }],
    member: null,
  }
  if (global.gc) global.gc()
  const rssBefore = process.memoryUsage().rss
  const cpu0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  const result = await lib.scoreTally({ year: YEAR }, ctx, deps)
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const stored = store.db.prepare('SELECT COUNT(*) AS n FROM totals').get().n
  await store.close()
  process.stdout.write(
    JSON.stringify({ seconds, cpuSeconds, maxRssMB: process.resourceUsage().maxRSS / 1024, rssBeforeMB: rssBefore / 2 ** 20, result, stored }),
  )
}

// ---- parent ----------------------------------------------------------------------------------------------
function main() {
  const args = process.argv.slice(2)
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt
  }
  const json = args.includes('--json')
  const fresh = args.includes('--fresh')
  const cpuProf = args.includes('--cpu-prof')
  const sizes = String(opt('sizes', '2000,20000,100000'))
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((x) => Number.isInteger(x) && x > 0)
  const entries = Math.max(1, Number(opt('entries', 30)) || 30)
  const runs = Math.max(1, Number(opt('runs', 3)) || 3)
  const dir = path.resolve(opt('dir', path.join(os.tmpdir(), 'dual-score-bench-tally')))
  fs.mkdirSync(dir, { recursive: true })
  const log = (s) => (json ? process.stderr : process.stdout).write(`${s}\n`)

  const bundleFile = bundle()
  const lib = require(bundleFile)
  const results = []
  for (const members of sizes) {
    const fx = ensureFixture(lib, dir, members, entries, fresh)
    log(
      `${members} members: fixture ${fx.reused ? 'reused' : `generated in ${fx.seconds.toFixed(1)} s`} ` +
        `(${fx.counts.active} active, ${fx.counts.ledger} entries, ${fx.counts.estates} estates, ${fx.counts.unitBranches} unit branches, ${(fx.bytes / 2 ** 20).toFixed(0)} MB on disk)`,
    )
    const samples = []
    for (let r = 0; r < runs; r++) {
      const nodeArgs = ['--expose-gc']
      if (cpuProf) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${path.join(dir, 'profiles')}`, `--cpu-prof-name=tally-${members}-${r}.cpuprofile`)
      const out = execFileSync(process.execPath, [...nodeArgs, __filename, '--child', bundleFile, fx.file], { encoding: 'utf8', maxBuffer: 1 << 20 })
      const s = JSON.parse(out)
      if (s.result.members !== fx.counts.active || s.stored !== fx.counts.active) {
        throw new Error(`tally covered ${s.result.members} members and stored ${s.stored} totals, expected ${fx.counts.active}`)
      }
      log(
        `  run ${r + 1}: ${s.seconds.toFixed(2)} s (CPU ${s.cpuSeconds.toFixed(2)} s), peak RSS ${s.maxRssMB.toFixed(0)} MB (before the call ${s.rssBeforeMB.toFixed(0)} MB)`,
      )
      samples.push(s)
    }
    const seconds = median(samples.map((s) => s.seconds))
    const cpuSeconds = median(samples.map((s) => s.cpuSeconds))
    const mb = median(samples.map((s) => s.maxRssMB))
    results.push({
      members: fx.counts.active,
      entries: fx.counts.ledger,
      estates: fx.counts.estates,
      unitBranches: fx.counts.unitBranches,
      runs,
      seconds: +seconds.toFixed(3),
      minSeconds: +Math.min(...samples.map((s) => s.seconds)).toFixed(3),
      maxSeconds: +Math.max(...samples.map((s) => s.seconds)).toFixed(3),
      cpuSeconds: +cpuSeconds.toFixed(3),
      peakRssMB: +mb.toFixed(1),
      membersPerSecond: Math.round(fx.counts.active / seconds),
      complete: samples[0].result.complete,
      incomplete: samples[0].result.incomplete,
    })
  }

  const budgetRow = results.find((r) => r.members === BUDGET.members)
  const withinBudget = budgetRow ? budgetRow.seconds <= BUDGET.seconds && budgetRow.peakRssMB <= BUDGET.mb : null
  if (json) {
    process.stdout.write(`${JSON.stringify({ budget: BUDGET, withinBudget, results }, null, 2)}\n`)
  } else {
    const cols = ['members', 'entries', 'seconds', 'CPU s', 'MB', 'members/s']
    const rows = results.map((r) =>
      [r.members, r.entries, r.seconds.toFixed(2), r.cpuSeconds.toFixed(2), r.peakRssMB.toFixed(0), r.membersPerSecond].map(String),
    )
    const w = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)))
    const line = (cells) => cells.map((c, i) => c.padStart(w[i])).join('  ')
    console.log(`\nscore.tally, whole county, median of ${runs} run(s); seconds = wall time of the call, CPU s = its user+system`)
    console.log(`time (well below seconds when other processes share the cores), MB = peak RSS of the process`)
    console.log(line(cols))
    for (const r of rows) console.log(line(r))
    if (budgetRow) console.log(`budget ${BUDGET.members} × 30: ≤ ${BUDGET.seconds} s and ≤ ${BUDGET.mb} MB — ${withinBudget ? 'met' : 'MISSED'}`)
  }
  if (withinBudget === false) process.exitCode = 1
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((e) => {
    console.error(e)
    process.exit(1)
  })
} else {
  main()
}
