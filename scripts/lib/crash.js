// The crash test of docs/DESIGN.md#storage-and-the-two-backends ("killing the local backend mid-load loses no acknowledged write and it restarts
// cleanly"), shared by `npm run crash-test` and server/local/crash.test.ts.
//
// One DATA_DIR and one long activity for all rounds. Each round: start the bundled backend, run a check-in
// load of distinct members not yet acknowledged, SIGKILL the process once a random number of check-ins has
// been acknowledged (so requests are in flight), restart it on the same DATA_DIR, and verify that every
// check-in ever answered 200 ok is stored under the attendanceId it was answered with, that
// `PRAGMA integrity_check` is ok and that the backend serves /healthz and the API again.
//
// What a SIGKILL proves: a write is committed before it is acknowledged and the database recovers from a
// process dying at any instruction. It does not simulate power loss (the OS page cache survives a process
// kill); synchronous=FULL is what covers that, by design.
const fs = require('node:fs')
const path = require('node:path')
const Database = require('better-sqlite3')
const { startBackend, tempDir } = require('./backend')
const { client, keepAliveAgent, mapLimit } = require('./http-client')
const { addMembers, createActivity, showCode } = require('./fixtures')
const { runCheckins } = require('./load')

/**
 * Opens the database read-only and checks every acknowledged check-in. `acked`: Map memberId → attendanceId.
 * Returns { integrity, present, missing: [{memberId, attendanceId}], wrongMember, total }.
 */
function verifyDurability(dbFile, acked, activityId) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    const get = db.prepare('SELECT doc FROM attendances WHERE id = ?')
    const missing = []
    let wrongMember = 0
    for (const [memberId, attendanceId] of acked) {
      const row = get.get(attendanceId)
      if (!row) missing.push({ memberId, attendanceId })
      else {
        const doc = JSON.parse(row.doc)
        if (doc.memberId !== memberId || (activityId && doc.activityId !== activityId)) wrongMember++
      }
    }
    const total = activityId
      ? db.prepare("SELECT COUNT(*) AS n FROM attendances WHERE json_extract(doc, '$.activityId') = ?").get(activityId).n
      : db.prepare('SELECT COUNT(*) AS n FROM attendances').get().n
    return { integrity, present: acked.size - missing.length, missing, wrongMember, total }
  } finally {
    db.close()
  }
}

const randInt = (lo, hi) => lo + Math.floor(Math.random() * (hi - lo + 1))

/**
 * opts: rounds, members (pool size), perRound (max check-ins sent per round), concurrency, dataDir?, keep?
 * log: progress lines. Resolves { ok, dataDir, activityId, rounds: [...], acknowledged, acked (Map memberId →
 * attendanceId), present, missing, finalIntegrity }.
 */
async function runCrashTest(opts = {}, log = () => undefined) {
  const o = { rounds: 10, members: 4000, perRound: 600, concurrency: 32, sampleHttp: 20, ...opts }
  const dataDir = o.dataDir ?? tempDir('dual-score-crash-')
  const dbFile = path.join(dataDir, 'dual-score.db')
  const acked = new Map()
  const rounds = []
  let backend = await startBackend({ dataDir })
  try {
    let c = client(backend.port)
    const members = await addMembers(c, { count: o.members, idPrefix: 'CM', openidPrefix: 'crash-m', phonePrefix: '37' })
    // One long activity for every round: the code keeps rotating (and the secret persists in DATA_DIR), so the
    // load refetches it after each restart.
    const activityId = await createActivity(c, { title: '断电演练活动', startedAgoMs: 10 * 60000, endsInMs: 6 * 3600000 })
    log(`setup: ${members.length} members registered, activity ${activityId}, DATA_DIR ${dataDir}`)

    for (let r = 1; r <= o.rounds; r++) {
      const todo = members.filter((m) => !acked.has(m.memberId)).slice(0, o.perRound)
      if (todo.length < 20) throw new Error(`member pool exhausted before round ${r}: raise members`)
      const killAfter = randInt(Math.max(5, Math.floor(todo.length * 0.1)), Math.floor(todo.length * 0.7))
      const code = await showCode(c, { activityId, refreshMs: 10000 })
      const agent = keepAliveAgent(o.concurrency)
      let ackedThisRound = 0
      let inFlightAtKill = null
      let killedAtMs = null
      const t0 = Date.now()
      const { results } = await runCheckins({
        port: backend.port,
        agent,
        concurrency: o.concurrency,
        jobs: todo,
        qr: code.qr,
        timeoutMs: 10000,
        onResult: (res, state) => {
          if (res.ok) {
            // Acknowledged: the client saw 200 ok with this id. Even an answer that arrives after the kill
            // was sent counts, because the backend wrote it before answering.
            const prev = acked.get(res.memberId)
            if (prev && prev !== res.attendanceId) throw new Error(`two attendanceIds for ${res.memberId}`)
            acked.set(res.memberId, res.attendanceId)
            ackedThisRound++
          }
          if (inFlightAtKill === null && ackedThisRound >= killAfter) {
            inFlightAtKill = state.inFlight
            killedAtMs = Date.now() - t0
            state.stop = true
            backend.kill()
          }
        },
      })
      code.stop()
      agent.destroy()
      c.close()
      if (inFlightAtKill === null) {
        // The load finished before the target (e.g. everything failed): kill anyway, but say so.
        killedAtMs = Date.now() - t0
        inFlightAtKill = 0
        backend.kill()
      }
      const exit = await backend.exited
      const sent = results.filter(Boolean)
      const failed = sent.filter((x) => !x.ok)
      const errors = {}
      for (const x of failed) errors[x.error] = (errors[x.error] ?? 0) + 1
      const acknowledged = sent.filter((x) => x.ok).length

      backend = await startBackend({ dataDir })
      c = client(backend.port)
      const v = verifyDurability(dbFile, acked, activityId)
      // Through the API as well: the count the secretary sees, and a sample of members' own records.
      const checkedIn = (await c.ok('demo-secretary-e1', 'activity.get', { activityId })).checkedIn
      const sample = sent.filter((x) => x.ok).slice(-o.sampleHttp)
      const seenByMembers = await mapLimit(sample, 8, async (x) => {
        const member = todo[x.i]
        const mine = await c.ok(member.openid, 'attendance.mine', {})
        return mine.some((a) => a.id === x.attendanceId && a.activityId === activityId)
      })
      // Check-ins that failed on the client (in flight at the kill) but were committed: allowed, not a loss.
      const db = new Database(dbFile, { readonly: true })
      let unackedButStored = 0
      try {
        const q = db.prepare("SELECT 1 FROM attendances WHERE json_extract(doc, '$.activityId') = ? AND json_extract(doc, '$.memberId') = ?")
        for (const x of failed) if (q.get(activityId, x.memberId)) unackedButStored++
      } finally {
        db.close()
      }
      const round = {
        round: r,
        sent: sent.length,
        acknowledged,
        failed: failed.length,
        errors,
        killAfter,
        killedAtMs,
        inFlightAtKill,
        exitSignal: exit.signal,
        unackedButStored,
        restartMs: backend.startMs,
        cumulativeAcknowledged: acked.size,
        cumulativePresent: v.present,
        missing: v.missing.length,
        wrongMember: v.wrongMember,
        integrity: v.integrity,
        storedForActivity: v.total,
        apiCheckedIn: checkedIn,
        apiSampleOk: seenByMembers.filter(Boolean).length,
        apiSample: seenByMembers.length,
        healthz: true,
      }
      round.ok =
        round.missing === 0 &&
        round.wrongMember === 0 &&
        round.integrity === 'ok' &&
        round.exitSignal === 'SIGKILL' &&
        round.apiCheckedIn >= acked.size &&
        round.apiCheckedIn === round.storedForActivity &&
        round.apiSampleOk === round.apiSample
      rounds.push(round)
      log(
        `round ${r}: sent ${round.sent}, acknowledged ${acknowledged}, killed after ${killedAtMs} ms with ${inFlightAtKill} in flight (${exit.signal}); ` +
          `restarted in ${round.restartMs} ms; acknowledged so far ${acked.size}, present ${v.present}, missing ${v.missing.length}; ` +
          `in flight but stored ${unackedButStored}; integrity ${v.integrity}; API count ${checkedIn}${round.ok ? '' : '  ← FAILED'}`,
      )
      if (v.missing.length)
        log(
          `  missing: ${v.missing
            .slice(0, 10)
            .map((m) => `${m.memberId}→${m.attendanceId}`)
            .join(', ')}`,
        )
    }
    c.close()
    const stop = await backend.stop()
    const final = verifyDurability(dbFile, acked, activityId)
    const ok = rounds.every((x) => x.ok) && final.missing.length === 0 && final.integrity === 'ok'
    return {
      ok,
      dataDir,
      activityId,
      rounds,
      acknowledged: acked.size,
      acked,
      present: final.present,
      missing: final.missing,
      finalIntegrity: final.integrity,
      gracefulStop: stop,
    }
  } finally {
    if (backend.alive()) backend.kill()
    await backend.exited
    if (!o.keep && !o.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

module.exports = { runCrashTest, verifyDurability }
