// Issue 4 over real HTTP: a rule-set version applies from its 党员大会 date and never backwards; a finalised
// year stays as it was signed off — a later move changes nothing in it, the tally refuses to rewrite it, and
// only an audited adjustment can correct it.
import { startTestServer, ok, type TestServer } from './testing/harness'
import { HOUR } from '../src/core/time'

const SEC1 = 'demo-secretary-e1'
const ADMIN = 'demo-admin'
const DAY = 24 * HOUR
let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer() // T0 = Tuesday 2025-07-01 10:00 Asia/Shanghai
})
afterAll(() => srv.close())

const mine = async (openid: string, year = 2025) => ok(await srv.call(openid, 'score.mine', { year }))
const claim = (occurredOn: string, title: string) => ({ itemCode: 'V02', occurredOn, title, description: '清理楼道杂物两小时' })

describe('a new 积分明细 version applies from its adoption date', () => {
  let v2 = ''
  it('refuses an adoption dated after today', async () => {
    const current = ok(await srv.call(SEC1, 'ruleset.get', { estateBranchId: 'E1', year: 2025 })).current
    // v2: every item's yearly cap cut to 0.01 points, so any change backwards would show at once.
    const items = current.items.map((i: any) => ({ ...i, capPerYear: i.points > 0 ? 0.01 : undefined }))
    v2 = ok(
      await srv.call(SEC1, 'ruleset.save', { estateBranchId: 'E1', year: 2025, baseScore: current.baseScore, fullScore: current.fullScore, items }),
    ).rulesetId
    const future = await srv.call(SEC1, 'ruleset.adopt', { rulesetId: v2, adoptedOn: '2025-07-02', attendees: 30 })
    expect([future.status, future.body.error?.code, future.body.error?.details?.field]).toEqual([400, 'VALIDATION', 'adoptedOn'])
    expect(future.body.error?.message).toContain('不能晚于今天')
  })
  it('leaves points earned before it as they were, under the caps of their own version', async () => {
    // Two claims before the meeting are earned under v1.
    const a = ok(await srv.call('demo-member-2', 'claim.submit', claim('2025-06-20', '楼道清理')))
    const b = ok(await srv.call('demo-member-2', 'claim.submit', claim('2025-06-21', '楼道清理')))
    ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [a.attendanceId, b.attendanceId], decision: 'approve' }))
    const before = await mine('demo-member-2')
    ok(await srv.call(SEC1, 'ruleset.adopt', { rulesetId: v2, adoptedOn: '2025-07-01', attendees: 30, note: '下半年收紧上限' }))
    const after = await mine('demo-member-2')
    expect(after.estateScore).toBe(before.estateScore)
    expect(after.estateSource.rulesetVersion).toBe(2)
    expect(after.entries.filter((e: any) => e.title === '楼道清理').map((e: any) => e.rulesetVersion)).toEqual([1, 1])
  })
  it('earns later service under the new version, whose cap is already reached', async () => {
    const before = await mine('demo-member-2')
    const c = ok(await srv.call('demo-member-2', 'claim.submit', claim('2025-07-01', '七一楼道清理')))
    // A service dated before the meeting is still earned under v1, even when claimed after it.
    const d = ok(await srv.call('demo-member-2', 'claim.submit', claim('2025-06-28', '六月楼道清理')))
    ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [c.attendanceId, d.attendanceId], decision: 'approve' }))
    const after = await mine('demo-member-2')
    const version = (title: string) => after.entries.find((e: any) => e.title === title)?.rulesetVersion
    expect([version('七一楼道清理'), version('六月楼道清理')]).toEqual([2, 1])
    // v1's V02 cap is 12: the June claim adds its 3 points under v1 (6 → 9 so far); the July one, under v2's
    // cap of 0.01 already passed, adds nothing.
    expect(after.estateScore).toBe(before.estateScore + 3)
  })
})

describe('a finalised year stays as it was signed off', () => {
  let signedOff: any
  let e1List: any[]
  let e1Dashboard: any
  let e1Feedback: any
  it('finalises 2025', async () => {
    for (let k = 1; k <= 6; k++)
      ok(await srv.call(`demo-secretary-e${k}`, 'publicity.open', { estateBranchId: `E${k}`, year: 2025, startOn: '2025-07-01' }))
    srv.clock.advance(8 * DAY)
    ok(await srv.call(ADMIN, 'year.finalise', { year: 2025 }))
    signedOff = await mine('demo-member-1')
    e1List = ok(await srv.call(SEC1, 'score.list', { year: 2025, scopeId: 'E1' })).rows
    expect(e1List.map((r: any) => r.memberId)).toContain('D001')
    e1Dashboard = ok(await srv.call(SEC1, 'dashboard.get', { year: 2025, scopeId: 'E1' }))
    e1Feedback = ok(await srv.call(ADMIN, 'feedback.list', { year: 2025, scopeId: 'E1' }))
    expect(e1Feedback.rows.find((r: any) => r.memberId === 'D001')).toMatchObject({ estateBranchId: 'E1' })
  })
  it('refuses to tally it again, in one go or in batches', async () => {
    for (const [action, body] of [
      ['score.tally', { year: 2025 }],
      ['score.tallyStep', { year: 2025 }],
    ] as const) {
      const r = await srv.call(ADMIN, action, body)
      expect([action, r.status, r.body.error?.code]).toEqual([action, 409, 'YEAR_LOCKED'])
    }
  })
  it('is not changed by a member moving estate the next year', async () => {
    srv.clock.advance(200 * DAY) // 2026
    const req = ok(await srv.call('demo-member-1', 'member.requestMove', { estateBranchId: 'E2', reason: '搬家到锦绣花园' }))
    ok(await srv.call('demo-secretary-e2', 'member.resolveMove', { requestId: req.requestId, decision: 'approve' }))
    expect(ok(await srv.call('demo-member-1', 'me.get')).member.estateBranchId).toBe('E2')
    expect(await mine('demo-member-1')).toEqual(signedOff)
    expect(ok(await srv.call(SEC1, 'score.list', { year: 2025, scopeId: 'E1' })).rows).toEqual(e1List)
    const e2 = ok(await srv.call('demo-secretary-e2', 'score.list', { year: 2025, scopeId: 'E2' })).rows
    expect(e2.map((r: any) => r.memberId)).not.toContain('D001')
    // The year's reports agree: E1's dashboard (scored, taking part, distribution) and 双报告 table are as signed off.
    const dash = ok(await srv.call(SEC1, 'dashboard.get', { year: 2025, scopeId: 'E1' }))
    for (const k of ['registered', 'participants', 'participationRate', 'averageTotal', 'distribution', 'incomplete'])
      expect([k, dash[k]]).toEqual([k, e1Dashboard[k]])
    // (The 名册 column is today's directory — D001 has left E1's — and stays live.)
    const noDirectory = (rows: any[]) => rows.map(({ directory, ...rest }: any) => rest)
    expect(noDirectory(dash.estates)).toEqual(noDirectory(e1Dashboard.estates))
    expect(ok(await srv.call(ADMIN, 'feedback.list', { year: 2025, scopeId: 'E1' })).rows).toEqual(e1Feedback.rows)
  })
  it('shows an audited adjustment at once, in the branch it was signed off in', async () => {
    ok(await srv.call(ADMIN, 'adjustment.record', { memberId: 'D001', year: 2025, points: 1.5, reason: '复核补记七一活动' }))
    const after = await mine('demo-member-1')
    expect(after.estateScore).toBe(signedOff.estateScore + 1.5)
    expect(after.estateSource.estateBranchId).toBe('E1')
    const row = ok(await srv.call(SEC1, 'score.list', { year: 2025, scopeId: 'E1' })).rows.find((r: any) => r.memberId === 'D001')
    expect(row.estateScore).toBe(signedOff.estateScore + 1.5)
  })
})
