// Issue 4 over real HTTP: county settings, deductions, 公示 with appeals, finalisation that locks the year,
// audited adjustments after it, the 双报告 feedback table and dashboards.
import { startTestServer, ok, type TestServer } from './testing/harness'
import { toIsoShanghai, HOUR } from '../src/core/time'

const ADMIN = 'demo-admin'
const SEC1 = 'demo-secretary-e1'
const DAY = 24 * HOUR
let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer() // T0 = Tuesday 2025-07-01 10:00 Asia/Shanghai
})
afterAll(() => srv.close())

const mine = async (openid: string) => ok(await srv.call(openid, 'score.mine', { year: 2025 }))

describe('county settings', () => {
  it('only the county admin sets weights, which must sum to 1, and totals follow them', async () => {
    expect((await srv.call(SEC1, 'settings.set', { year: 2025, weights: { unit: 0.6, estate: 0.4 } })).status).toBe(403)
    const bad = await srv.call(ADMIN, 'settings.set', { year: 2025, weights: { unit: 0.6, estate: 0.5 } })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.message).toContain('之和必须为 1')
    ok(await srv.call(ADMIN, 'settings.set', { year: 2025, weights: { unit: 0.6, estate: 0.4 } }))
    // D001: unit 87.25, estate 65 → 0.6×87.25 + 0.4×65 = 52.35 + 26 = 78.35
    expect(await mine('demo-member-1')).toMatchObject({ weights: { unit: 0.6, estate: 0.4 }, total: 78.35 })
    ok(await srv.call(ADMIN, 'settings.set', { year: 2025, weights: { unit: 0.5, estate: 0.5 } }))
    expect((await mine('demo-member-1')).total).toBe(76.13)
  })
  it('sets bands, which must cover every total', async () => {
    expect(
      (
        await srv.call(ADMIN, 'settings.set', {
          year: 2025,
          bands: [
            { name: '好', min: 80 },
            { name: '一般', min: 60 },
          ],
        })
      ).status,
    ).toBe(400)
    ok(
      await srv.call(ADMIN, 'settings.set', {
        year: 2025,
        bands: [
          { name: '好', min: 76.13 },
          { name: '一般', min: 0 },
        ],
      }),
    )
    expect((await mine('demo-member-1')).band).toBe('好')
    ok(
      await srv.call(ADMIN, 'settings.set', {
        year: 2025,
        bands: [
          { name: '优秀', min: 90 },
          { name: '合格', min: 70 },
          { name: '基本合格', min: 60 },
          { name: '不合格', min: 0 },
        ],
      }),
    )
    expect((await mine('demo-member-1')).band).toBe('合格')
  })
})

describe('deductions (负面清单)', () => {
  it('records a deduction with a reason, and only from the estate’s negative items', async () => {
    const before = (await mine('demo-member-3')).estateScore
    expect(
      (await srv.call(SEC1, 'deduction.record', { memberId: 'D003', itemCode: 'V01', occurredOn: '2025-06-20', reason: '不是负面条目' })).status,
    ).toBe(400)
    expect(
      (await srv.call('demo-secretary-e2', 'deduction.record', { memberId: 'D003', itemCode: 'N01', occurredOn: '2025-06-20', reason: '越权' }))
        .status,
    ).toBe(403)
    expect((await srv.call(SEC1, 'deduction.record', { memberId: 'D003', itemCode: 'N01', occurredOn: '2025-07-09', reason: '未来' })).status).toBe(
      400,
    )
    ok(
      await srv.call(SEC1, 'deduction.record', {
        memberId: 'D003',
        itemCode: 'N01',
        occurredOn: '2025-06-20',
        reason: '无故缺席主题党日',
        evidence: '签到表照片存档',
      }),
    )
    const after = await mine('demo-member-3')
    expect(after.estateScore).toBe(before - 5)
    expect(after.entries.find((e: any) => e.kind === 'deduction')).toMatchObject({ points: -5, itemCode: 'N01' })
  })
})

describe('公示 and appeals', () => {
  it('opens 公示 for 5 working days, weekends excluded, and not back-dated', async () => {
    expect((await srv.call(SEC1, 'publicity.open', { estateBranchId: 'E1', year: 2025, startOn: '2025-06-30' })).status).toBe(400)
    const p = ok(await srv.call(SEC1, 'publicity.open', { estateBranchId: 'E1', year: 2025, startOn: '2025-07-01' }))
    expect(p).toMatchObject({ startOn: '2025-07-01', endOn: '2025-07-07', status: 'open' }) // Tue…Fri + Mon
    expect((await srv.call(SEC1, 'publicity.open', { estateBranchId: 'E1', year: 2025, startOn: '2025-07-02' })).status).toBe(409)
    expect(ok(await srv.call('demo-member-1', 'publicity.get', { estateBranchId: 'E1', year: 2025 })).endOn).toBe('2025-07-07')
  })
  it('lets a member appeal their own entry or total during 公示, once each', async () => {
    const entries = (await mine('demo-member-1')).entries
    const entry = entries.find((e: any) => e.status === 'approved')
    const a = ok(
      await srv.call('demo-member-1', 'appeal.create', { year: 2025, target: 'entry', targetId: entry.id, reason: '我当天还参加了清扫，应加分' }),
    )
    expect(a.status).toBe('open')
    expect(
      (await srv.call('demo-member-1', 'appeal.create', { year: 2025, target: 'entry', targetId: entry.id, reason: '再次申诉同一条' })).status,
    ).toBe(409)
    expect(
      (await srv.call('demo-member-2', 'appeal.create', { year: 2025, target: 'entry', targetId: entry.id, reason: '别人的流水申诉' })).status,
    ).toBe(404)
    ok(await srv.call('demo-member-2', 'appeal.create', { year: 2025, target: 'total', reason: '单位积分尚未录入，请核实' }))
    // A member of an estate without 公示 cannot appeal.
    expect((await srv.call('member-d011', 'appeal.create', { year: 2025, target: 'total', reason: '本小区尚未公示' })).body.error?.code).toBe(
      'OUT_OF_WINDOW',
    )
  })
  it('the secretary answers with a reason; accepting appends an adjustment entry', async () => {
    const open = ok(await srv.call(SEC1, 'appeal.list', { estateBranchId: 'E1', year: 2025 }))
    expect(open.map((x: any) => x.memberName).sort()).toEqual(['张建国', '李秀英'])
    expect(open.find((x: any) => x.memberName === '张建国').targetTitle).toBe('小区环境整治志愿服务')
    expect((await srv.call('demo-secretary-e2', 'appeal.list', { estateBranchId: 'E1', year: 2025 })).status).toBe(403)
    const before = (await mine('demo-member-1')).estateScore
    const first = open.find((x: any) => x.memberName === '张建国')
    const r = ok(
      await srv.call(SEC1, 'appeal.resolve', { appealId: first.appealId, decision: 'accept', reason: '经核实当天参加了两项服务', points: 3 }),
    )
    expect(r).toMatchObject({ status: 'accepted', answer: '经核实当天参加了两项服务' })
    expect((await mine('demo-member-1')).estateScore).toBe(before + 3)
    expect((await srv.call(SEC1, 'appeal.resolve', { appealId: first.appealId, decision: 'reject', reason: '再答一次' })).status).toBe(409)
    const mineAppeals = ok(await srv.call('demo-member-1', 'appeal.mine', { year: 2025 }))
    expect(mineAppeals[0]).toMatchObject({ status: 'accepted', answer: '经核实当天参加了两项服务' })
  })
  it('refuses appeals after 公示 ends', async () => {
    srv.clock.advance(7 * DAY) // Tuesday 07-08
    expect((await srv.call('demo-member-4', 'appeal.create', { year: 2025, target: 'total', reason: '公示结束后申诉' })).body.error?.code).toBe(
      'OUT_OF_WINDOW',
    )
  })
})

describe('finalisation', () => {
  it('waits for every estate’s 公示 to end and every appeal to be answered', async () => {
    const notYet = await srv.call(ADMIN, 'year.finalise', { year: 2025 })
    expect(notYet.status).toBe(409)
    expect(notYet.body.error?.details.estates).toContain('锦绣花园党支部')
    for (let k = 2; k <= 6; k++)
      ok(await srv.call(`demo-secretary-e${k}`, 'publicity.open', { estateBranchId: `E${k}`, year: 2025, startOn: '2025-07-08' }))
    srv.clock.advance(8 * DAY) // Wednesday 07-16: all ended (07-14 at the latest)
    const appeals = await srv.call(ADMIN, 'year.finalise', { year: 2025 })
    expect(appeals.body.error?.message).toContain('申诉未答复')
    const open = ok(await srv.call(SEC1, 'appeal.list', { estateBranchId: 'E1', year: 2025 }))
    ok(await srv.call(SEC1, 'appeal.resolve', { appealId: open[0].appealId, decision: 'reject', reason: '单位积分由单位录入，已提醒单位' }))
    const done = ok(await srv.call(ADMIN, 'year.finalise', { year: 2025 }))
    expect(done).toMatchObject({ year: 2025, locked: true })
  })
  it('locks the year: later writes get YEAR_LOCKED and nothing changes', async () => {
    const before = await mine('demo-member-1')
    const start = Date.parse('2025-07-20T09:00:00+08:00')
    const writes: [string, string, unknown][] = [
      [
        SEC1,
        'activity.create',
        { estateBranchId: 'E1', title: '定稿后', itemCode: 'V01', startAt: toIsoShanghai(start), endAt: toIsoShanghai(start + HOUR) },
      ],
      [
        SEC1,
        'ruleset.save',
        { estateBranchId: 'E1', year: 2025, baseScore: 60, fullScore: 100, items: [{ code: 'V01', name: 'v', category: 'c', points: 5 }] },
      ],
      ['demo-unitsec-ub1', 'unitScore.import', { unitBranchId: 'UB1', year: 2025, scores: [{ memberId: 'D001', score: 99 }] }],
      [SEC1, 'deduction.record', { memberId: 'D001', itemCode: 'N01', occurredOn: '2025-07-10', reason: '定稿后扣分' }],
      [ADMIN, 'settings.set', { year: 2025, weights: { unit: 0.7, estate: 0.3 } }],
      [SEC1, 'feedback.remark', { memberId: 'D001', year: 2025, remark: '定稿后评语' }],
      ['demo-member-1', 'claim.submit', { itemCode: 'V02', occurredOn: '2025-07-15', title: '定稿后申报', description: '定稿后申报的志愿服务' }],
    ]
    for (const [who, action, body] of writes) {
      const r = await srv.call(who, action, body)
      expect([action, r.status, r.body.error?.code]).toEqual([action, 409, 'YEAR_LOCKED'])
    }
    expect(await mine('demo-member-1')).toEqual(before)
    expect((await srv.call(ADMIN, 'year.finalise', { year: 2025 })).status).toBe(409)
  })
  it('allows corrections only as audited adjustments by the county', async () => {
    expect((await srv.call(SEC1, 'adjustment.record', { memberId: 'D001', year: 2025, points: 1, reason: '书记不能调整' })).status).toBe(403)
    const before = (await mine('demo-member-1')).estateScore
    ok(await srv.call(ADMIN, 'adjustment.record', { memberId: 'D001', year: 2025, points: -2, reason: '审计发现重复计分' }))
    const after = await mine('demo-member-1')
    expect(after.estateScore).toBe(before - 2)
    expect(after.entries.find((e: any) => e.title === '审计调整')).toMatchObject({ points: -2 })
  })
})

describe('双报告 and dashboards', () => {
  let srv2: TestServer
  beforeAll(async () => {
    srv2 = await startTestServer()
  })
  afterAll(() => srv2.close())

  it('gives the unit secretary a feedback row per member with estate, activities, hours, score and remark', async () => {
    ok(await srv2.call(SEC1, 'feedback.remark', { memberId: 'D001', year: 2025, remark: '积极参加志愿服务' }))
    expect((await srv2.call('demo-secretary-e2', 'feedback.remark', { memberId: 'D001', year: 2025, remark: '越权' })).status).toBe(403)
    const fb = ok(await srv2.call('demo-unitsec-ub1', 'feedback.list', { unitBranchId: 'UB1', year: 2025 }))
    const d001 = fb.rows.find((r: any) => r.memberId === 'D001')
    expect(d001).toMatchObject({ registered: true, estateBranchName: '幸福里小区党支部', activities: 1, estateScore: 65, remark: '积极参加志愿服务' })
    expect(fb.rows.some((r: any) => !r.registered)).toBe(true) // directory members not yet registered show too
    expect((await srv2.call('demo-unitsec-ub2', 'feedback.list', { unitBranchId: 'UB1', year: 2025 })).status).toBe(403)
  })
  it('lets the estate secretary read back the remarks sent, the latest one per member', async () => {
    ok(await srv2.call(SEC1, 'feedback.remark', { memberId: 'D002', year: 2025, remark: '热心邻里事务' }))
    ok(await srv2.call(SEC1, 'feedback.remark', { memberId: 'D002', year: 2025, remark: '热心邻里事务，带头垃圾分类' }))
    const back = ok(await srv2.call(SEC1, 'feedback.remarks', { estateBranchId: 'E1', year: 2025 }))
    expect(back.rows.map((r: any) => [r.memberId, r.remark])).toEqual([
      ['D001', '积极参加志愿服务'],
      ['D002', '热心邻里事务，带头垃圾分类'],
    ])
    expect(back.rows[0].at).toMatch(/\+08:00$/)
    expect(ok(await srv2.call(SEC1, 'feedback.remarks', { estateBranchId: 'E1', year: 2024 })).rows).toEqual([])
    expect((await srv2.call('demo-secretary-e2', 'feedback.remarks', { estateBranchId: 'E1', year: 2025 })).status).toBe(403)
  })
  it('counts registration and participation in scope, and keeps to the caller’s scope', async () => {
    const d = ok(await srv2.call('demo-community-cm1', 'dashboard.get', { scopeId: 'CM1', year: 2025 }))
    // CM1 = E1 + E2: 20 directory members; E1 has D001–D009 registered (D010 not), E2 D011–D020.
    expect(d).toMatchObject({ directoryMembers: 20, registered: 19 })
    expect(d.registrationRate).toBe(95)
    // Seed: 4 approved in E1's past activity, 5 in E2's.
    expect(d.participants).toBe(9)
    expect(d.participationRate).toBe(Math.round((9 / 19) * 10000) / 100)
    expect(d.estates.map((e: any) => e.estateBranchId)).toEqual(['E2', 'E1'])
    expect(Object.values(d.distribution).reduce((a: number, b: any) => a + b, 0) + d.incomplete).toBe(19)
    expect((await srv2.call('demo-community-cm1', 'dashboard.get', { scopeId: 'E5', year: 2025 })).status).toBe(403)
    expect((await srv2.call('demo-member-1', 'dashboard.get', { scopeId: 'E1', year: 2025 })).status).toBe(403)
    const county = ok(await srv2.call(ADMIN, 'dashboard.get', { scopeId: 'county', year: 2025 }))
    expect(county.directoryMembers).toBe(60)
    expect(county.estates).toHaveLength(6)
  })
})
