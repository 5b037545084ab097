// Backup while serving: check-ins keep flowing during the copy, the copy opens cleanly, and restoring it
// gives a backend that serves what was acknowledged before the copy began.
import path from 'path'
import fs from 'fs'
import Database from 'better-sqlite3'
import { startTestServer, ok, type TestServer } from '../testing/harness'
import { toIsoShanghai, HOUR, MINUTE } from '../../src/core/time'
import { openSqliteStore } from '../adapters/sqlite/sqlite-store'

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { backup } = require('../../scripts/backup.js') as { backup: (dataDir: string, dest: string) => Promise<string> }

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

it('copies the database consistently while check-ins are being written', async () => {
  const activityId = ok(
    await srv.call('demo-secretary-e1', 'activity.create', {
      estateBranchId: 'E1',
      title: '备份期间的活动',
      itemCode: 'V01',
      startAt: toIsoShanghai(srv.clock.t - 5 * MINUTE),
      endAt: toIsoShanghai(srv.clock.t + HOUR),
    }),
  ).activityId
  const before = await srv.deps.store.count('attendances', {})
  const { qr } = srv.codeFor(activityId)
  const dest = path.join(srv.dataDir, 'copy.db')
  const load = Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => srv.call(`demo-member-${n}`, 'activity.checkin', { code: qr })))
  await backup(srv.dataDir, dest)
  const replies = await load
  expect(replies.every((r) => r.status === 200)).toBe(true)

  const copy = new Database(dest, { readonly: true })
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
  const copied = (copy.prepare('SELECT COUNT(*) AS n FROM attendances').get() as { n: number }).n
  copy.close()
  // A snapshot: everything acknowledged before the copy, and no torn half of what came during it.
  expect(copied).toBeGreaterThanOrEqual(before)
  expect(copied).toBeLessThanOrEqual(before + 9)

  const restoredDir = fs.mkdtempSync(path.join(srv.dataDir, 'restore-'))
  fs.copyFileSync(dest, path.join(restoredDir, 'dual-score.db'))
  const restored = openSqliteStore(path.join(restoredDir, 'dual-score.db'))
  expect(await restored.count('attendances', {})).toBe(copied)
  expect(await restored.get('orgs', 'E1')).toMatchObject({ name: '幸福里小区党支部' })
  await restored.close()
})
