// The action contract (docs/DESIGN.md#the-action-contract) over real HTTP against the real SQLite backend.
import { createActivity, startTestServer, ok, T0, type TestServer } from './testing/harness'
import { toIsoShanghai, MINUTE, HOUR } from '../src/core/time'
import { SLOT_MS } from '../src/core/rotating-code'

const SEC1 = 'demo-secretary-e1'
const SEC2 = 'demo-secretary-e2'
const M1 = 'demo-member-1'
const M2 = 'demo-member-2'
const ADMIN = 'demo-admin'

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(async () => {
  await srv.close()
})

const newActivity = async (opts: Record<string, unknown> = {}, startOffset?: number, hours?: number, secretary = SEC1, estate?: string) =>
  (await createActivity(srv, opts, startOffset, hours, secretary, estate)).id

const auditCount = () => srv.deps.store.count('audit', {})

describe('transport', () => {
  it('answers /healthz', async () => {
    expect(await srv.raw('/healthz')).toEqual({ status: 200, body: { ok: true } })
  })
  it('refuses an action without a token (401) and an unknown action (404)', async () => {
    const r = await srv.call(null, 'me.get')
    expect(r.status).toBe(401)
    expect(r.body.error?.code).toBe('UNAUTHENTICATED')
    const forged = await srv.raw('/api/me.get', { method: 'POST', headers: { Authorization: 'Bearer v1.ZGVtby1hZG1pbg.forged' }, body: '{}' })
    expect(forged.status).toBe(401)
    const unknown = await srv.call(M1, 'nope.nothing')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error?.code).toBe('NOT_FOUND')
  })
  it('answers 413 PAYLOAD_TOO_LARGE for bodies over 64 KB', async () => {
    const r = await srv.call(M1, 'member.register', JSON.stringify({ name: 'x'.repeat(70 * 1024) }))
    expect(r.status).toBe(413)
    expect(r.body.error?.code).toBe('PAYLOAD_TOO_LARGE')
  })
  it('answers 400 for a body that is not JSON, with a Chinese message', async () => {
    const r = await srv.call(M1, 'score.mine', '{"year": 20')
    expect(r.status).toBe(400)
    expect(r.body.error?.message).toMatch(/JSON/)
  })
  it('dev login refuses an openid that is not an id', async () => {
    const r = await srv.raw('/api/dev/login', { method: 'POST', body: JSON.stringify({ openid: { $ne: '' } }) })
    expect(r.status).toBe(400)
  })
})

describe('双报到 registration', () => {
  it('binds at once when name + phone + unit match the directory', async () => {
    const r = ok(
      await srv.call('new-user-zhou', 'member.register', { name: '周敏', phone: '13800000010', unitBranchId: 'UB2', estateBranchId: 'E1' }),
    )
    expect(r).toEqual({ memberId: 'D010', status: 'active' })
    const me = ok(await srv.call('new-user-zhou', 'me.get'))
    expect(me.member).toMatchObject({ id: 'D010', status: 'active', estateBranchId: 'E1', phone: '13800000010' })
  })
  it('answers a retried identical request the same, and 409 when the details differ', async () => {
    const again = ok(
      await srv.call('new-user-zhou', 'member.register', { name: '周敏', phone: '13800000010', unitBranchId: 'UB2', estateBranchId: 'E1' }),
    )
    expect(again).toEqual({ memberId: 'D010', status: 'active' })
    const moved = await srv.call('new-user-zhou', 'member.register', {
      name: '周敏',
      phone: '13800000010',
      unitBranchId: 'UB2',
      estateBranchId: 'E2',
    })
    expect(moved.status).toBe(409)
    expect(moved.body.error?.code).toBe('CONFLICT')
  })
  it('waits for the estate secretary when nothing matches, who approves it', async () => {
    const r = ok(await srv.call('new-user-x', 'member.register', { name: '新党员', phone: '13911112222', unitBranchId: 'UB1', estateBranchId: 'E1' }))
    expect(r.status).toBe('pending')
    // A pending member cannot act as a member yet.
    expect((await srv.call('new-user-x', 'score.mine', { year: 2025 })).status).toBe(403)
    const pending = ok(await srv.call(SEC1, 'member.list', { scopeId: 'E1', status: 'pending' }))
    expect(pending.map((m: any) => m.id)).toContain(r.memberId)
    // Another estate's secretary may not approve it.
    expect((await srv.call(SEC2, 'member.review', { memberIds: [r.memberId], decision: 'approve' })).status).toBe(403)
    expect(ok(await srv.call(SEC1, 'member.review', { memberIds: [r.memberId], decision: 'approve' }))).toEqual({
      approved: 1,
      rejected: 0,
      skipped: 0,
    })
    expect(ok(await srv.call('new-user-x', 'me.get')).member.status).toBe('active')
  })
  it('refuses a name + phone already bound to someone else from binding again', async () => {
    const r = ok(await srv.call('impostor', 'member.register', { name: '周敏', phone: '13800000010', unitBranchId: 'UB2', estateBranchId: 'E1' }))
    expect(r.status).toBe('pending')
    expect(r.memberId).not.toBe('D010')
  })
  it('refuses an unknown branch with 404 and writes nothing', async () => {
    const before = await auditCount()
    const r = await srv.call('new-user-y', 'member.register', { name: '某人', phone: '13911113333', unitBranchId: 'UB9', estateBranchId: 'E1' })
    expect(r.status).toBe(404)
    expect(await auditCount()).toBe(before)
    expect(ok(await srv.call('new-user-y', 'me.get')).member).toBeUndefined()
  })
})

describe('the core loop: activity → rotating code → check-in → approval → score', () => {
  let activityId: string
  it('the secretary creates an activity bound to a rule item and sees a rotating code', async () => {
    activityId = await newActivity()
    const code = ok(await srv.call(SEC1, 'activity.code', { activityId }))
    expect(code.shortCode).toMatch(/^\d{6}$/)
    expect(code.qr).toContain(activityId)
    expect(code.qrImage).toMatch(/^data:image\/gif;base64,/)
    expect(Date.parse(code.expiresAt) - srv.clock.t).toBeLessThanOrEqual(SLOT_MS)
    srv.clock.advance(SLOT_MS)
    const next = ok(await srv.call(SEC1, 'activity.code', { activityId }))
    expect(next.shortCode === code.shortCode && next.qr === code.qr).toBe(false)
  })
  it('a member checks in by scanning; doing it again changes nothing', async () => {
    const { qr } = srv.codeFor(activityId)
    const first = ok(await srv.call(M1, 'activity.checkin', { code: qr }))
    expect(first).toMatchObject({ status: 'pending', repeated: false, flags: [] })
    const before = await auditCount()
    const again = ok(await srv.call(M1, 'activity.checkin', { code: qr }))
    expect(again).toMatchObject({ attendanceId: first.attendanceId, repeated: true, status: 'pending' })
    expect(await auditCount()).toBe(before)
  })
  it('a member checks in by typing the short code', async () => {
    const { shortCode } = srv.codeFor(activityId)
    const r = ok(await srv.call(M2, 'activity.checkin', { activityId, shortCode }))
    expect(r).toMatchObject({ status: 'pending', repeated: false })
  })
  it('the secretary sees the pending attendances and approves them in bulk', async () => {
    const list = ok(await srv.call(SEC1, 'attendance.list', { estateBranchId: 'E1', activityId }))
    expect(list).toHaveLength(2)
    const res = ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: list.map((a: any) => a.id), decision: 'approve' }))
    expect(res).toEqual({ approved: 2, rejected: 0, skipped: 0 })
    const again = ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: list.map((a: any) => a.id), decision: 'approve' }))
    expect(again).toEqual({ approved: 0, rejected: 0, skipped: 2 })
  })
  it('rejection needs a reason and keeps the record', async () => {
    const id2 = await newActivity()
    const { qr } = srv.codeFor(id2)
    const att = ok(await srv.call('demo-member-3', 'activity.checkin', { code: qr }))
    expect((await srv.call(SEC1, 'attendance.review', { attendanceIds: [att.attendanceId], decision: 'reject' })).status).toBe(400)
    ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [att.attendanceId], decision: 'reject', reason: '未实际参加' }))
    const rejected = ok(await srv.call(SEC1, 'attendance.list', { estateBranchId: 'E1', status: 'rejected' }))
    expect(rejected.find((a: any) => a.id === att.attendanceId)).toMatchObject({ reason: '未实际参加', status: 'rejected' })
  })
  it('the member sees the total = 50 % unit + 50 % estate with both halves and provenance', async () => {
    // Seed: D001 unit score 87.25; estate: base 60 + seeded past activity 5 + this activity 5 = 70.
    const mine = ok(await srv.call(M1, 'score.mine', { year: 2025 }))
    expect(mine).toMatchObject({ unitScore: 87.25, estateScore: 70, weights: { unit: 0.5, estate: 0.5 }, total: 78.63, complete: true, band: '合格' })
    expect(mine.unitSource).toMatchObject({
      raw: 87.25,
      fullScale: 100,
      unitBranchId: 'UB1',
      enteredBy: 'demo-unitsec-ub1',
      enteredByName: '单位党支部书记',
    })
    expect(mine.estateSource).toMatchObject({ estateBranchId: 'E1', rulesetVersion: 1, baseScore: 60, fullScore: 100 })
    expect(mine.entries.filter((e: any) => e.status === 'approved')).toHaveLength(2)
  })
  it('shows incomplete (null, never 0) while the unit score is missing', async () => {
    const mine = ok(await srv.call(M2, 'score.mine', { year: 2025 }))
    // D002 was approved in the seeded past activity and in this one: 60 + 5 + 5.
    expect(mine).toMatchObject({ unitScore: null, total: null, complete: false, band: null, estateScore: 70 })
  })
})

describe('unit scores, tally and the estate list', () => {
  it('normalises another full scale and computes the total from the halves as shown', async () => {
    const r = ok(
      await srv.call('demo-unitsec-ub2', 'unitScore.import', {
        unitBranchId: 'UB2',
        year: 2025,
        fullScale: 150,
        scores: [{ memberId: 'D002', score: 130 }],
      }),
    )
    expect(r).toMatchObject({ imported: 1, created: 1 })
    const mine = ok(await srv.call(M2, 'score.mine', { year: 2025 }))
    // 130/150 = 86.666… → 86.67; 0.5×86.67 + 0.5×70 = 78.335 → 78.34 (from the rounded half, not 86.666…)
    expect(mine).toMatchObject({ unitScore: 86.67, estateScore: 70, total: 78.34, complete: true, band: '合格' })
  })
  it('refuses a unit score above the full scale, and another branch’s member', async () => {
    const over = await srv.call('demo-unitsec-ub2', 'unitScore.import', {
      unitBranchId: 'UB2',
      year: 2025,
      fullScale: 150,
      scores: [{ memberId: 'D002', score: 151 }],
    })
    expect(over.status).toBe(400)
    expect(over.body.error?.details).toEqual({ field: 'scores[0].score' })
    const other = await srv.call('demo-unitsec-ub2', 'unitScore.import', {
      unitBranchId: 'UB2',
      year: 2025,
      scores: [{ memberId: 'D001', score: 10 }],
    })
    expect(other.status).toBe(403)
    const notMine = await srv.call('demo-unitsec-ub2', 'unitScore.import', {
      unitBranchId: 'UB1',
      year: 2025,
      scores: [{ memberId: 'D001', score: 10 }],
    })
    expect(notMine.status).toBe(403)
    expect(ok(await srv.call(M1, 'score.mine', { year: 2025 })).unitScore).toBe(87.25)
  })
  it('the county admin runs the tally and a secretary sees ranks and bands', async () => {
    const t = ok(await srv.call(ADMIN, 'score.tally', { year: 2025 }))
    expect(t.members).toBeGreaterThan(40)
    expect(t.complete + t.incomplete).toBe(t.members)
    const { rows } = ok(await srv.call(SEC1, 'score.list', { year: 2025, scopeId: 'E1' }))
    const estateMembers = ok(await srv.call(SEC1, 'member.list', { scopeId: 'E1', status: 'active' }))
    expect(rows).toHaveLength(estateMembers.length)
    const m1 = rows.find((r: any) => r.memberId === 'D001')
    expect(m1).toMatchObject({ total: 78.63, band: '合格', complete: true })
    expect(rows.every((r: any) => (r.complete ? typeof r.rankInEstate === 'number' : r.rankInEstate === null))).toBe(true)
    const ranks = rows.filter((r: any) => r.complete).map((r: any) => r.rankInEstate)
    expect(Math.min(...ranks)).toBe(1)
    // Ordered by total: a higher total never has a worse rank.
    for (const a of rows)
      for (const b of rows) if (a.total !== null && b.total !== null && a.total > b.total) expect(a.rankInEstate).toBeLessThan(b.rankInEstate)
  })
  it('only county admins tally; members and other estates cannot read the list', async () => {
    expect((await srv.call(SEC1, 'score.tally', { year: 2025 })).status).toBe(403)
    expect((await srv.call(M1, 'score.list', { year: 2025, scopeId: 'E1' })).status).toBe(403)
    expect((await srv.call(SEC2, 'score.list', { year: 2025, scopeId: 'E1' })).status).toBe(403)
    expect((await srv.call('demo-community-cm1', 'score.list', { year: 2025, scopeId: 'E1' })).status).toBe(200)
    expect((await srv.call('demo-community-cm1', 'score.list', { year: 2025, scopeId: 'E5' })).status).toBe(403)
  })
})

describe('codes that must be refused', () => {
  let activityId: string
  beforeAll(async () => {
    activityId = await newActivity()
  })
  it('refuses a forged code (CODE_INVALID) and another activity’s code', async () => {
    const forged = await srv.call('demo-member-4', 'activity.checkin', { code: `DSJ1.${activityId}.1.AAAAAAAAAAAAAAAA` })
    expect(forged.status).toBe(409)
    expect(forged.body.error?.code).toBe('CODE_INVALID')
    const other = await newActivity()
    const { shortCode } = srv.codeFor(other)
    const replay = await srv.call('demo-member-4', 'activity.checkin', { activityId, shortCode })
    expect(replay.body.error?.code).toBe('CODE_INVALID')
  })
  it('accepts the previous slot and refuses a code two slots old (CODE_EXPIRED)', async () => {
    const { qr, shortCode } = srv.codeFor(activityId)
    srv.clock.advance(SLOT_MS)
    expect(ok(await srv.call('demo-member-5', 'activity.checkin', { code: qr })).repeated).toBe(false)
    srv.clock.advance(SLOT_MS)
    const old = await srv.call('demo-member-6', 'activity.checkin', { code: qr })
    expect(old.status).toBe(409)
    expect(old.body.error?.code).toBe('CODE_EXPIRED')
    expect((await srv.call('demo-member-6', 'activity.checkin', { activityId, shortCode })).body.error?.code).toBe('CODE_EXPIRED')
  })
  it('accepts an expired code from the offline queue, flagged late_submit and never auto-approved', async () => {
    const { qr } = srv.codeFor(activityId)
    srv.clock.advance(5 * SLOT_MS)
    const r = ok(await srv.call('demo-member-6', 'activity.checkin', { code: qr, queued: true }))
    expect(r.status).toBe('pending')
    expect(r.flags).toContain('late_submit')
  })
  it('refuses check-in outside the window (OUT_OF_WINDOW)', async () => {
    const later = await newActivity({}, 2 * HOUR)
    // The secretary may already show the code; checking in with it is refused until 30 min before the start.
    const shown = ok(await srv.call(SEC1, 'activity.code', { activityId: later }))
    const early = await srv.call('demo-member-7', 'activity.checkin', { code: shown.qr })
    expect(early.status).toBe(409)
    expect(early.body.error?.code).toBe('OUT_OF_WINDOW')
    const soon = await newActivity({}, 25 * MINUTE)
    expect(ok(await srv.call('demo-member-7', 'activity.checkin', { code: srv.codeFor(soon).qr })).status).toBe('pending')
    const ended = await newActivity({}, -3 * HOUR, 2)
    expect((await srv.call('demo-member-7', 'activity.checkin', { code: srv.codeFor(ended).qr })).body.error?.code).toBe('OUT_OF_WINDOW')
  })
  it('refuses a member checking in to another estate’s activity', async () => {
    const e2 = await newActivity({}, -5 * MINUTE, 2, SEC2, 'E2')
    const r = await srv.call(M1, 'activity.checkin', { code: srv.codeFor(e2).qr })
    expect(r.status).toBe(403)
  })
  it('rate-limits a member after more than 10 failed attempts in 10 minutes', async () => {
    const target = await newActivity()
    const codes: string[] = []
    for (let i = 0; i < 11; i++) {
      const r = await srv.call('demo-member-8', 'activity.checkin', { activityId: target, shortCode: String(100000 + i) })
      codes.push(r.body.error?.code as string)
    }
    expect(codes.slice(0, 10).every((c) => c === 'CODE_INVALID')).toBe(true)
    expect(codes[10]).toBe('RATE_LIMITED')
    const right = await srv.call('demo-member-8', 'activity.checkin', { code: srv.codeFor(target).qr })
    expect(right.status).toBe(429)
    srv.clock.advance(10 * MINUTE + 1000)
    const later = await newActivity()
    expect(ok(await srv.call('demo-member-8', 'activity.checkin', { code: srv.codeFor(later).qr })).status).toBe('pending')
  })
  it('flags a check-in without location, or outside the radius, for review', async () => {
    const located = await newActivity({ location: { lat: 30.0, lng: 120.0, radiusM: 500 } })
    const none = ok(await srv.call('demo-member-9', 'activity.checkin', { code: srv.codeFor(located).qr }))
    expect(none.flags).toEqual(['no_location'])
    const far = await newActivity({ location: { lat: 30.0, lng: 120.0, radiusM: 500 } })
    const r = ok(await srv.call('demo-member-9', 'activity.checkin', { code: srv.codeFor(far).qr, location: { lat: 30.01, lng: 120.0 } }))
    expect(r.flags).toEqual(['outside_radius'])
    // The review queue shows the measured distance (0.01° of latitude ≈ 1112 m), and none without a location.
    const [farRow] = ok(await srv.call(SEC1, 'attendance.list', { estateBranchId: 'E1', activityId: far }))
    expect(farRow).toMatchObject({ id: r.attendanceId, flags: ['outside_radius'], distanceM: 1112 })
    const [noneRow] = ok(await srv.call(SEC1, 'attendance.list', { estateBranchId: 'E1', activityId: located }))
    expect(noneRow.flags).toEqual(['no_location'])
    expect(noneRow).not.toHaveProperty('distanceM')
    const near = await newActivity({ location: { lat: 30.0, lng: 120.0, radiusM: 500 } })
    expect(
      ok(await srv.call('demo-member-9', 'activity.checkin', { code: srv.codeFor(near).qr, location: { lat: 30.001, lng: 120.0 } })).flags,
    ).toEqual([])
  })
})

describe('authorization across estates and roles', () => {
  it('a member cannot act as a secretary', async () => {
    const id = await newActivity()
    expect((await srv.call(M1, 'activity.code', { activityId: id })).status).toBe(403)
    expect((await srv.call(M1, 'attendance.review', { attendanceIds: ['Tx'], decision: 'approve' })).status).toBe(403)
    expect(
      (
        await srv.call(M1, 'activity.create', {
          estateBranchId: 'E1',
          title: '自建',
          itemCode: 'V01',
          startAt: toIsoShanghai(T0),
          endAt: toIsoShanghai(T0 + HOUR),
        })
      ).status,
    ).toBe(403)
    expect((await srv.call(M1, 'admin.importDirectory', { roles: [{ openid: M1, role: 'county_admin', scopeId: 'county' }] })).status).toBe(403)
  })
  it('a secretary of one estate can read or change nothing of another', async () => {
    const id = await newActivity()
    const att = ok(await srv.call('demo-member-4', 'activity.checkin', { code: srv.codeFor(id).qr }))
    expect((await srv.call(SEC2, 'activity.code', { activityId: id })).status).toBe(403)
    expect((await srv.call(SEC2, 'attendance.list', { estateBranchId: 'E1' })).status).toBe(403)
    expect((await srv.call(SEC2, 'activity.list', { estateBranchId: 'E1' })).status).toBe(403)
    expect(
      (
        await srv.call(SEC2, 'ruleset.save', {
          estateBranchId: 'E1',
          year: 2025,
          baseScore: 0,
          fullScore: 100,
          items: [{ code: 'X', name: 'x', category: 'c', points: 100 }],
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await srv.call(SEC2, 'activity.create', {
          estateBranchId: 'E1',
          title: '越权',
          itemCode: 'V01',
          startAt: toIsoShanghai(T0),
          endAt: toIsoShanghai(T0 + HOUR),
        })
      ).status,
    ).toBe(403)
    // A mixed batch with one foreign record changes nothing at all.
    const own = await newActivity({}, -5 * MINUTE, 2, SEC2, 'E2')
    const e2att = ok(await srv.call('member-d011', 'activity.checkin', { code: srv.codeFor(own).qr }))
    const mixed = await srv.call(SEC2, 'attendance.review', { attendanceIds: [e2att.attendanceId, att.attendanceId], decision: 'approve' })
    expect(mixed.status).toBe(403)
    const stillPending = ok(await srv.call(SEC2, 'attendance.list', { estateBranchId: 'E2', activityId: own }))
    expect(stillPending[0].status).toBe('pending')
  })
  it('a member reads only their own points', async () => {
    const a = ok(await srv.call(M1, 'score.mine', { year: 2025 }))
    const b = ok(await srv.call(M2, 'score.mine', { year: 2025 }))
    expect(a.entries.map((e: any) => e.id)).not.toEqual(b.entries.map((e: any) => e.id))
    expect((await srv.call(M1, 'score.mine', { year: 2025, memberId: 'D002' })).status).toBe(400)
  })
  it('role grants come only from an admin in scope', async () => {
    const r = await srv.call(SEC1, 'admin.importDirectory', { roles: [{ openid: SEC1, role: 'county_admin', scopeId: 'county' }] })
    expect(r.status).toBe(403)
    expect(ok(await srv.call(SEC1, 'me.get')).roles.map((x: any) => x.role)).toEqual(['estate_secretary'])
  })
})

describe('directory import', () => {
  it('accepts children before their parents and is idempotent by id', async () => {
    const body = {
      orgs: [
        { id: 'NE1', kind: 'estate', name: '新苑小区党支部', parentId: 'NC1' },
        { id: 'NC1', kind: 'community', name: '新社区党总支', parentId: 'NS1' },
        { id: 'NS1', kind: 'street', name: '新街道' },
      ],
      roles: [{ openid: 'new-sec', role: 'estate_secretary', scopeId: 'NE1' }],
    }
    expect(ok(await srv.call(ADMIN, 'admin.importDirectory', body))).toEqual({ orgs: 3, members: 0, roles: 1 })
    expect(ok(await srv.call(ADMIN, 'admin.importDirectory', body))).toEqual({ orgs: 3, members: 0, roles: 1 })
    const estates = ok(await srv.call('new-sec', 'org.list', { kind: 'estate' }))
    expect(estates.filter((o: any) => o.id === 'NE1')).toHaveLength(1)
    // The new estate belongs to its street: the street admin of S1 does not cover it.
    expect((await srv.call('demo-street-s1', 'member.list', { scopeId: 'NE1' })).status).toBe(403)
  })
  it('refuses a cycle and a parent of the wrong kind without writing anything', async () => {
    const cycle = await srv.call(ADMIN, 'admin.importDirectory', {
      orgs: [
        { id: 'Q1', kind: 'community', name: '甲', parentId: 'Q2' },
        { id: 'Q2', kind: 'community', name: '乙', parentId: 'Q1' },
      ],
    })
    expect(cycle.status).toBe(400)
    const wrong = await srv.call(ADMIN, 'admin.importDirectory', { orgs: [{ id: 'Q3', kind: 'estate', name: '丙', parentId: 'UB1' }] })
    expect(wrong.status).toBe(400)
    expect(ok(await srv.call(ADMIN, 'org.list', {})).some((o: any) => /^Q\d$/.test(o.id))).toBe(false)
  })
})

describe('bad input: a clear Chinese 4xx, never a 500, never a state change', () => {
  const bad: [string, string, unknown][] = [
    [M1, 'member.register', { name: 123, phone: '13800000001', unitBranchId: 'UB1', estateBranchId: 'E1' }],
    ['someone', 'member.register', { name: '王五', phone: { $gt: '' }, unitBranchId: 'UB1', estateBranchId: 'E1' }],
    [
      'someone',
      'member.register',
      JSON.parse('{"__proto__":{"status":"active"},"name":"王五","phone":"13800000099","unitBranchId":"UB1","estateBranchId":"E1"}'),
    ],
    ['someone', 'member.register', { name: '王五', phone: '13800000099', unitBranchId: 'UB1' }],
    ['someone', 'member.register', { name: '王'.repeat(5000), phone: '13800000099', unitBranchId: 'UB1', estateBranchId: 'E1' }],
    [
      SEC1,
      'activity.create',
      { estateBranchId: 'E1', title: '坏时间', itemCode: 'V01', startAt: '2025-02-30T09:00:00+08:00', endAt: '2025-03-01T09:00:00+08:00' },
    ],
    [SEC1, 'activity.create', { estateBranchId: 'E1', title: '倒序', itemCode: 'V01', startAt: toIsoShanghai(T0 + HOUR), endAt: toIsoShanghai(T0) }],
    [
      SEC1,
      'activity.create',
      { estateBranchId: 'E1', title: '无此细则', itemCode: 'ZZZ', startAt: toIsoShanghai(T0), endAt: toIsoShanghai(T0 + HOUR) },
    ],
    [
      SEC1,
      'activity.create',
      { estateBranchId: 'E1', title: '容量', itemCode: 'V01', startAt: toIsoShanghai(T0), endAt: toIsoShanghai(T0 + HOUR), capacity: 'NaN' },
    ],
    [SEC1, 'attendance.review', { attendanceIds: [{ $ne: null }], decision: 'approve' }],
    [SEC1, 'attendance.review', { attendanceIds: [], decision: 'approve' }],
    [SEC1, 'attendance.review', { attendanceIds: ['T1'], decision: 'delete' }],
    [
      SEC1,
      'ruleset.save',
      { estateBranchId: 'E1', year: 2025, baseScore: 60.555, fullScore: 100, items: [{ code: 'A', name: 'a', category: 'c', points: 1 }] },
    ],
    [
      SEC1,
      'ruleset.save',
      {
        estateBranchId: 'E1',
        year: 2025,
        baseScore: 60,
        fullScore: 100,
        items: [
          { code: 'A', name: 'a', category: 'c', points: 1 },
          { code: 'A', name: 'b', category: 'c', points: 1 },
        ],
      },
    ],
    [M1, 'activity.checkin', {}],
    [M1, 'activity.checkin', { activityId: 'A1', shortCode: '12ab56' }],
    [M1, 'activity.checkin', { code: 'x', location: { lat: 'north', lng: 1 } }],
    [M1, 'score.mine', { year: '2025' }],
    [M1, 'score.mine', { year: 1e308 }],
    ['demo-unitsec-ub1', 'unitScore.import', { unitBranchId: 'UB1', year: 2025, scores: [{ memberId: 'D001', score: -1 }] }],
    [ADMIN, 'admin.importDirectory', { orgs: [{ id: 'X1', kind: 'estate', name: '上级不存在', parentId: 'NOPE' }] }],
    [ADMIN, 'admin.importDirectory', { orgs: [{ id: 'X2', kind: 'galaxy', name: '星系' }] }],
    [ADMIN, 'admin.importDirectory', { roles: [{ openid: 'a', role: 'estate_secretary', scopeId: 'UB1' }] }],
    [ADMIN, 'score.tally', { year: 2025, scopeId: '$where' }],
  ]
  it.each(bad)('%s %s refused', async (openid, action, body) => {
    const before = await auditCount()
    const r = await srv.call(openid, action, body)
    expect(r.status).toBeGreaterThanOrEqual(400)
    expect(r.status).toBeLessThan(500)
    expect(r.body.ok).toBe(false)
    expect(r.body.error?.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await auditCount()).toBe(before)
  })
})

describe('concurrency', () => {
  it('200 simultaneous check-ins with duplicates store each member once', async () => {
    const members = Array.from({ length: 100 }, (_, i) => ({
      id: `C${String(i).padStart(3, '0')}`,
      name: `并发${i}`,
      phone: `1390000${String(i).padStart(4, '0')}`,
      unitBranchId: 'UB3',
      estateBranchId: 'E3',
    }))
    ok(await srv.call(ADMIN, 'admin.importDirectory', { members }))
    await Promise.all(
      members.map((m) =>
        srv.call(`c-${m.id}`, 'member.register', { name: m.name, phone: m.phone, unitBranchId: m.unitBranchId, estateBranchId: m.estateBranchId }),
      ),
    )
    const id = await newActivity({}, -5 * MINUTE, 2, 'demo-secretary-e3', 'E3')
    const { qr } = srv.codeFor(id)
    const replies = await Promise.all([...members, ...members].map((m) => srv.call(`c-${m.id}`, 'activity.checkin', { code: qr })))
    expect(replies.every((r) => r.status === 200)).toBe(true)
    expect(replies.filter((r) => r.body.data.repeated === false)).toHaveLength(100)
    expect(await srv.deps.store.count('attendances', { activityId: id })).toBe(100)
  })
  it('20 simultaneous approvals of one attendance write one ledger entry', async () => {
    const id = await newActivity()
    const att = ok(await srv.call('demo-member-5', 'activity.checkin', { code: srv.codeFor(id).qr }))
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => srv.call(SEC1, 'attendance.review', { attendanceIds: [att.attendanceId], decision: 'approve' })),
    )
    const sum = replies.reduce((acc, r) => ({ approved: acc.approved + ok(r).approved, skipped: acc.skipped + ok(r).skipped }), {
      approved: 0,
      skipped: 0,
    })
    expect(sum).toEqual({ approved: 1, skipped: 19 })
    expect(await srv.deps.store.count('ledger', { sourceId: att.attendanceId })).toBe(1)
  })
  it('two secretaries racing to approve and reject get one winner', async () => {
    ok(await srv.call(ADMIN, 'admin.importDirectory', { roles: [{ openid: 'deputy-e1', role: 'estate_secretary', scopeId: 'E1' }] }))
    const id = await newActivity()
    const att = ok(await srv.call('demo-member-6', 'activity.checkin', { code: srv.codeFor(id).qr }))
    const [a, b] = await Promise.all([
      srv.call(SEC1, 'attendance.review', { attendanceIds: [att.attendanceId], decision: 'approve' }),
      srv.call('deputy-e1', 'attendance.review', { attendanceIds: [att.attendanceId], decision: 'reject', reason: '重复' }),
    ])
    const winners = [ok(a), ok(b)].filter((x) => x.approved + x.rejected === 1)
    expect(winners).toHaveLength(1)
    expect([ok(a), ok(b)].filter((x) => x.skipped === 1)).toHaveLength(1)
  })
})
