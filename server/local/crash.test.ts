// docs/DESIGN.md#storage-and-the-two-backends: "killing the local backend mid-load loses no acknowledged write and it restarts cleanly", short form
// of `npm run crash-test`: the real bundled backend (dist/server/main.js) in a child process, check-ins from
// 20 concurrent clients, SIGKILL with requests in flight, restart on the same DATA_DIR, three times.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

interface Round {
  round: number
  sent: number
  acknowledged: number
  inFlightAtKill: number
  exitSignal: string | null
  cumulativeAcknowledged: number
  cumulativePresent: number
  missing: number
  wrongMember: number
  integrity: string
  storedForActivity: number
  apiCheckedIn: number
  apiSample: number
  apiSampleOk: number
  ok: boolean
}
interface CrashResult {
  ok: boolean
  dataDir: string
  activityId: string
  rounds: Round[]
  acknowledged: number
  acked: Map<string, string>
  present: number
  missing: { memberId: string; attendanceId: string }[]
  finalIntegrity: string
}
interface Verified {
  integrity: string
  present: number
  missing: { memberId: string; attendanceId: string }[]
  wrongMember: number
  total: number
}

const { buildServer, tempDir } = require('../../scripts/lib/backend.js') as { buildServer: () => string; tempDir: (prefix: string) => string }
const { runCrashTest, verifyDurability } = require('../../scripts/lib/crash.js') as {
  runCrashTest: (opts: Record<string, unknown>, log?: (line: string) => void) => Promise<CrashResult>
  verifyDurability: (dbFile: string, acked: Map<string, string>, activityId?: string) => Verified
}

jest.setTimeout(60_000)

let dataDir: string
let result: CrashResult
const lines: string[] = []

beforeAll(async () => {
  buildServer()
  dataDir = tempDir('dual-score-crash-test-')
  result = await runCrashTest({ rounds: 3, members: 300, perRound: 90, concurrency: 20, sampleHttp: 10, dataDir }, (l) => lines.push(l))
}, 55_000)

afterAll(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

it('keeps every acknowledged check-in across three SIGKILLs mid-load, and restarts cleanly', () => {
  const report = lines.join('\n')
  expect(result.rounds).toHaveLength(3)
  for (const r of result.rounds) {
    // The kill really happened mid-load: by SIGKILL, with check-ins acknowledged before it and others in flight.
    expect({ round: r.round, signal: r.exitSignal }).toEqual({ round: r.round, signal: 'SIGKILL' })
    expect(r.acknowledged).toBeGreaterThan(0)
    expect(r.inFlightAtKill).toBeGreaterThan(0)
    // Nothing acknowledged is lost, and the restarted backend agrees through its API.
    expect({ round: r.round, missing: r.missing, wrongMember: r.wrongMember, integrity: r.integrity }).toEqual({
      round: r.round,
      missing: 0,
      wrongMember: 0,
      integrity: 'ok',
    })
    expect(r.cumulativePresent).toBe(r.cumulativeAcknowledged)
    expect(r.apiCheckedIn).toBe(r.storedForActivity)
    expect(r.apiCheckedIn).toBeGreaterThanOrEqual(r.cumulativeAcknowledged)
    expect(r.apiSampleOk).toBe(r.apiSample)
    expect(r.ok).toBe(true)
  }
  // Rounds build on each other: later rounds add to, and never lose, what earlier rounds stored.
  const totals = result.rounds.map((r) => r.cumulativeAcknowledged)
  expect(totals[0]).toBeLessThan(totals[1])
  expect(totals[1]).toBeLessThan(totals[2])
  expect(result.present).toBe(result.acknowledged)
  expect(result.missing).toEqual([])
  expect(result.finalIntegrity).toBe('ok')
  expect(result.ok).toBe(true)
  expect(report).not.toMatch(/FAILED/)
})

it('has a verifier that does notice a lost acknowledged check-in', () => {
  // Remove one acknowledged attendance from a copy of the database: the same check must report exactly it.
  const [memberId, attendanceId] = [...result.acked][0]
  const copy = path.join(dataDir, 'tampered.db')
  const src = new Database(path.join(dataDir, 'dual-score.db'), { readonly: true })
  src.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`)
  src.close()
  const db = new Database(copy)
  expect(db.prepare('DELETE FROM attendances WHERE id = ?').run(attendanceId).changes).toBe(1)
  db.close()
  const v = verifyDurability(copy, result.acked, result.activityId)
  expect(v.missing).toEqual([{ memberId, attendanceId }])
  expect(v.present).toBe(result.acked.size - 1)

  // And an acknowledgement the database never saw is reported missing too.
  const withForged = new Map(result.acked).set('CM99999', 'T_never_written')
  expect(verifyDurability(path.join(dataDir, 'dual-score.db'), withForged, result.activityId).missing).toEqual([
    { memberId: 'CM99999', attendanceId: 'T_never_written' },
  ])
})
