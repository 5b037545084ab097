#!/usr/bin/env node
// The cloud at county size (docs/DESIGN.md#budgets-and-how-they-are-measured): every user-facing call and every
// job step, driven through the cloud entry (handleCloudEvent) over the real wx-server-sdk and the local executor,
// on a virtual clock — nothing sleeps; a request issued at virtual time t completes at t + latency, so requests
// awaited one after another add up and requests in flight together (the tally's parallel writes) overlap.
// Every time reported is that simulated elapsed time (`simulatedMs` of the invocation), not requests × latency: at
// --latency it is measured; at the other latencies of a table (10/25/50 ms) it is the measured time scaled by
// latency ratio (exact for the same requests, since without CPU counting the clock moves only by latencies).
//
//   node scripts/bench-cloud.js [--members 10000] [--latency 25] [--json] [--strict]
//
// Builds a synthetic county straight into the executor's storage (server/testing/county-fixture.ts: 50 estates,
// 100 unit branches, 1,500 activities, 30 approved entries per member at 10,000 members), runs last night's
// tally unmeasured so totals exist, then measures:
// - CALLS: one invocation each; DB requests (reads/writes), simulated seconds at 10/25/50 ms per request, the
//   answer's bytes, the function's configured timeout (cloudfunctions/<fn>/config.json; WeChat's default 3 s if
//   none) and a verdict: fits, OVER TIMEOUT (at 25 ms), ANSWER > 256 KB, or REFUSED/FAILED with the error.
// - JOBS: start, then steps until done, at --latency (a step bounds itself by the virtual clock, so its size
//   depends on the latency): steps, max requests and simulated seconds per step, total simulated time, verdict
//   (every step ≤ 10 s and ≤ the timeout at 25 ms; a whole-county 核算 ≤ 3 min). The first 核算 of a year (no
//   stored totals: emptied in the executor's storage first) is run at each of 10, 25 and 50 ms, since its step
//   sizes follow the clock.
// - the nightly tally's reads and writes on a quiet night and after a busy day (500 approvals), for the capacity
//   plan.
// Many rows are over budget today; the bench reports, and exits 1 only with --strict.
const fs = require('node:fs')
const path = require('node:path')
const { createHmac } = require('node:crypto')

const root = path.resolve(__dirname, '..')
const LATENCIES = [10, 25, 50]
const BUDGET = { latency: 25, stepSeconds: 10, tallySeconds: 180, answerBytes: 256 * 1024 }
/** When the bench runs on the virtual clock: the year under way, its 公示 ended (Asia/Shanghai). */
const NOW = Date.parse('2026-12-07T10:00:00+08:00')

function bundle() {
  const out = path.join(root, 'node_modules/.cache/bench-cloud/bundle.js')
  require('esbuild').buildSync({
    stdin: {
      contents: [
        "export { installLocalExecutor, createTestCloud } from './server/adapters/wxcloud/testing/local-executor'",
        "export { createWxStore } from './server/adapters/wxcloud/wx-store'",
        "export { createCloudFiles } from './server/adapters/wxcloud/cloud-files'",
        "export { createApp } from './server/app'",
        "export { handleCloudEvent, CLOUD_LIMITS } from './server/cloud/entry'",
        "export { buildCounty } from './server/testing/county-fixture'",
        "export { renderQrDataUrl } from './server/qr-image'",
        "export { ACTIONS, MAX_BODY_BYTES } from './src/core/contracts'",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-cloud-entry.ts',
    },
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    // The executor patches the SDK's own modules, so they must be the ones node_modules holds.
    external: ['wx-server-sdk', '@cloudbase/*', 'bson', 'better-sqlite3'],
    logLevel: 'error',
  })
  return out
}

function timeoutOf(fn) {
  const file = path.join(root, 'cloudfunctions', fn, 'config.json')
  const cfg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}
  return typeof cfg.timeout === 'number' ? cfg.timeout : 3
}

const kb = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`)
const sec = (ms) => (ms >= 100_000 ? `${Math.round(ms / 1000)}` : (ms / 1000).toFixed(ms >= 10_000 ? 0 : 1))

/**
 * The user-facing calls. `caller` names a role of the fixture (see CountyCallers); `body` may be a function of
 * the fixture. `after` rows run after the jobs (year.finalise locks the year, so it is last).
 */
function callTable(year) {
  return [
    { label: 'me.get (member)', action: 'me.get', body: {}, caller: 'member' },
    { label: 'score.mine (member)', action: 'score.mine', body: { year }, caller: 'member' },
    { label: 'activity.list (member, own estate)', action: 'activity.list', body: {}, caller: 'member' },
    {
      label: 'activity.list (secretary, estate)',
      action: 'activity.list',
      body: (f) => ({ estateBranchId: f.callers.estateId }),
      caller: 'estateSecretary',
    },
    {
      label: 'attendance.list (review queue)',
      action: 'attendance.list',
      body: (f) => ({ estateBranchId: f.callers.estateId }),
      caller: 'estateSecretary',
    },
    { label: 'score.list (one estate)', action: 'score.list', body: (f) => ({ year, scopeId: f.callers.estateId }), caller: 'estateSecretary' },
    { label: 'score.list (county)', action: 'score.list', body: { year, scopeId: 'county' }, caller: 'admin' },
    { label: 'dashboard.get (county)', action: 'dashboard.get', body: { year, scopeId: 'county' }, caller: 'admin' },
    { label: 'export.xlsx roster (county)', action: 'export.xlsx', body: { kind: 'roster', year, scopeId: 'county' }, caller: 'admin' },
    { label: 'export.xlsx totals (county)', action: 'export.xlsx', body: { kind: 'totals', year, scopeId: 'county' }, caller: 'admin' },
    { label: 'export.xlsx ledger (county)', action: 'export.xlsx', body: { kind: 'ledger', year, scopeId: 'county' }, caller: 'admin' },
    { label: 'score.tally (county)', action: 'score.tally', body: { year }, caller: 'admin' },
    {
      label: 'attendance.review (40 of an estate)',
      action: 'attendance.review',
      body: (f) => ({ attendanceIds: f.pending(f.callers.estateId), decision: 'approve' }),
      caller: 'estateSecretary',
    },
    { label: 'admin.importDirectory (500 rows)', action: 'admin.importDirectory', body: (f) => ({ members: f.importRows(500) }), caller: 'admin' },
    {
      label: 'admin.importDirectory (10,000 rows)',
      action: 'admin.importDirectory',
      body: (f) => ({ members: f.importRows(10_000) }),
      caller: 'admin',
    },
    { label: 'year.finalise (county)', action: 'year.finalise', body: { year }, caller: 'admin', after: true },
  ]
}

/**
 * Long work as resumable jobs: `start` once, then `step` until `done(data)`. A body may be a function of the
 * start's answer (e.g. its jobId).
 */
const JOB_STEP = { action: 'job.step', body: (started) => ({ jobId: started?.id }) }
const JOB_DONE = (d) => d.status !== 'running'

function jobTable(year) {
  return [
    {
      label: '核算 score.tallyStep (county)',
      caller: 'admin',
      county: true,
      start: { action: 'score.tallyStep', body: { year, restart: true } },
      step: { action: 'score.tallyStep', body: { year } },
      done: (d) => d.done === true,
    },
    ...[
      ['核算 job, county (score.tallyJob)', 'score.tallyJob', { year }, true],
      ['export roster job, county (export.start)', 'export.start', { kind: 'roster', year, scopeId: 'county' }],
      ['export totals job, county (export.start)', 'export.start', { kind: 'totals', year, scopeId: 'county' }],
      ['export ledger job, county (export.start)', 'export.start', { kind: 'ledger', year, scopeId: 'county' }],
    ].map(([label, action, body, county]) => ({ label, caller: 'admin', county, start: { action, body }, step: JOB_STEP, done: JOB_DONE })),
    // Locks the year: after everything else. The one-shot year.finalise before it hands over at 40 s and leaves a
    // running 定稿 job, which this start joins.
    {
      label: '定稿 job (year.finaliseJob)',
      caller: 'admin',
      after: true,
      start: { action: 'year.finaliseJob', body: { year } },
      step: JOB_STEP,
      done: JOB_DONE,
    },
  ]
}

async function main() {
  const args = process.argv.slice(2)
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt
  }
  const json = args.includes('--json')
  const strict = args.includes('--strict')
  const members = Math.max(10, Number(opt('members', 10_000)) || 10_000)
  const latency = Math.max(0, Number(opt('latency', BUDGET.latency)))
  const log = (s) => (json ? process.stderr : process.stdout).write(`${s}\n`)

  const lib = require(bundle())
  const executor = lib.installLocalExecutor()
  const { cloud, db } = lib.createTestCloud()
  executor.simulate({ latencyMs: 0, startAt: NOW })

  const t0 = Date.now()
  const fx = lib.buildCounty((coll, docs) => executor.load(coll, docs), NOW, { members })
  const buildSeconds = (Date.now() - t0) / 1000
  const c = fx.counts
  log(
    `county of ${c.active} members built in ${buildSeconds.toFixed(1)} s: ${c.estates} estates, ${c.unitBranches} unit branches, ` +
      `${c.activities} activities, ${c.attendances} attendances, ${c.ledger} ledger entries, ${c.members} in the directory`,
  )

  const errors = []
  const deps = {
    store: lib.createWxStore(db),
    clock: executor.clock,
    hmac: (m) => createHmac('sha256', 'bench-cloud-secret-0123456789abcdef').update(m).digest(),
    // The timer acts as this openid, a county admin by configuration (server/cloud/entry.ts cloudDeps).
    adminOpenids: new Set(['system-timer']),
    renderQr: lib.renderQrDataUrl,
    files: lib.createCloudFiles(cloud),
    // As the cloud runs them (server/cloud/entry.ts): a one-shot job action hands over at 40 s, answers stay small.
    ...lib.CLOUD_LIMITS,
  }
  const app = lib.createApp(deps, (e, action) =>
    errors.push({
      action,
      error: String(e?.stack ?? e)
        .split('\n')
        .slice(0, 4)
        .join(' | '),
    }),
  )
  const openid = (caller) => fx.callers[caller] ?? caller

  // Last night's tally, unmeasured: the county has totals as it would in use.
  const w0 = Date.now()
  const warm = await app.handle('score.tally', { year: fx.year }, fx.callers.admin)
  if (!warm.envelope.ok) log(`warm-up score.tally failed: ${warm.envelope.error.code} ${warm.envelope.error.message}`)
  log(`last night's tally (unmeasured) in ${((Date.now() - w0) / 1000).toFixed(1)} s real time`)

  // What some rows need from the fixture.
  const pendingOf = async (estateId) =>
    (await deps.store.find('attendances', { estateBranchId: estateId, status: 'pending' }, { limit: 500 })).map((a) => a._id)
  const pendingCache = new Map()
  for (const e of [fx.callers.estateId]) pendingCache.set(e, await pendingOf(e))
  const ctxFx = {
    ...fx,
    pending: (e) => pendingCache.get(e),
    importRows: (n) =>
      Array.from({ length: n }, (_, i) => ({
        id: `N${String(i + 1).padStart(7, '0')}`,
        name: `新党员${i + 1}`,
        phone: `139${String(10_000_000 + i).padStart(8, '0')}`,
        unitBranchId: fx.callers.unitBranchId,
        estateBranchId: fx.callers.estateId,
      })),
  }

  executor.simulate({ latencyMs: latency })
  const invoke = async (fn, event, who) => {
    const m = await executor.call(() => lib.handleCloudEvent(fn, event, who, app, executor.clock.now))
    const env = m.result
    return {
      env,
      requests: m.requests,
      reads: m.reads,
      writes: m.writes,
      storage: m.storage,
      dbBytes: m.bytes,
      simulatedMs: m.simulatedMs,
      cpuMs: m.cpuMs,
      answerBytes: Buffer.byteLength(JSON.stringify(env)),
    }
  }
  /** An invocation's simulated time at latency `l`: measured at the run's latency, scaled by the latency ratio. */
  const msAt = (x, l, at = latency) => (at > 0 ? (x.simulatedMs * l) / at : (x.requests + x.storage) * l)
  const verdictOf = (row, timeoutS) => {
    const v = []
    if (!row.env.ok)
      v.push(`${row.env.error.code === 'INTERNAL' ? 'FAILED' : 'REFUSED'} ${row.env.error.code}: ${row.env.error.message.slice(0, 60)}`)
    if (msAt(row, BUDGET.latency) > timeoutS * 1000) v.push(`OVER TIMEOUT ${timeoutS} s`)
    if (row.answerBytes > BUDGET.answerBytes) v.push('ANSWER > 256 KB')
    return v.length ? v.join('; ') : 'fits'
  }

  // ---- calls ----
  const calls = []
  const runCall = async (entry) => {
    const fn = lib.ACTIONS[entry.action].fn
    const body = typeof entry.body === 'function' ? entry.body(ctxFx) : entry.body
    const r = await invoke(fn, { action: entry.action, ...body }, openid(entry.caller))
    const timeoutS = timeoutOf(fn)
    const row = {
      label: entry.label,
      action: entry.action,
      fn,
      requests: r.requests,
      reads: r.reads,
      writes: r.writes,
      storage: r.storage,
      seconds: Object.fromEntries(LATENCIES.map((l) => [l, msAt(r, l) / 1000])),
      answerBytes: r.answerBytes,
      cpuMs: Math.round(r.cpuMs),
      timeoutS,
      ok: r.env.ok,
      error: r.env.ok ? null : r.env.error,
      verdict: verdictOf(r, timeoutS),
    }
    calls.push(row)
    log(`  ${row.label}: ${row.requests} requests, ${kb(row.answerBytes)} — ${row.verdict}`)
  }
  log('calls:')
  const table = callTable(fx.year)
  for (const entry of table.filter((e) => !e.after)) await runCall(entry)

  // ---- jobs ----
  const jobs = []
  log(`jobs (run at ${latency} ms per request):`)
  const runJob = async (job, at = latency) => {
    const fn = lib.ACTIONS[job.start.action].fn
    const timeoutS = timeoutOf(fn)
    const who = openid(job.caller)
    const steps = []
    const bodyOf = (b, started) => (typeof b === 'function' ? b(started) : b)
    const first = await invoke(fn, { action: job.start.action, ...bodyOf(job.start.body, null) }, who)
    steps.push(first)
    let last = first
    const started = first.env.ok ? first.env.data : null
    while (last.env.ok && !job.done(last.env.data) && steps.length < 20_000) {
      last = await invoke(fn, { action: job.step.action, ...bodyOf(job.step.body, started) }, who)
      steps.push(last)
    }
    const max = (f) => Math.max(...steps.map(f))
    const totalMs = steps.reduce((s, x) => s + x.simulatedMs, 0)
    const v = []
    if (!last.env.ok)
      v.push(`${last.env.error.code === 'INTERNAL' ? 'FAILED' : 'REFUSED'} ${last.env.error.code}: ${last.env.error.message.slice(0, 60)}`)
    else if (!job.done(last.env.data)) v.push('NOT DONE after 20,000 steps')
    // A run at another latency sizes its steps for that latency: its steps are judged as measured, at it.
    const maxStepAt25 = at === BUDGET.latency || at === 0 ? max((x) => msAt(x, BUDGET.latency, at)) : max((x) => x.simulatedMs)
    if (maxStepAt25 > BUDGET.stepSeconds * 1000) v.push(`STEP > ${BUDGET.stepSeconds} s`)
    if (maxStepAt25 > timeoutS * 1000) v.push(`STEP OVER TIMEOUT ${timeoutS} s`)
    if (job.county && totalMs > BUDGET.tallySeconds * 1000 && at === BUDGET.latency) v.push(`TOTAL > ${BUDGET.tallySeconds / 60} min`)
    if (max((x) => x.answerBytes) > BUDGET.answerBytes) v.push('ANSWER > 256 KB')
    const row = {
      label: job.label,
      fn,
      timeoutS,
      latencyMs: at,
      steps: steps.length,
      requests: steps.reduce((s, x) => s + x.requests, 0),
      reads: steps.reduce((s, x) => s + x.reads, 0),
      writes: steps.reduce((s, x) => s + x.writes, 0),
      maxRequestsPerStep: max((x) => x.requests + x.storage),
      maxStepSeconds: Object.fromEntries(LATENCIES.map((l) => [l, max((x) => msAt(x, l, at)) / 1000])),
      maxStepMeasuredSeconds: max((x) => x.simulatedMs) / 1000,
      maxAnswerBytes: max((x) => x.answerBytes),
      totalSimulatedSeconds: totalMs / 1000,
      cpuMs: Math.round(steps.reduce((s, x) => s + x.cpuMs, 0)),
      verdict: v.length ? v.join('; ') : 'fits',
    }
    jobs.push(row)
    log(
      `  ${row.label}: ${row.steps} steps, ${row.requests} requests, max step ${sec(row.maxStepMeasuredSeconds * 1000)} s, ` +
        `total ${sec(row.totalSimulatedSeconds * 1000)} s at ${at} ms — ${row.verdict}`,
    )
  }
  for (const job of jobTable(fx.year).filter((j) => !j.after)) await runJob(job)
  // The first 核算 of a year: no stored totals, so every total is written, then its ranks. Run at each latency (its
  // steps bound themselves by the clock), the totals emptied before each; the last run leaves them as they were.
  for (const l of LATENCIES) {
    executor.drop('totals')
    executor.simulate({ latencyMs: l })
    await runJob(
      {
        label: `核算 job, county, first of the year (no stored totals) at ${l} ms`,
        caller: 'admin',
        county: true,
        start: { action: 'score.tallyJob', body: { year: fx.year } },
        step: JOB_STEP,
        done: JOB_DONE,
      },
      l,
    )
  }
  executor.simulate({ latencyMs: latency })

  // ---- the nightly tally, for the capacity plan ----
  // The score function's timer (server/cloud/entry.ts) itself, on the virtual clock: each tick steps idle jobs, then
  // the nightly county 核算 job (started 12 h after the last) within its 40 s; ticks every 5 minutes until it is done.
  const nightly = async (label) => {
    const before = { ...executor.counters }
    let ticks = 0
    let steps = 0
    let done = false
    let failure = null
    let maxTick = 0
    for (; ticks < 288 && !done && !failure; ) {
      ticks++
      const r = await invoke('score', { Type: 'Timer', TriggerName: 'nightlyTally' }, null)
      maxTick = Math.max(maxTick, r.requests + r.storage)
      if (!r.env.ok) failure = `${r.env.error.code}: ${r.env.error.message}`
      else {
        steps = r.env.data.steps
        done = r.env.data.status !== 'running'
      }
      executor.advance(5 * 60_000)
    }
    const d = (k) => executor.counters[k] - before[k]
    const row = {
      label,
      ticks,
      steps,
      maxTickRequests: maxTick,
      done,
      failure,
      requests: d('requests'),
      reads: d('reads'),
      writes: d('writes'),
      perMember: {},
    }
    row.perMember = { reads: +(row.reads / c.active).toFixed(2), writes: +(row.writes / c.active).toFixed(2) }
    log(
      `  ${label}: ${ticks} timer ticks, ${steps} steps, ${row.reads} reads, ${row.writes} writes${done ? '' : ` — NOT DONE${failure ? ` (${failure})` : ''}`}`,
    )
    return row
  }
  log('nightly tally (timer ticks every 5 min, 40 s each):')
  const night = []
  executor.advance(24 * 3600_000)
  night.push(await nightly('quiet night (no change since the last run)'))
  // A busy day: 500 approvals across estates, then the next night.
  executor.advance(14 * 3600_000)
  let approved = 0
  for (let k = 2; approved < 500 && k <= c.estates; k++) {
    const ids = (await pendingOf(`E${k}`)).slice(0, 500 - approved)
    if (!ids.length) continue
    const r = await app.handle('attendance.review', { attendanceIds: ids, decision: 'approve' }, `bench-sec-E${k}`)
    if (r.envelope.ok) approved += r.envelope.data.approved
    else {
      log(`  busy day: attendance.review in E${k} failed: ${r.envelope.error.code} ${r.envelope.error.message}`)
      break
    }
  }
  executor.advance(10 * 3600_000)
  night.push(await nightly(`after a busy day (${approved} approvals)`))

  // ---- what runs last ----
  log('last:')
  for (const entry of table.filter((e) => e.after)) await runCall(entry)
  for (const job of jobTable(fx.year).filter((j) => j.after)) await runJob(job)

  // ---- report ----
  const over = [...calls, ...jobs].filter((r) => r.verdict !== 'fits').length
  const result = {
    date: new Date().toISOString().slice(0, 10),
    members: c.active,
    county: c,
    buildSeconds,
    latencyMs: latency,
    budget: BUDGET,
    calls,
    jobs,
    nightly: night,
    actionErrors: errors,
    over,
  }
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  else {
    const pad = (rows) => {
      const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)))
      return rows.map((r) =>
        r
          .map((x, i) => (i === 0 || i === r.length - 1 ? String(x).padEnd(w[i]) : String(x).padStart(w[i])))
          .join('  ')
          .trimEnd(),
      )
    }
    console.log(
      `\nCalls at ${c.active} members (simulated seconds = the call's elapsed time on the virtual clock, requests in flight together overlapping; CPU ms = the function's own work, app + SDK decoding, on this machine)`,
    )
    console.log(
      pad([
        ['call', 'requests', 'reads', 'writes', '10 ms', '25 ms', '50 ms', 'answer', 'CPU ms', 'timeout', 'verdict'],
        ...calls.map((r) => [
          r.label,
          r.requests + r.storage,
          r.reads,
          r.writes,
          `${sec(r.seconds[10] * 1000)} s`,
          `${sec(r.seconds[25] * 1000)} s`,
          `${sec(r.seconds[50] * 1000)} s`,
          kb(r.answerBytes),
          r.cpuMs,
          `${r.timeoutS} s`,
          r.verdict,
        ]),
      ]).join('\n'),
    )
    console.log(
      `\nJobs (run at the latency shown; max step at 10/25/50 ms scaled from it; budget: every step ≤ ${BUDGET.stepSeconds} s at 25 ms, a county 核算 ≤ ${BUDGET.tallySeconds / 60} min)`,
    )
    console.log(
      pad([
        ['job', 'latency', 'steps', 'requests', 'max req/step', 'max step 10/25/50 ms', 'total', 'max answer', 'timeout', 'verdict'],
        ...jobs.map((r) => [
          r.label,
          `${r.latencyMs} ms`,
          r.steps,
          r.requests,
          r.maxRequestsPerStep,
          LATENCIES.map((l) => sec(r.maxStepSeconds[l] * 1000)).join(' / '),
          `${sec(r.totalSimulatedSeconds * 1000)} s`,
          kb(r.maxAnswerBytes),
          `${r.timeoutS} s`,
          r.verdict,
        ]),
      ]).join('\n'),
    )
    console.log('\nNightly tally (capacity plan)')
    console.log(
      pad([
        ['night', 'ticks', 'steps', 'reads', 'writes', 'reads/member', 'writes/member', 'done'],
        ...night.map((r) => [
          r.label,
          r.ticks,
          r.steps,
          r.reads,
          r.writes,
          r.perMember.reads,
          r.perMember.writes,
          r.done ? 'yes' : `NO${r.failure ? ` (${r.failure})` : ''}`,
        ]),
      ]).join('\n'),
    )
    if (errors.length) {
      console.log('\nActions that threw (answered INTERNAL):')
      for (const e of errors) console.log(`  ${e.action}: ${e.error}`)
    }
    console.log(`\n${over} of ${calls.length + jobs.length} rows over budget${strict ? '' : ' (report only; --strict exits 1)'}`)
  }
  executor.uninstall()
  if (strict && over) process.exitCode = 1
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
