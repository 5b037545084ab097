#!/usr/bin/env node
// `npm run crash-test`: SIGKILL the local backend mid-load, restart it, and prove no acknowledged check-in is
// lost (docs/DESIGN.md#storage-and-the-two-backends). See scripts/lib/crash.js for what each round does and what a SIGKILL does and does not prove.
//
//   node scripts/crash-test.js [--rounds 10] [--members 4000] [--per-round 600] [--concurrency 32]
//                              [--data-dir DIR] [--keep] [--max-seconds 600] [--json]
//
// Exit code 0: every round kept every acknowledged write, integrity_check ok, backend healthy after restart.
// Exit code 1: a loss or an integrity/health failure. Exit code 2: the run itself failed.
const fs = require('node:fs')
const path = require('node:path')
const { buildServer } = require('./lib/backend')
const { runCrashTest } = require('./lib/crash')

function parseArgs(argv) {
  const o = { rounds: 10, members: 4000, perRound: 600, concurrency: 32, dataDir: undefined, keep: false, maxSeconds: 600, json: false }
  const num = (i) => {
    const v = Number(argv[i + 1])
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${argv[i]} needs a positive number`)
    return Math.floor(v)
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--rounds') o.rounds = num(i++)
    else if (a === '--members') o.members = num(i++)
    else if (a === '--per-round') o.perRound = num(i++)
    else if (a === '--concurrency') o.concurrency = num(i++)
    else if (a === '--data-dir') o.dataDir = path.resolve(argv[++i])
    else if (a === '--keep') o.keep = true
    else if (a === '--max-seconds') o.maxSeconds = num(i++)
    else if (a === '--json') o.json = true
    else throw new Error(`unknown option ${a}`)
  }
  if (o.concurrency < 1 || o.concurrency > 200) throw new Error('--concurrency must be 1..200')
  if (o.members > 99999) throw new Error('--members must be ≤ 99999')
  if (o.dataDir && fs.existsSync(path.join(o.dataDir, 'dual-score.db')))
    throw new Error(`--data-dir ${o.dataDir} already holds a database; give an empty directory`)
  return o
}

async function main() {
  const o = parseArgs(process.argv.slice(2))
  const say = o.json ? () => undefined : (line) => console.log(line)
  const deadline = setTimeout(() => {
    console.error(`crash-test: gave up after ${o.maxSeconds} s`)
    process.exit(2) // the exit handler in lib/backend SIGKILLs the backend it started
  }, o.maxSeconds * 1000)
  deadline.unref()
  if (o.dataDir) fs.mkdirSync(o.dataDir, { recursive: true })

  buildServer()
  const result = await runCrashTest(
    { rounds: o.rounds, members: o.members, perRound: o.perRound, concurrency: o.concurrency, dataDir: o.dataDir, keep: o.keep },
    say,
  )
  if (o.json) {
    console.log(JSON.stringify({ ...result, acked: undefined, missing: result.missing.slice(0, 100) }, null, 2))
  } else {
    console.log('')
    console.log('round  sent  acked  in-flight@kill  unacked-but-stored  acked-total  present  missing  integrity  restart-ms')
    for (const r of result.rounds) {
      console.log(
        [
          String(r.round).padStart(5),
          String(r.sent).padStart(5),
          String(r.acknowledged).padStart(6),
          String(r.inFlightAtKill).padStart(15),
          String(r.unackedButStored).padStart(19),
          String(r.cumulativeAcknowledged).padStart(12),
          String(r.cumulativePresent).padStart(8),
          String(r.missing).padStart(8),
          String(r.integrity).padStart(10),
          String(r.restartMs).padStart(11),
        ].join(' '),
      )
    }
    console.log(
      `\n${result.acknowledged} check-ins acknowledged over ${result.rounds.length} kills, ${result.present} present, ${result.missing.length} missing; final integrity_check ${result.finalIntegrity}`,
    )
    console.log(result.ok ? 'crash test: PASS' : 'crash test: FAILED')
    if (o.keep || o.dataDir) console.log(`DATA_DIR kept: ${result.dataDir}`)
  }
  return result.ok ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e?.stack ? e.stack : e)
    process.exit(2)
  },
)
