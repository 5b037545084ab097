// Backup while serving, and restore (README "Backup and restore"): the real bundled backend (dist/server/main.js) in
// a child process under a continuous check-in load from many members at once; `scripts/backup.js` runs in its own
// process, as `npm run backup` does, while check-ins are being acknowledged; the backup folder is restored into a
// fresh DATA_DIR exactly as the README says, and a backend started there is checked: an intact snapshot (every
// attendance with its audit record, a count between what was acknowledged before the backup started and what was
// acknowledged by its end), and the restored secrets and photos still honour codes, logins and photo links issued
// before the backup.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

const { buildServer, startBackend, tempDir, isoShanghai } = require('../../scripts/lib/backend.js')
const { client, keepAliveAgent, request } = require('../../scripts/lib/http-client.js')
const { addMembers, createActivity, showCode } = require('../../scripts/lib/fixtures.js')
const { KEY_FILES } = require('../../scripts/backup.js') as { KEY_FILES: string[] }

jest.setTimeout(60_000)

const ROOT = path.resolve(__dirname, '..', '..')
const SEC = 'demo-secretary-e1'
const MEMBERS = 200
const LOAD_ACTIVITIES = 3
const CONCURRENCY = 16
/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

interface Member {
  openid: string
  memberId: string
  token: string
}
interface Ack {
  attendanceId: string
  activityId: string
  memberId: string
  at: number
}

const dirs: string[] = []
const backends: { stop(): Promise<unknown>; alive(): boolean }[] = []
afterAll(async () => {
  for (const b of backends) if (b.alive()) await b.stop()
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

/** `node scripts/backup.js <dest>` with DATA_DIR, as `npm run backup -- <dest>`; resolves its exit code and output. */
function runBackupProcess(dataDir: string, dest: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    let out = ''
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'backup.js'), dest], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, out }))
  })
}

it('backs up under a continuous check-in load, and a restore serves an intact snapshot with working codes, logins and photos', async () => {
  const t0 = Date.now()
  buildServer()
  const dataDir = tempDir('dual-score-backup-')
  dirs.push(dataDir)
  const live = await startBackend({ dataDir })
  backends.push(live)
  const c = client(live.port)

  // Members, activities in progress, and a claim with a photo behind a signed URL.
  const members: Member[] = await addMembers(c, { count: MEMBERS })
  const activities: string[] = []
  for (let k = 0; k < LOAD_ACTIVITIES; k++) activities.push(await createActivity(c, { title: `备份压测 ${k + 1}` }))
  const afterRestore = await createActivity(c, { title: '恢复后签到' })
  const uploaded = await fetch(`${live.url}/files`, {
    method: 'POST',
    headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${members[0].token}` },
    body: new Uint8Array(PNG),
  })
  const fileId = ((await uploaded.json()) as { data: { fileId: string } }).data.fileId
  const today = isoShanghai(Date.now()).slice(0, 10)
  const claim = await c.ok(members[0].openid, 'claim.submit', {
    itemCode: 'V02',
    occurredOn: today,
    title: '清理楼道',
    description: '清理了楼道堆放的杂物',
    photos: [fileId],
  })
  const queue = await c.ok(SEC, 'attendance.list', { estateBranchId: 'E1' })
  const photoUrl: string = queue.find((x: { id: string }) => x.id === claim.attendanceId).claim.photos[0]
  expect((await fetch(live.url + photoUrl)).status).toBe(200)

  // Continuous load: every member checks in to every load activity, CONCURRENCY requests in flight at all times.
  const codes = await Promise.all(activities.map((activityId) => showCode(c, { activityId })))
  const jobs = activities.flatMap((activityId, k) => members.map((m) => ({ m, activityId, code: codes[k] })))
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[jobs[i], jobs[j]] = [jobs[j], jobs[i]]
  }
  const acks: Ack[] = []
  const failures: string[] = []
  const agent = keepAliveAgent(CONCURRENCY)
  const window = { start: 0, end: 0, ackedAtStart: 0, ackedAtEnd: 0, sentAtEnd: 0 }
  let sent = 0
  let next = 0
  let stop = false
  let backupRun: Promise<{ code: number | null; out: string }> | null = null
  const dest = path.join(tempDir('dual-score-backup-copy-'), 'backup')
  dirs.push(path.dirname(dest))
  const startBackup = () => {
    window.start = Date.now()
    window.ackedAtStart = acks.length
    backupRun = runBackupProcess(dataDir, dest).then((r) => {
      window.end = Date.now()
      window.ackedAtEnd = acks.length
      window.sentAtEnd = sent
      return r
    })
  }
  const worker = async () => {
    while (!stop && next < jobs.length) {
      const { m, activityId, code } = jobs[next++]
      sent++
      try {
        const r = await request({ port: live.port, agent, path: '/api/activity.checkin', body: { code: code.qr() }, token: m.token })
        if (r.status === 200 && r.body.ok) acks.push({ attendanceId: r.body.data.attendanceId, activityId, memberId: m.memberId, at: Date.now() })
        else failures.push(`${r.status} ${JSON.stringify(r.body.error)}`)
      } catch (e) {
        failures.push(String(e))
      }
      // The backup starts once the load is in full swing; the load stops a little after the backup has ended.
      if (!backupRun && acks.length >= 60) startBackup()
      if (window.end && acks.length >= window.ackedAtEnd + 40) stop = true
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  agent.destroy()
  for (const code of codes) code.stop()
  expect(backupRun).not.toBeNull()
  const backupResult = await backupRun!
  expect({ code: backupResult.code, out: backupResult.out }).toEqual({ code: 0, out: expect.stringContaining('备份完成') })
  expect(failures).toEqual([])
  // The backup provably overlapped the load: check-ins were acknowledged while it ran.
  const during = acks.filter((a) => a.at >= window.start && a.at <= window.end).length
  expect(window.ackedAtEnd - window.ackedAtStart).toBeGreaterThan(0)
  expect(during).toBeGreaterThan(0)

  // Codes, logins and photo links issued before the restore must keep working after it.
  const oldQr: string = (await c.ok(SEC, 'activity.code', { activityId: afterRestore })).qr
  const latecomer = members[members.length - 1]
  c.close()
  await live.stop()

  // Restore exactly as the README says: the folder's contents into a fresh DATA_DIR, no -wal / -shm beside the copy.
  expect(fs.readdirSync(dest).sort()).toEqual([...KEY_FILES, 'dual-score.db', 'files'].sort())
  const restoredDir = tempDir('dual-score-restored-')
  dirs.push(restoredDir)
  fs.cpSync(dest, restoredDir, { recursive: true })
  for (const f of ['dual-score.db-wal', 'dual-score.db-shm']) fs.rmSync(path.join(restoredDir, f), { force: true })

  // The snapshot itself: intact, no attendance without its audit record, nothing acknowledged before it lost,
  // nothing in it that was never acknowledged, and no more than was acknowledged by the backup's end.
  const db = new Database(path.join(restoredDir, 'dual-score.db'), { readonly: true })
  const ids = JSON.stringify([...activities, afterRestore])
  let copied: string[]
  let unaudited: number
  let claimAudited: number
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    copied = (
      db.prepare(`SELECT id FROM attendances WHERE json_extract(doc, '$.activityId') IN (SELECT value FROM json_each(?))`).all(ids) as {
        id: string
      }[]
    ).map((r) => r.id)
    unaudited = (
      db
        .prepare(
          `SELECT COUNT(*) AS n FROM attendances a WHERE json_extract(a.doc, '$.activityId') IN (SELECT value FROM json_each(?))
             AND NOT EXISTS (SELECT 1 FROM audit u WHERE json_extract(u.doc, '$.target') = a.id AND json_extract(u.doc, '$.action') = 'activity.checkin')`,
        )
        .get(ids) as { n: number }
    ).n
    claimAudited = (
      db
        .prepare(`SELECT COUNT(*) AS n FROM audit WHERE json_extract(doc, '$.target') = ? AND json_extract(doc, '$.action') = 'claim.submit'`)
        .get(claim.attendanceId) as { n: number }
    ).n
  } finally {
    db.close()
  }
  expect(unaudited).toBe(0)
  expect(claimAudited).toBe(1)
  const inCopy = new Set(copied)
  const ackedIds = new Set(acks.map((a) => a.attendanceId))
  expect(acks.slice(0, window.ackedAtStart).filter((a) => !inCopy.has(a.attendanceId))).toEqual([])
  expect(copied.filter((id) => !ackedIds.has(id))).toEqual([])
  expect(copied.length).toBeGreaterThanOrEqual(window.ackedAtStart)
  expect(copied.length).toBeLessThanOrEqual(window.ackedAtEnd)

  // The restored backend over HTTP.
  const restored = await startBackend({ dataDir: restoredDir })
  backends.push(restored)
  const r = client(restored.port)
  let overHttp = 0
  for (const activityId of activities) overHttp += (await r.ok(SEC, 'activity.get', { activityId })).checkedIn
  expect(overHttp).toBe(copied.length)
  // A login token from before the backup (dev-token.key), a code shown before it (checkin-secret.key) …
  const me = await request({ port: restored.port, path: '/api/me.get', body: {}, token: latecomer.token })
  expect(me.status).toBe(200)
  const late = await request({ port: restored.port, path: '/api/activity.checkin', body: { code: oldQr }, token: latecomer.token })
  expect({ status: late.status, repeated: late.body.data?.repeated }).toEqual({ status: 200, repeated: false })
  // … a signed photo link from before it (file-url.key, files/) with the same bytes …
  const photo = await fetch(restored.url + photoUrl)
  expect(photo.status).toBe(200)
  expect(Buffer.from(await photo.arrayBuffer()).equals(PNG)).toBe(true)
  // … and check-ins go on: for 20 members, one already in the snapshot is answered as a repeat with the same
  // attendance, one that is not (after the snapshot, or never sent) is written now.
  const act0 = activities[0]
  const inSnapshot = new Map(acks.filter((a) => a.activityId === act0 && inCopy.has(a.attendanceId)).map((a) => [a.memberId, a.attendanceId]))
  const before0 = (await r.ok(SEC, 'activity.get', { activityId: act0 })).checkedIn
  const fresh = await r.ok(SEC, 'activity.code', { activityId: act0 })
  const sample = members.slice(0, 20)
  const outcomes = await Promise.all(
    sample.map((m) => request({ port: restored.port, path: '/api/activity.checkin', body: { code: fresh.qr }, token: m.token })),
  )
  expect(outcomes.map((o) => o.status)).toEqual(sample.map(() => 200))
  expect(outcomes.map((o) => o.body.data.repeated)).toEqual(sample.map((m) => inSnapshot.has(m.memberId)))
  for (const [k, m] of sample.entries()) if (inSnapshot.has(m.memberId)) expect(outcomes[k].body.data.attendanceId).toBe(inSnapshot.get(m.memberId))
  const written = sample.filter((m) => !inSnapshot.has(m.memberId)).length
  expect((await r.ok(SEC, 'activity.get', { activityId: act0 })).checkedIn).toBe(before0 + written)
  r.close()
  await restored.stop()

  console.log(
    `backup while serving: ${acks.length} check-ins acknowledged in all; backup ran ${window.end - window.start} ms, ` +
      `${window.ackedAtStart} acknowledged before it started, ${window.ackedAtEnd} by its end (${during} during it); ` +
      `snapshot holds ${copied.length}; whole test ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  )
})
