// How many cloud database requests each hot action makes, counted at the SDK's own transport (the local
// executor sees every request the real wx-server-sdk sends). The README's capacity plan is built on these
// figures; the bounds make a change that adds requests to a hot path fail here first.
import { assertConforms } from '../testing/contract-check'
import type { createApp } from '../app'
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import { startTestCloud } from '../testing/cloud-harness'
import { issueCode } from '../../src/core/rotating-code'
import { T0 } from '../testing/harness'
import { toIsoShanghai, HOUR, MINUTE } from '../../src/core/time'
import type { Deps } from '../context/deps'

let executor: LocalExecutor
let deps: Deps
let app: ReturnType<typeof createApp>
const figures: Record<string, { requests: number; reads: number; writes: number; tx: number }> = {}

beforeAll(async () => {
  ;({ executor, deps, app } = await startTestCloud({ secret: 'ops-secret', now: () => T0 }))
}, 60000)
afterAll(() => {
  executor.uninstall()
  console.log(
    'cloud database requests per action:\n' +
      Object.entries(figures)
        .map(
          ([k, f]) =>
            `  ${k.padEnd(50)} ${String(+f.requests.toFixed(2)).padStart(5)} requests (${+f.reads.toFixed(2)} reads, ${+f.writes.toFixed(2)} writes, ${+f.tx.toFixed(2)} transactions)`,
        )
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

const call = async (openid: string, action: string, body: unknown) => {
  const out = await app.handle(action, body, openid)
  assertConforms(action, out.status, out.envelope)
  return out
}

it('counts a check-in, a repeated one, and a check-out', async () => {
  const a = await call('demo-secretary-e1', 'activity.create', {
    estateBranchId: 'E1',
    title: '计数',
    itemCode: 'V01',
    startAt: toIsoShanghai(T0 - 5 * MINUTE),
    endAt: toIsoShanghai(T0 + HOUR),
    requireCheckout: true,
  })
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
  const a = await call('demo-secretary-e1', 'activity.create', {
    estateBranchId: 'E1',
    title: '批量',
    itemCode: 'V01',
    startAt: toIsoShanghai(T0 - 5 * MINUTE),
    endAt: toIsoShanghai(T0 + HOUR),
  })
  const id = (a.envelope as any).data.activityId
  const code = issueCode(deps.hmac, id, T0).qr
  const ids: string[] = []
  for (let n = 2; n <= 9; n++) ids.push(((await call(`demo-member-${n}`, 'activity.checkin', { code })).envelope as any).data.attendanceId)
  const one = await measure('attendance.review (1 attendance)', () =>
    call('demo-secretary-e1', 'attendance.review', { attendanceIds: ids.slice(0, 1), decision: 'approve' }),
  )
  const seven = await measure('attendance.review (7 attendances)', () =>
    call('demo-secretary-e1', 'attendance.review', { attendanceIds: ids.slice(1), decision: 'approve' }),
  )
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
    call('demo-member-2', 'claim.submit', {
      itemCode: 'V02',
      occurredOn: '2025-06-30',
      title: '清理楼道',
      description: '清理了楼道堆放的杂物',
      photos,
    }),
  )
  expect(c.out.envelope.ok).toBe(true)
  expect(c.writes).toBe(2)
  expect(c.requests).toBeLessThanOrEqual(14)
  const r = await measure('attendance.review (1 claim)', () =>
    call('demo-secretary-e1', 'attendance.review', { attendanceIds: [c.out.envelope.data.attendanceId], decision: 'approve' }),
  )
  expect(r.out.envelope.data.approved).toBe(1)
})

it('counts what a member and a secretary read', async () => {
  const mine = await measure('score.mine', () => call('demo-member-1', 'score.mine', { year: 2025 }))
  expect(mine.writes).toBe(0)
  expect(mine.requests).toBeLessThanOrEqual(16)
  const list = await measure('score.list (estate, 9 members)', () => call('demo-secretary-e1', 'score.list', { year: 2025, scopeId: 'E1' }))
  expect(list.writes).toBe(0)
})

/** activity.list shows every activity of the estate (up to 200), and each one costs its own requests. */
const PER_ACTIVITY_MAX = 3
const LIST_FIXED_MAX = 8
it(`counts the home page's activity.list and how it grows per activity (≤ ${PER_ACTIVITY_MAX} each)`, async () => {
  const before = await measure('activity.list (member, seed)', () => call('demo-member-1', 'activity.list', {}))
  expect(before.writes).toBe(0)
  const shownBefore = (before.out.envelope.data as unknown[]).length
  // 20 more published activities in the member's estate, as a year of weekly activities would add.
  for (let k = 0; k < 20; k++) {
    const r = await call('demo-secretary-e1', 'activity.create', {
      estateBranchId: 'E1',
      title: `周活动 ${k + 1}`,
      itemCode: 'V01',
      startAt: toIsoShanghai(T0 - (k + 1) * 7 * 24 * HOUR),
      endAt: toIsoShanghai(T0 - (k + 1) * 7 * 24 * HOUR + HOUR),
    })
    expect(r.envelope.ok).toBe(true)
  }
  const after = await measure('activity.list (member, seed + 20)', () => call('demo-member-1', 'activity.list', {}))
  const shownAfter = (after.out.envelope.data as unknown[]).length
  expect(shownAfter).toBe(shownBefore + 20)
  const perActivity = (after.requests - before.requests) / (shownAfter - shownBefore)
  const fixed = before.requests - perActivity * shownBefore
  figures[`activity.list: per activity shown (${shownBefore} → ${shownAfter})`] = { requests: perActivity, reads: perActivity, writes: 0, tx: 0 }
  figures['activity.list: fixed part'] = { requests: fixed, reads: fixed, writes: 0, tx: 0 }
  // Linear in the activities shown: a count of its attendances, the member's sign-up and own attendance.
  expect(perActivity).toBeLessThanOrEqual(PER_ACTIVITY_MAX)
  expect(fixed).toBeLessThanOrEqual(LIST_FIXED_MAX)
  expect(before.requests).toBeLessThanOrEqual(LIST_FIXED_MAX + PER_ACTIVITY_MAX * shownBefore)
  expect(after.requests).toBeLessThanOrEqual(LIST_FIXED_MAX + PER_ACTIVITY_MAX * shownAfter)
})

/** Adds `n` active members to E1 (no entries yet) directly in the store: only what the tally reads. */
async function addMembers(n: number, from: number) {
  const template = (await deps.store.get('members', 'M0001')) ?? (await deps.store.find('members', { status: 'active' }, { limit: 1 }))[0]
  for (let k = from; k < from + n; k++) {
    await deps.store.set('members', {
      ...template,
      _id: `OPS${String(k).padStart(4, '0')}`,
      name: `计数党员${k}`,
      phone: `1390000${String(k).padStart(4, '0')}`,
      openid: null,
      status: 'active',
    })
  }
}

/** Makes every stored total of the year look stale (not counted): the next tally must rewrite them all, like a busy day. */
async function spoilTotals() {
  for (const d of await deps.store.find('totals', { year: 2025 })) await deps.store.set('totals', { ...d, total: -1, rankInEstate: 0, rankInUnit: 0 })
}

/** The nightly path: the timer starts the county tally job (score.tallyJob) and steps it (job.step) to its end. */
async function nightlyRun(label: string, members: number) {
  let steps = 0
  const run = await measure(label, async () => {
    let r = await call('demo-admin', 'score.tallyJob', { year: 2025 })
    steps++
    while (r.envelope.ok && (r.envelope as any).data.status === 'running') {
      r = await call('demo-admin', 'job.step', { jobId: (r.envelope as any).data.id })
      steps++
      if (steps > 10) throw new Error('the nightly tally does not finish')
    }
    expect(r.envelope.ok).toBe(true)
    return r
  })
  expect((run.out.envelope.data as { counts: { members: number } }).counts.members).toBe(members)
  return { ...run, steps, counts: (run.out.envelope.data as { counts: Record<string, number> }).counts }
}

const TALLY_PER_MEMBER_MAX = 2.1
const NIGHTLY_PER_MEMBER_MAX = 2.1
it(`counts the county tally of the demo county (49 registered members) and its growth per member`, async () => {
  const t = await measure('score.tally (county, 49 members, first)', () => call('demo-admin', 'score.tally', { year: 2025 }))
  expect(t.out.envelope.ok).toBe(true)
  expect(t.out.envelope.data.members).toBe(49)
  expect(t.requests).toBeLessThanOrEqual(30 + 49 * TALLY_PER_MEMBER_MAX)
  // A quiet night: nothing changed since the last tally, so no total and no rank is written.
  const quiet = await nightlyRun('nightly tally job, quiet night (49 members)', 49)
  expect(quiet.counts).toMatchObject({ written: 0, unchanged: 49 })
  expect(quiet.counts.ranked ?? 0).toBe(0)
  // The job document (created, leased, saved) and the run's audit.
  expect(quiet.writes).toBeLessThanOrEqual(5)
  expect(quiet.requests).toBeLessThanOrEqual(40)
  // A busy night: every total changed, and every rank with it.
  await spoilTotals()
  const busy = await nightlyRun('nightly tally job, every total changed (49 members)', 49)
  expect(busy.counts).toMatchObject({ written: 49, ranked: 49 })

  await addMembers(20, 1)
  await spoilTotals()
  const busy2 = await nightlyRun('nightly tally job, every total changed (69 members)', 69)
  const perMember = (busy2.requests - busy.requests) / 20
  figures['nightly tally job (busy): per member'] = {
    requests: perMember,
    reads: (busy2.reads - busy.reads) / 20,
    writes: (busy2.writes - busy.writes) / 20,
    tx: 0,
  }
  // Each new member's total is written once (they have no points yet, so no rank to write); a member whose total and
  // ranks both changed is written twice (49 above). Reads are pages shared by up to 200 members.
  expect(busy2.writes - busy.writes).toBe(20)
  expect(perMember).toBeLessThanOrEqual(NIGHTLY_PER_MEMBER_MAX)
  const quiet2 = await nightlyRun('nightly tally job, quiet night (69 members)', 69)
  expect(quiet2.writes).toBe(quiet.writes)
  expect(quiet2.requests - quiet.requests).toBeLessThanOrEqual(2)
})
