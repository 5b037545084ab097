// Check-in rules over real HTTP (docs/DESIGN.md#check-in-layers): a queued 6-digit code judged by the slot it was scanned in,
// the check-out deadline for queued calls, hour-based items needing a check-out, 补录 of a forgotten check-out,
// forgotten check-outs closed when a member reads, and no approval for a cancelled activity.
import { createActivity, startTestServer, ok, type TestServer } from './testing/harness'
import { issueCode } from '../src/core/rotating-code'
import { toIsoShanghai, HOUR, MINUTE } from '../src/core/time'

const SEC1 = 'demo-secretary-e1'
const member = (n: number) => `demo-member-${n}`
const memberId = (n: number) => `D00${n}`

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

const activity = (opts: Record<string, unknown> = {}, startOffset?: number, hours?: number) =>
  createActivity(srv, { title: '签到规则测试', ...opts }, startOffset, hours)

const failures = async (n: number) => (await srv.deps.store.get('rateLimits', memberId(n)))?.failures.length ?? 0
const attendance = async (id: string) => {
  const doc = await srv.deps.store.get('attendances', id)
  if (!doc) throw new Error(`no attendance ${id}`)
  return doc
}
const audits = (target: string, action: string) => srv.deps.store.find('audit', { target, action })

describe('a queued 6-digit code is judged by the slot it was scanned in', () => {
  it('accepts a queued short code older than 10 minutes by its scannedAt, flagged late_submit, without counting a failure', async () => {
    const { id } = await activity()
    const scannedAt = srv.clock.t
    const { shortCode } = srv.codeFor(id)
    srv.clock.advance(15 * MINUTE)
    // Without scannedAt the old look-back (10 minutes) no longer finds it: refused and counted.
    const before = await failures(1)
    const old = await srv.call(member(1), 'activity.checkin', { activityId: id, shortCode, queued: true })
    expect(old.status).toBe(409)
    expect(old.body.error?.code).toBe('CODE_INVALID')
    expect(await failures(1)).toBe(before + 1)
    // With the scan time it is checked against that slot only.
    const r = ok(
      await srv.call(member(1), 'activity.checkin', { activityId: id, shortCode, queued: true, scannedAt: toIsoShanghai(scannedAt + 5_000) }),
    )
    expect(r).toMatchObject({ status: 'pending', repeated: false })
    expect(r.flags).toContain('late_submit')
    expect(await failures(1)).toBe(before + 1)
    // Present from when the code was shown, not from when the call arrived.
    const doc = await attendance(r.attendanceId)
    expect(doc.checkinAt).toBeLessThanOrEqual(scannedAt)
    expect(doc.checkinAt).toBeGreaterThan(scannedAt - 30_000)
  })

  it('checks only the scan slot and the one before: the right code with a wrong scannedAt is invalid', async () => {
    const { id } = await activity()
    const { shortCode } = srv.codeFor(id)
    const shownAt = srv.clock.t
    srv.clock.advance(20 * MINUTE)
    const before = await failures(2)
    const wrong = await srv.call(member(2), 'activity.checkin', {
      activityId: id,
      shortCode,
      queued: true,
      scannedAt: toIsoShanghai(shownAt + 5 * MINUTE),
    })
    expect(wrong.body.error?.code).toBe('CODE_INVALID')
    expect(wrong.body.error?.message).toMatch(/签到码无效/)
    expect(await failures(2)).toBe(before + 1)
    // One slot later than shown (the previous slot is accepted, as for a live code).
    const r = ok(
      await srv.call(member(2), 'activity.checkin', { activityId: id, shortCode, queued: true, scannedAt: toIsoShanghai(shownAt + 30_000) }),
    )
    expect(r.flags).toContain('late_submit')
  })

  it('refuses a scannedAt in the future beyond 2 minutes (VALIDATION) and before the check-in window (OUT_OF_WINDOW)', async () => {
    const { id, start } = await activity({}, 2 * HOUR)
    const early = issueCode(srv.deps.hmac, id, srv.clock.t) // shown 2 h before the start: the window opens 30 min before
    const future = await srv.call(member(3), 'activity.checkin', {
      activityId: id,
      shortCode: early.shortCode,
      queued: true,
      scannedAt: toIsoShanghai(srv.clock.t + 10 * MINUTE),
    })
    expect(future.status).toBe(400)
    expect(future.body.error).toMatchObject({ code: 'VALIDATION' })
    expect(future.body.error?.message).toMatch(/扫码时间/)
    const scannedAt = srv.clock.t
    srv.clock.advance(2 * HOUR + 10 * MINUTE)
    const before = await srv.call(member(3), 'activity.checkin', {
      activityId: id,
      shortCode: early.shortCode,
      queued: true,
      scannedAt: toIsoShanghai(scannedAt),
    })
    expect(before.status).toBe(409)
    expect(before.body.error?.code).toBe('OUT_OF_WINDOW')
    expect(before.body.error?.message).toMatch(/签到开放时间/)
    expect(srv.clock.t).toBeGreaterThan(start)
    // A little clock skew on the phone is fine: a live code with a scan time 1 minute ahead is accepted, not late.
    const live = srv.codeFor(id)
    const r = ok(
      await srv.call(member(3), 'activity.checkin', {
        activityId: id,
        shortCode: live.shortCode,
        queued: true,
        scannedAt: toIsoShanghai(srv.clock.t + MINUTE),
      }),
    )
    expect(r.flags).not.toContain('late_submit')
  })

  it('ignores scannedAt on a live (not queued) call: an old code stays CODE_EXPIRED', async () => {
    const { id } = await activity()
    const { shortCode } = srv.codeFor(id)
    const shownAt = srv.clock.t
    srv.clock.advance(3 * MINUTE)
    const r = await srv.call(member(4), 'activity.checkin', { activityId: id, shortCode, scannedAt: toIsoShanghai(shownAt) })
    expect(r.body.error?.code).toBe('CODE_EXPIRED')
  })

  it('accepts a queued check-in arriving after the end but within end + 2 h (late_submit), and refuses one after it', async () => {
    const { id, end } = await activity({}, -5 * MINUTE, 1)
    const scannedAt = srv.clock.t
    const { shortCode, qr } = srv.codeFor(id)
    srv.clock.t = end + 90 * MINUTE
    const r = ok(await srv.call(member(5), 'activity.checkin', { activityId: id, shortCode, queued: true, scannedAt: toIsoShanghai(scannedAt) }))
    expect(r).toMatchObject({ status: 'pending', repeated: false })
    expect(r.flags).toContain('late_submit')
    srv.clock.t = end + 2 * HOUR + MINUTE
    const late = await srv.call(member(6), 'activity.checkin', { activityId: id, shortCode, queued: true, scannedAt: toIsoShanghai(scannedAt) })
    expect(late.status).toBe(409)
    expect(late.body.error?.code).toBe('OUT_OF_WINDOW')
    expect(late.body.error?.message).toMatch(/补交期限/)
    expect((await srv.call(member(7), 'activity.checkin', { code: qr, queued: true })).body.error?.code).toBe('OUT_OF_WINDOW')
  })

  it('a queued check-out must also arrive by end + 2 h', async () => {
    const { id, end } = await activity({ requireCheckout: true }, -5 * MINUTE, 1)
    ok(await srv.call(member(8), 'activity.checkin', { code: srv.codeFor(id).qr }))
    ok(await srv.call(member(9), 'activity.checkin', { code: srv.codeFor(id).qr }))
    srv.clock.advance(50 * MINUTE)
    const outAt = srv.clock.t
    const out = srv.codeFor(id)
    // Within the deadline: accepted, checked out at the code's time, flagged.
    srv.clock.t = end + HOUR
    const r = ok(
      await srv.call(member(8), 'activity.checkout', { activityId: id, shortCode: out.shortCode, queued: true, scannedAt: toIsoShanghai(outAt) }),
    )
    expect(r.flags).toContain('late_submit')
    const doc = await attendance(r.attendanceId)
    expect(doc.checkoutAt).toBeLessThanOrEqual(outAt)
    expect(doc.checkoutAt).toBeGreaterThan(outAt - 60_000)
    // After it: refused, by QR and by short code alike.
    srv.clock.t = end + 2 * HOUR + MINUTE
    const qr = await srv.call(member(9), 'activity.checkout', { code: out.qr, queued: true })
    expect(qr.status).toBe(409)
    expect(qr.body.error?.code).toBe('OUT_OF_WINDOW')
    const short = await srv.call(member(9), 'activity.checkout', {
      activityId: id,
      shortCode: out.shortCode,
      queued: true,
      scannedAt: toIsoShanghai(outAt),
    })
    expect(short.body.error?.code).toBe('OUT_OF_WINDOW')
  })
})

describe('hour-based items need a check-out', () => {
  it('forces requireCheckout on for a per-hour item, and leaves per-time items as asked', async () => {
    const hourly = await activity({ itemCode: 'V03', requireCheckout: false }, HOUR)
    expect(ok(await srv.call(SEC1, 'activity.get', { activityId: hourly.id })).requireCheckout).toBe(true)
    const hourlyDefault = await activity({ itemCode: 'V03' }, HOUR)
    expect(ok(await srv.call(member(1), 'activity.get', { activityId: hourlyDefault.id })).requireCheckout).toBe(true)
    const perTime = await activity({ itemCode: 'V01', requireCheckout: false }, HOUR)
    expect(ok(await srv.call(SEC1, 'activity.get', { activityId: perTime.id })).requireCheckout).toBe(false)
    const perTimeOut = await activity({ itemCode: 'V01', requireCheckout: true }, HOUR)
    expect(ok(await srv.call(SEC1, 'activity.get', { activityId: perTimeOut.id })).requireCheckout).toBe(true)
  })
})

describe('补录', () => {
  it('refuses back-filling an activity that has not started, writing nothing', async () => {
    const { id, start } = await activity({}, HOUR)
    const r = await srv.call(SEC1, 'attendance.backfill', { activityId: id, memberId: 'D001', checkinAt: toIsoShanghai(start), reason: '提前登记' })
    expect(r.status).toBe(409)
    expect(r.body.error?.code).toBe('OUT_OF_WINDOW')
    expect(r.body.error?.message).toMatch(/尚未开始/)
    expect(await srv.deps.store.count('attendances', { activityId: id })).toBe(0)
  })

  it('sets the forgotten check-out of an existing check-in, capped to the end, into review, with an audit record', async () => {
    const { id, start, end } = await activity({ requireCheckout: true }, -5 * MINUTE, 2)
    const checkin = ok(await srv.call(member(1), 'activity.checkin', { code: srv.codeFor(id).qr }))
    const checkedInAt = srv.clock.t
    srv.clock.advance(3 * HOUR)
    // A check-in only (no check-out time) for someone already checked in: nothing to add.
    const noOut = await srv.call(SEC1, 'attendance.backfill', {
      activityId: id,
      memberId: 'D001',
      checkinAt: toIsoShanghai(start),
      reason: '忘记签退',
    })
    expect(noOut.status).toBe(409)
    expect(noOut.body.error?.message).toMatch(/签退/)
    const r = ok(
      await srv.call(SEC1, 'attendance.backfill', {
        activityId: id,
        memberId: 'D001',
        checkinAt: toIsoShanghai(start),
        checkoutAt: toIsoShanghai(end + HOUR),
        reason: '忘记签退，现场确认全程参加',
      }),
    )
    expect(r).toMatchObject({
      attendanceId: checkin.attendanceId,
      status: 'pending',
      checkinAt: toIsoShanghai(checkedInAt),
      checkoutAt: toIsoShanghai(end),
    })
    expect(r.flags).toContain('backfill')
    const doc = await attendance(checkin.attendanceId)
    expect(doc).toMatchObject({ status: 'pending', checkinAt: checkedInAt, checkoutAt: end, backfilledBy: SEC1 })
    const [audit] = await audits(checkin.attendanceId, 'attendance.backfillCheckout')
    expect(audit).toMatchObject({ openid: SEC1, before: { status: 'pending', checkoutAt: null }, after: { status: 'pending', checkoutAt: end } })
    // Now it has a check-out: a second 补录 is refused; the approval pays the item.
    expect(
      (
        await srv.call(SEC1, 'attendance.backfill', {
          activityId: id,
          memberId: 'D001',
          checkinAt: toIsoShanghai(start),
          checkoutAt: toIsoShanghai(end),
          reason: '再次',
        })
      ).status,
    ).toBe(409)
    expect(ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [checkin.attendanceId], decision: 'approve' }))).toMatchObject({
      approved: 1,
    })
    expect((await attendance(checkin.attendanceId)).points).toBe(500)
  })

  it('never sets a check-out before the check-in', async () => {
    const { id, start } = await activity({ requireCheckout: true }, -30 * MINUTE, 2)
    const checkin = ok(await srv.call(member(2), 'activity.checkin', { code: srv.codeFor(id).qr }))
    const r = ok(
      await srv.call(SEC1, 'attendance.backfill', {
        activityId: id,
        memberId: 'D002',
        checkinAt: toIsoShanghai(start),
        checkoutAt: toIsoShanghai(start + 10 * MINUTE),
        reason: '签退时间有误',
      }),
    )
    expect(Date.parse(r.checkoutAt)).toBe((await attendance(checkin.attendanceId)).checkinAt)
  })

  it('an approved auto-closed record must be revoked first; after revoking, the 补录 goes to a new review round', async () => {
    const { id, start, end } = await activity({ itemCode: 'V03' }, -5 * MINUTE, 2)
    const checkin = ok(await srv.call(member(3), 'activity.checkin', { code: srv.codeFor(id).qr }))
    const checkedInAt = srv.clock.t
    srv.clock.t = end + 2 * HOUR + MINUTE
    ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [checkin.attendanceId], decision: 'approve' }))
    const approved = await attendance(checkin.attendanceId)
    expect(approved).toMatchObject({ status: 'approved', checkoutAt: end })
    expect(approved.flags).toContain('auto_closed')

    const body = {
      activityId: id,
      memberId: 'D003',
      checkinAt: toIsoShanghai(start),
      checkoutAt: toIsoShanghai(end - 30 * MINUTE),
      reason: '实际提前半小时离开',
    }
    const refused = await srv.call(SEC1, 'attendance.backfill', body)
    expect(refused.status).toBe(409)
    expect(refused.body.error?.code).toBe('CONFLICT')
    expect(refused.body.error?.message).toMatch(/先撤销/)
    expect((await attendance(checkin.attendanceId)).status).toBe('approved')

    ok(await srv.call(SEC1, 'attendance.revoke', { attendanceIds: [checkin.attendanceId], reason: '签退时间有误' }))
    const r = ok(await srv.call(SEC1, 'attendance.backfill', body))
    expect(r).toMatchObject({ status: 'pending', checkoutAt: toIsoShanghai(end - 30 * MINUTE) })
    expect(r.flags).toContain('backfill')
    expect(r.flags).not.toContain('auto_closed')
    const [audit] = await audits(checkin.attendanceId, 'attendance.backfillCheckout')
    expect(audit.before).toMatchObject({ status: 'revoked', checkoutAt: end })
    expect(audit.after).toMatchObject({ status: 'pending', checkoutAt: end - 30 * MINUTE })
    // Approving again writes a new ledger entry for the corrected time (the first one and its reversal stay).
    ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [checkin.attendanceId], decision: 'approve' }))
    const minutes = Math.floor((end - 30 * MINUTE - checkedInAt) / MINUTE)
    expect((await attendance(checkin.attendanceId)).points).toBe(Math.round((200 * minutes) / 60))
    expect(await srv.deps.store.count('ledger', { sourceId: checkin.attendanceId })).toBe(3)
  })
})

describe('forgotten check-outs close when the member reads', () => {
  it('attendance.mine shows auto_closed after end + 2 h without any secretary call, and reading again writes nothing', async () => {
    const { id, end } = await activity({ requireCheckout: true }, -5 * MINUTE, 1)
    const checkin = ok(await srv.call(member(4), 'activity.checkin', { code: srv.codeFor(id).qr }))
    srv.clock.t = end + HOUR
    const early = ok(await srv.call(member(4), 'attendance.mine')).find((a: any) => a.id === checkin.attendanceId)
    expect(early.flags).not.toContain('auto_closed')
    expect(early.checkoutAt).toBeUndefined()

    srv.clock.t = end + 2 * HOUR + MINUTE
    const row = ok(await srv.call(member(4), 'attendance.mine')).find((a: any) => a.id === checkin.attendanceId)
    expect(row.flags).toContain('auto_closed')
    expect(row.checkoutAt).toBe(toIsoShanghai(end))
    expect(await audits(checkin.attendanceId, 'attendance.autoClose')).toHaveLength(1)

    const total = await srv.deps.store.count('audit', {})
    ok(await srv.call(member(4), 'attendance.mine'))
    const got = ok(await srv.call(member(4), 'activity.get', { activityId: id }))
    expect(got.mine.flags).toContain('auto_closed')
    ok(await srv.call(member(4), 'activity.list', {}))
    expect(await srv.deps.store.count('audit', {})).toBe(total)
  })

  it('activity.get and activity.list close it too', async () => {
    const a = await activity({ requireCheckout: true }, -5 * MINUTE, 1)
    const b = await activity({ itemCode: 'V03' }, -5 * MINUTE, 1)
    ok(await srv.call(member(5), 'activity.checkin', { code: srv.codeFor(a.id).qr }))
    ok(await srv.call(member(5), 'activity.checkin', { code: srv.codeFor(b.id).qr }))
    srv.clock.t = Math.max(a.end, b.end) + 2 * HOUR + MINUTE
    const got = ok(await srv.call(member(5), 'activity.get', { activityId: a.id }))
    expect(got.mine).toMatchObject({ checkoutAt: toIsoShanghai(a.end) })
    expect(got.mine.flags).toContain('auto_closed')
    const listed = ok(await srv.call(member(5), 'activity.list', {})).find((x: any) => x.id === b.id)
    expect(listed.mine.flags).toContain('auto_closed')
  })
})

describe('a cancelled activity', () => {
  it('refuses approving its pending check-ins (CONFLICT) but allows rejecting them', async () => {
    const { id } = await activity({}, -5 * MINUTE, 2)
    const a = ok(await srv.call(member(6), 'activity.checkin', { code: srv.codeFor(id).qr }))
    const b = ok(await srv.call(member(7), 'activity.checkin', { code: srv.codeFor(id).qr }))
    ok(await srv.call(SEC1, 'activity.cancel', { activityId: id, reason: '暴雨' }))
    const r = await srv.call(SEC1, 'attendance.review', { attendanceIds: [a.attendanceId], decision: 'approve' })
    expect(r.status).toBe(409)
    expect(r.body.error?.code).toBe('CONFLICT')
    expect(r.body.error?.message).toMatch(/已取消/)
    expect((await attendance(a.attendanceId)).status).toBe('pending')
    expect(await srv.deps.store.count('ledger', { sourceId: a.attendanceId })).toBe(0)
    expect(
      ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [a.attendanceId, b.attendanceId], decision: 'reject', reason: '活动已取消' })),
    ).toEqual({
      approved: 0,
      rejected: 2,
      skipped: 0,
    })
  })
})
