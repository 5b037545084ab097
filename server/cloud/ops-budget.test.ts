// How many cloud database requests each hot action makes, counted at the SDK's own transport (the local
// executor sees every request the real wx-server-sdk sends). The README's capacity plan is built on these
// figures; the bounds make a change that adds requests to a hot path fail here first.
import { createHmac } from 'crypto'
import { installLocalExecutor, createTestCloud, type LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import { createWxStore } from '../adapters/wxcloud/wx-store'
import { createCloudFiles } from '../adapters/wxcloud/cloud-files'
import { createApp } from '../app'
import { seedDemo } from '../local/seed'
import { issueCode } from '../../src/core/rotating-code'
import { renderQrDataUrl } from '../qr-image'
import { T0 } from '../testing/harness'
import { toIsoShanghai, HOUR, MINUTE } from '../../src/core/time'
import type { Deps } from '../context'

let executor: LocalExecutor
let deps: Deps
let app: ReturnType<typeof createApp>
const figures: Record<string, { requests: number; reads: number; writes: number; tx: number }> = {}

beforeAll(async () => {
  executor = installLocalExecutor()
  const { cloud, db } = createTestCloud()
  deps = {
    store: createWxStore(db),
    clock: { now: () => T0 },
    hmac: (m) => createHmac('sha256', 'ops-secret').update(m).digest(),
    adminOpenids: new Set(),
    renderQr: renderQrDataUrl,
    files: createCloudFiles(cloud),
  }
  app = createApp(deps, () => undefined)
  await seedDemo(deps)
}, 60000)
afterAll(() => {
  executor.uninstall()
  console.log(
    'cloud database requests per action:\n' +
      Object.entries(figures)
        .map(([k, f]) => `  ${k.padEnd(44)} ${String(f.requests).padStart(5)} requests (${f.reads} reads, ${f.writes} writes, ${f.tx} transactions)`)
        .join('\n'),
  )
})

async function measure(label: string, run: () => Promise<unknown>) {
  const from = executor.actions.length
  const out = await run()
  const sent = executor.actions.slice(from)
  const f = {
    requests: sent.length,
    reads: sent.filter((a) => a === 'database.getDocument' || a === 'database.calculateDocument').length,
    writes: sent.filter((a) => /insertDocument|modifyDocument|removeDocument/.test(a)).length,
    tx: sent.filter((a) => a === 'database.startTransaction').length,
  }
  figures[label] = f
  return { out: out as { envelope: { ok: boolean; data?: any } }, ...f }
}

const call = (openid: string, action: string, body: unknown) => app.handle(action, body, openid)

it('counts a check-in, a repeated one, and a check-out', async () => {
  const a = await call('demo-secretary-e1', 'activity.create', { estateBranchId: 'E1', title: '计数', itemCode: 'V01', startAt: toIsoShanghai(T0 - 5 * MINUTE), endAt: toIsoShanghai(T0 + HOUR), requireCheckout: true })
  const id = (a.envelope as any).data.activityId
  const code = issueCode(deps.hmac, id, T0).qr
  const first = await measure('activity.checkin (first)', () => call('demo-member-1', 'activity.checkin', { code }))
  expect(first.out.envelope.ok).toBe(true)
  expect(first.requests).toBeLessThanOrEqual(14)
  const again = await measure('activity.checkin (repeated)', () => call('demo-member-1', 'activity.checkin', { code }))
  expect(again.out.envelope.data.repeated).toBe(true)
  expect(again.writes).toBe(0)
  const out = await measure('activity.checkout', () => call('demo-member-1', 'activity.checkout', { code }))
  expect(out.out.envelope.ok).toBe(true)
  expect(out.requests).toBeLessThanOrEqual(14)
})

it('counts a bulk approval per attendance', async () => {
  const a = await call('demo-secretary-e1', 'activity.create', { estateBranchId: 'E1', title: '批量', itemCode: 'V01', startAt: toIsoShanghai(T0 - 5 * MINUTE), endAt: toIsoShanghai(T0 + HOUR) })
  const id = (a.envelope as any).data.activityId
  const code = issueCode(deps.hmac, id, T0).qr
  const ids: string[] = []
  for (let n = 2; n <= 9; n++) ids.push(((await call(`demo-member-${n}`, 'activity.checkin', { code })).envelope as any).data.attendanceId)
  const one = await measure('attendance.review (1 attendance)', () => call('demo-secretary-e1', 'attendance.review', { attendanceIds: ids.slice(0, 1), decision: 'approve' }))
  const seven = await measure('attendance.review (7 attendances)', () => call('demo-secretary-e1', 'attendance.review', { attendanceIds: ids.slice(1), decision: 'approve' }))
  expect(seven.out.envelope.data.approved).toBe(7)
  // Each further attendance costs one transaction; the fixed part (identity, scope, activity) is paid once.
  const perAttendance = (seven.requests - one.requests) / 6
  figures['attendance.review (each further attendance)'] = { requests: Math.round(perAttendance), reads: 0, writes: 0, tx: 1 }
  expect(perAttendance).toBeLessThanOrEqual(12)
})

it('counts a claim with two photos (storage lookups included) and its approval', async () => {
  const photos = ['a', 'b'].map((n) => `cloud://local-test.6c6f/claims/demo-member-2/${n}.jpg`)
  for (const p of photos) executor.putFile(p)
  const c = await measure('claim.submit (2 photos)', () =>
    call('demo-member-2', 'claim.submit', { itemCode: 'V02', occurredOn: '2025-06-30', title: '清理楼道', description: '清理了楼道堆放的杂物', photos }),
  )
  expect(c.out.envelope.ok).toBe(true)
  expect(c.writes).toBe(2)
  expect(c.requests).toBeLessThanOrEqual(14)
  const r = await measure('attendance.review (1 claim)', () => call('demo-secretary-e1', 'attendance.review', { attendanceIds: [c.out.envelope.data.attendanceId], decision: 'approve' }))
  expect(r.out.envelope.data.approved).toBe(1)
})

it('counts what a member and a secretary read', async () => {
  const mine = await measure('score.mine', () => call('demo-member-1', 'score.mine', { year: 2025 }))
  expect(mine.writes).toBe(0)
  const list = await measure('score.list (estate, 9 members)', () => call('demo-secretary-e1', 'score.list', { year: 2025, scopeId: 'E1' }))
  expect(list.writes).toBe(0)
  const acts = await measure('activity.list (member)', () => call('demo-member-1', 'activity.list', {}))
  expect(acts.writes).toBe(0)
})

it('counts the county tally of the demo county (49 registered members)', async () => {
  const t = await measure('score.tally (county, 49 members)', () => call('demo-admin', 'score.tally', { year: 2025 }))
  expect(t.out.envelope.ok).toBe(true)
  expect(t.out.envelope.data.members).toBe(49)
})
