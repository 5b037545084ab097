// Issue 3 over real HTTP: sign-up within capacity, cancellation with notices, the printed static code,
// forgotten check-outs, 补录 capped at the activity, and revocation by reversal entry.
import { createActivity, startTestServer, ok, type TestServer } from './testing/harness'
import { toIsoShanghai, HOUR, MINUTE } from '../src/core/time'

const SEC1 = 'demo-secretary-e1'
let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

const activity = async (opts: Record<string, unknown> = {}, startOffset?: number, hours?: number) =>
  (await createActivity(srv, { title: '生命周期测试', ...opts }, startOffset, hours)).id

describe('sign-up', () => {
  it('never exceeds capacity, even when everyone signs up at once', async () => {
    const id = await activity({ capacity: 3 }, 2 * HOUR)
    const replies = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => srv.call(`demo-member-${n}`, 'activity.signup', { activityId: id })))
    expect(replies.filter((r) => r.status === 200)).toHaveLength(3)
    const full = replies.filter((r) => r.status === 409)
    expect(full).toHaveLength(6)
    expect(full[0].body.error?.message).toContain('已满')
    expect(ok(await srv.call('demo-member-1', 'activity.get', { activityId: id })).signedUp).toBe(3)
  })
  it('is idempotent, can be cancelled before the start, and frees the place', async () => {
    const id = await activity({ capacity: 1 }, 2 * HOUR)
    expect(ok(await srv.call('demo-member-1', 'activity.signup', { activityId: id }))).toMatchObject({ repeated: false, signedUp: 1 })
    expect(ok(await srv.call('demo-member-1', 'activity.signup', { activityId: id }))).toMatchObject({ repeated: true, signedUp: 1 })
    expect((await srv.call('demo-member-2', 'activity.signup', { activityId: id })).status).toBe(409)
    expect(ok(await srv.call('demo-member-1', 'activity.get', { activityId: id })).mySignup).toBe(true)
    ok(await srv.call('demo-member-1', 'activity.cancelSignup', { activityId: id }))
    expect(ok(await srv.call('demo-member-2', 'activity.signup', { activityId: id })).signedUp).toBe(1)
  })
  it('closes at the start, and only for the member’s own estate', async () => {
    const started = await activity({}, -MINUTE)
    expect((await srv.call('demo-member-1', 'activity.signup', { activityId: started })).body.error?.code).toBe('OUT_OF_WINDOW')
    const e2 = ok(
      await srv.call('demo-secretary-e2', 'activity.create', {
        estateBranchId: 'E2',
        title: '别的小区',
        itemCode: 'V01',
        startAt: toIsoShanghai(srv.clock.t + HOUR),
        endAt: toIsoShanghai(srv.clock.t + 2 * HOUR),
      }),
    ).activityId
    expect((await srv.call('demo-member-1', 'activity.signup', { activityId: e2 })).status).toBe(403)
  })
})

describe('cancelling an activity', () => {
  it('needs a reason, tells everyone signed up, and refuses check-ins afterwards', async () => {
    const id = await activity({}, 20 * MINUTE)
    ok(await srv.call('demo-member-3', 'activity.signup', { activityId: id }))
    ok(await srv.call('demo-member-4', 'activity.signup', { activityId: id }))
    expect((await srv.call(SEC1, 'activity.cancel', { activityId: id })).status).toBe(400)
    expect((await srv.call('demo-secretary-e2', 'activity.cancel', { activityId: id, reason: '越权' })).status).toBe(403)
    expect(ok(await srv.call(SEC1, 'activity.cancel', { activityId: id, reason: '暴雨预警' }))).toMatchObject({ status: 'cancelled', notified: 2 })
    const notices = ok(await srv.call('demo-member-3', 'notice.mine'))
    expect(notices[0]).toMatchObject({ activityId: id })
    expect(notices[0].body).toContain('暴雨预警')
    expect(ok(await srv.call('demo-member-5', 'notice.mine')).some((n: any) => n.activityId === id)).toBe(false)
    const r = await srv.call('demo-member-3', 'activity.checkin', { code: srv.codeFor(id).qr })
    expect(r.body.error?.code).toBe('OUT_OF_WINDOW')
    expect(ok(await srv.call('demo-member-3', 'activity.get', { activityId: id })).status).toBe('cancelled')
  })
})

describe('the printed static code', () => {
  it('checks in only inside the window and always goes to review', async () => {
    const id = await activity({}, HOUR)
    const code = ok(await srv.call(SEC1, 'activity.staticCode', { activityId: id }))
    expect(code.scene.length).toBeLessThanOrEqual(32)
    expect(code.qrImage).toMatch(/^data:image\//)
    expect((await srv.call('demo-member-5', 'activity.checkin', { code: code.qr })).body.error?.code).toBe('OUT_OF_WINDOW')
    srv.clock.advance(45 * MINUTE)
    const r = ok(await srv.call('demo-member-5', 'activity.checkin', { code: code.qr }))
    expect(r).toMatchObject({ status: 'pending', flags: ['static_code'] })
    expect(ok(await srv.call('demo-member-5', 'activity.get', { activityId: id })).mine).toMatchObject({ status: 'pending', flags: ['static_code'] })
    const forged = await srv.call('demo-member-6', 'activity.checkin', { code: code.qr.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')) })
    expect(forged.body.error?.code).toBe('CODE_INVALID')
  })
})

describe('forgotten check-outs and 补录', () => {
  it('closes a forgotten check-out after end + 2 h and flags it', async () => {
    const id = await activity({ requireCheckout: true }, -5 * MINUTE, 1)
    const att = ok(await srv.call('demo-member-6', 'activity.checkin', { code: srv.codeFor(id).qr }))
    srv.clock.advance(3 * HOUR + 10 * MINUTE)
    const list = ok(await srv.call(SEC1, 'attendance.list', { estateBranchId: 'E1', activityId: id }))
    const row = list.find((a: any) => a.id === att.attendanceId)
    expect(row.flags).toContain('auto_closed')
    expect(Date.parse(row.checkoutAt)).toBe(srv.clock.t - 3 * HOUR - 10 * MINUTE - 5 * MINUTE + HOUR)
    expect((await srv.call('demo-member-6', 'activity.checkout', { code: srv.codeFor(id).qr })).body.error?.code).toBe('OUT_OF_WINDOW')
  })
  it('back-fills with a reason, capped at the activity’s length, into review', async () => {
    const id = await activity({}, -3 * HOUR, 2)
    const start = srv.clock.t - 3 * HOUR
    const r = ok(
      await srv.call(SEC1, 'attendance.backfill', {
        activityId: id,
        memberId: 'D007',
        checkinAt: toIsoShanghai(start - HOUR),
        checkoutAt: toIsoShanghai(start + 5 * HOUR),
        reason: '手机没电，现场登记',
      }),
    )
    expect(r).toMatchObject({ status: 'pending', flags: ['backfill'], checkinAt: toIsoShanghai(start), checkoutAt: toIsoShanghai(start + 2 * HOUR) })
    const again = await srv.call(SEC1, 'attendance.backfill', { activityId: id, memberId: 'D007', checkinAt: toIsoShanghai(start), reason: '重复' })
    expect(again.status).toBe(409)
    expect(
      (await srv.call(SEC1, 'attendance.backfill', { activityId: id, memberId: 'D011', checkinAt: toIsoShanghai(start), reason: '别的小区' })).status,
    ).toBe(403)
    expect((await srv.call(SEC1, 'attendance.backfill', { activityId: id, memberId: 'D008', checkinAt: toIsoShanghai(start) })).status).toBe(400)
  })
})

describe('revoking an approval', () => {
  it('appends a reversal entry, keeps everything, and the score drops back', async () => {
    const before = ok(await srv.call('demo-member-9', 'score.mine', { year: 2025 }))
    const id = await activity()
    const att = ok(await srv.call('demo-member-9', 'activity.checkin', { code: srv.codeFor(id).qr }))
    ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [att.attendanceId], decision: 'approve' }))
    const approved = ok(await srv.call('demo-member-9', 'score.mine', { year: 2025 }))
    expect(approved.estateScore).toBe(before.estateScore + 5)
    expect((await srv.call(SEC1, 'attendance.revoke', { attendanceIds: [att.attendanceId] })).status).toBe(400)
    expect((await srv.call('demo-secretary-e2', 'attendance.revoke', { attendanceIds: [att.attendanceId], reason: 'x' })).status).toBe(403)
    const replies = await Promise.all(
      [1, 2, 3].map(() => srv.call(SEC1, 'attendance.revoke', { attendanceIds: [att.attendanceId], reason: '核实未参加' })),
    )
    expect(replies.reduce((n, r) => n + ok(r).revoked, 0)).toBe(1)
    const after = ok(await srv.call('demo-member-9', 'score.mine', { year: 2025 }))
    expect(after.estateScore).toBe(before.estateScore)
    const reversal = after.entries.find((e: any) => e.kind === 'reversal')
    expect(reversal).toMatchObject({ points: -5, status: 'approved' })
    expect(after.entries.some((e: any) => e.kind === 'activity' && e.points === 5 && e.title === '生命周期测试')).toBe(true)
    expect(await srv.deps.store.count('ledger', { sourceId: att.attendanceId })).toBe(2)
    // The secretary can list revoked records, with the reason.
    const revoked = ok(await srv.call(SEC1, 'attendance.list', { estateBranchId: 'E1', status: 'revoked' }))
    expect(revoked.find((r: any) => r.id === att.attendanceId)).toMatchObject({ status: 'revoked', reason: '核实未参加' })
  })
})

describe('hour-based items', () => {
  it('pay by minutes present once the minimum presence ratio is met, and nothing below it', async () => {
    // V03 文明劝导（按小时）: 2 points an hour; the demo rule set asks for 60 % presence.
    const id = await activity({ itemCode: 'V03' }, -1 * MINUTE, 2)
    const { qr } = srv.codeFor(id)
    const a = ok(await srv.call('demo-member-7', 'activity.checkin', { code: qr }))
    const b = ok(await srv.call('demo-member-8', 'activity.checkin', { code: qr }))
    srv.clock.advance(60 * MINUTE) // 61 min after the start: 50 % of the activity
    ok(await srv.call('demo-member-8', 'activity.checkout', { code: srv.codeFor(id).qr }))
    srv.clock.advance(40 * MINUTE) // 101 min after the start
    ok(await srv.call('demo-member-7', 'activity.checkout', { code: srv.codeFor(id).qr }))
    ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [a.attendanceId, b.attendanceId], decision: 'approve' }))
    const rows = ok(await srv.call(SEC1, 'attendance.list', { estateBranchId: 'E1', activityId: id, status: 'approved' }))
    const full = rows.find((r: any) => r.id === a.attendanceId)
    const short = rows.find((r: any) => r.id === b.attendanceId)
    // checked in 1 min after the start, out at 101 min: 100 minutes × 2 points/hour = 3.333… → 3.33
    expect(full.points).toBe(3.33)
    expect(short).toMatchObject({ points: 0, flags: ['below_min_presence'] })
  })
})
