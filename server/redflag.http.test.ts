// 红旗小区 评选 over real HTTP and SQLite (docs/DESIGN.md#red-flag-estates): campaign → 申报 (returned and resubmitted,
// versions kept, figures frozen) → 社区把关 → 街道推荐 within the quota and the deadline → 评选组 scores, exact
// averages and objections. Bad input answers a Chinese 4xx and changes nothing.
import { readXlsx, xlsxSheetNames } from '../src/lib/xlsx'
import { startTestServer, ok, type Reply, type TestServer } from './testing/harness'

let srv: TestServer
const CRITERIA = [
  { code: 'A', name: '党建引领', weight: 60 },
  { code: 'B', name: '物业服务', weight: 40 },
]
const FULL = { A: '每月主题党日，党员亮身份', B: '物业服务企业纳入党建联建' }

beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(async () => {
  await srv?.close()
})

function refused(r: Reply, status: number, code: string, text?: string) {
  expect(r.status).toBe(status)
  expect(r.body.ok).toBe(false)
  expect(r.body.error?.code).toBe(code)
  expect(r.body.error?.message).toMatch(/[\u4e00-\u9fa5]/)
  if (text) expect(r.body.error?.message).toContain(text)
}
const secretary = (e: string) => `demo-secretary-${e.toLowerCase()}`

describe('the campaign', () => {
  it('refuses criteria whose weights do not sum to 100, naming the sum', async () => {
    refused(
      await srv.call('demo-admin', 'redflag.campaignSave', { year: 2025, criteria: [{ code: 'A', name: '党建', weight: 90 }] }),
      400,
      'VALIDATION',
      '现为 90',
    )
    expect(ok(await srv.call('demo-admin', 'redflag.campaignGet', { year: 2025 }))).toBeNull()
  })

  it('opens with the defaults: quota 20, 20 % per street (half-up, at least 1), 12-30, 5000 元', async () => {
    const c = ok(await srv.call('demo-admin', 'redflag.campaignSave', { year: 2025, criteria: CRITERIA }))
    expect(c).toMatchObject({ year: 2025, quota: 20, sharePct: 20, deadline: '2025-12-30', subsidyYuan: 5000, editable: true, open: true })
    // S1 has 4 estates (0.8 → 1), S2 has 2 (0.4 → at least 1).
    expect(c.streets).toEqual([
      { streetId: 'S1', name: '城关街道', estates: 4, quota: 1 },
      { streetId: 'S2', name: '河西街道', estates: 2, quota: 1 },
    ])
    // Anyone signed in reads it.
    expect(ok(await srv.call('demo-member-1', 'redflag.campaignGet', { year: 2025 })).quota).toBe(20)
  })

  it('follows the street size: six more estates in S2 make 8 → 2', async () => {
    const orgs = [1, 2, 3, 4, 5, 6].map((k) => ({ id: `RFX${k}`, kind: 'estate', name: `新建小区${k}党支部`, parentId: 'CM3' }))
    ok(await srv.call('demo-admin', 'admin.importDirectory', { orgs }))
    const c = ok(await srv.call('demo-admin', 'redflag.campaignGet', { year: 2025 }))
    expect(c.streets.find((s: { streetId: string }) => s.streetId === 'S2')).toMatchObject({ estates: 8, quota: 2 })
  })

  it('is edited by the county only', async () => {
    refused(await srv.call('demo-street-s1', 'redflag.campaignSave', { year: 2025, criteria: CRITERIA }), 403, 'FORBIDDEN')
    const c = ok(await srv.call('demo-admin', 'redflag.campaignSave', { year: 2025, criteria: CRITERIA, subsidyYuan: 6000 }))
    expect(c.subsidyYuan).toBe(6000)
  })
})

describe('申报, 把关 and versions', () => {
  it('saves a draft, refusing unknown criteria and a tenth photo', async () => {
    refused(
      await srv.call(secretary('E1'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E1', assessment: { Z: '?' } }),
      400,
      'VALIDATION',
      'Z',
    )
    const photos = Array.from({ length: 10 }, (_, k) => `F${'a'.repeat(11)}${k}`)
    refused(await srv.call(secretary('E1'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E1', assessment: FULL, photos }), 400, 'VALIDATION')
    const a = ok(await srv.call(secretary('E1'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E1', assessment: { A: FULL.A } }))
    expect(a).toMatchObject({ status: 'draft', version: 0, snapshot: null, streetId: 'S1', communityId: 'CM1' })
  })

  it('will not submit an incomplete self-assessment, then submits and freezes the figures', async () => {
    refused(await srv.call(secretary('E1'), 'redflag.submit', { year: 2025, estateBranchId: 'E1' }), 400, 'VALIDATION', '物业服务')
    ok(await srv.call(secretary('E1'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E1', assessment: FULL }))
    const a = ok(await srv.call(secretary('E1'), 'redflag.submit', { year: 2025, estateBranchId: 'E1' }))
    expect(a.status).toBe('submitted')
    expect(a.version).toBe(1)
    // E1: 10 members in the directory, 9 registered (D010 is not).
    expect(a.snapshot).toMatchObject({ directory: 10, registered: 9, registrationRate: 90, satisfactionRate: null, satisfactionSample: null })
    expect(a.snapshot.participationRate).toBeCloseTo(Math.round((a.snapshot.participants * 10000) / 9) / 100, 2)
    expect(a.snapshot.activities).toBeGreaterThan(0)
  })

  it('fixes the campaign once the first application is in', async () => {
    refused(await srv.call('demo-admin', 'redflag.campaignSave', { year: 2025, criteria: CRITERIA }), 409, 'CONFLICT', '不能再修改')
    expect(ok(await srv.call('demo-admin', 'redflag.campaignGet', { year: 2025 })).editable).toBe(false)
  })

  it('keeps a submitted application as it is', async () => {
    refused(await srv.call(secretary('E1'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E1', assessment: FULL }), 409, 'CONFLICT')
    refused(await srv.call(secretary('E1'), 'redflag.submit', { year: 2025, estateBranchId: 'E1' }), 409, 'CONFLICT')
  })

  it('is returned with a reason, edited and resubmitted: both versions kept', async () => {
    refused(
      await srv.call('demo-community-cm1', 'redflag.review', { year: 2025, estateBranchId: 'E1', decision: 'return' }),
      400,
      'VALIDATION',
      '理由',
    )
    refused(await srv.call('demo-community-cm1', 'redflag.review', { year: 2025, estateBranchId: 'E3', decision: 'endorse' }), 403, 'FORBIDDEN')
    const back = ok(
      await srv.call('demo-community-cm1', 'redflag.review', {
        year: 2025,
        estateBranchId: 'E1',
        decision: 'return',
        reason: '请补充物业服务的具体做法',
      }),
    )
    expect(back).toMatchObject({ status: 'returned', returnedReason: '请补充物业服务的具体做法' })
    const edited = { ...FULL, B: '物业服务企业纳入党建联建，每季度评议一次' }
    ok(await srv.call(secretary('E1'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E1', assessment: edited }))
    expect(ok(await srv.call(secretary('E1'), 'redflag.submit', { year: 2025, estateBranchId: 'E1' })).version).toBe(2)
    const got = ok(await srv.call('demo-community-cm1', 'redflag.get', { year: 2025, estateBranchId: 'E1' }))
    expect(
      got.versions.map((v: { version: number; returnedReason?: string; assessment: { B: string } }) => [
        v.version,
        v.returnedReason ?? null,
        v.assessment.B,
      ]),
    ).toEqual([
      [1, '请补充物业服务的具体做法', FULL.B],
      [2, null, edited.B],
    ])
    ok(await srv.call('demo-community-cm1', 'redflag.review', { year: 2025, estateBranchId: 'E1', decision: 'endorse' }))
  })

  it('keeps the estate’s own photos, served through temporary links; another person’s upload is refused', async () => {
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
    const upload = async (openid: string) =>
      ok(
        await srv.raw('/files', {
          method: 'POST',
          headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${await srv.tokenFor(openid)}` },
          body: new Uint8Array(PNG),
        }),
      ).fileId as string
    const mine = await upload(secretary('E4'))
    const theirs = await upload('demo-member-1')
    const body = { year: 2025, estateBranchId: 'E4', assessment: FULL }
    refused(await srv.call(secretary('E4'), 'redflag.saveDraft', { ...body, photos: [theirs] }), 400, 'VALIDATION', '不是您本人上传')
    expect(ok(await srv.call(secretary('E4'), 'redflag.saveDraft', { ...body, photos: [mine] })).photos).toEqual([mine])
    const got = ok(await srv.call(secretary('E4'), 'redflag.get', { year: 2025, estateBranchId: 'E4' }))
    expect(Object.keys(got.photoUrls)).toEqual([mine])
    expect((await fetch(srv.url + got.photoUrls[mine])).status).toBe(200)
  })

  it('takes ten simultaneous submissions of one draft as one version', async () => {
    ok(await srv.call(secretary('E6'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E6', assessment: FULL }))
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => srv.call(secretary('E6'), 'redflag.submit', { year: 2025, estateBranchId: 'E6' })),
    )
    expect(replies.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)])
    const got = ok(await srv.call(secretary('E6'), 'redflag.get', { year: 2025, estateBranchId: 'E6' }))
    expect(got.versions.map((v: { version: number }) => v.version)).toEqual([1])
  })

  it('hides drafts from everyone but their estate', async () => {
    ok(await srv.call(secretary('E3'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E3', assessment: FULL }))
    expect(ok(await srv.call('demo-street-s1', 'redflag.get', { year: 2025, estateBranchId: 'E3' }))).toBeNull()
    const list = ok(await srv.call('demo-street-s1', 'redflag.list', { year: 2025, scopeId: 'S1' })).applications
    expect(list.map((a: { estateBranchId: string }) => a.estateBranchId)).toEqual(['E1'])
  })
})

describe('街道推荐', () => {
  beforeAll(async () => {
    ok(await srv.call(secretary('E2'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E2', assessment: FULL }))
    ok(await srv.call(secretary('E2'), 'redflag.submit', { year: 2025, estateBranchId: 'E2' }))
    ok(await srv.call('demo-community-cm1', 'redflag.review', { year: 2025, estateBranchId: 'E2', decision: 'endorse' }))
  })

  it('refuses more than the quota, naming it, and changes nothing', async () => {
    const picks = [
      { estateBranchId: 'E1', note: '实地查看楼道、议事会记录' },
      { estateBranchId: 'E2', note: '实地查看' },
    ]
    refused(await srv.call('demo-street-s1', 'redflag.recommend', { year: 2025, streetId: 'S1', picks }), 400, 'VALIDATION', '最多推荐 1 个')
    const list = ok(await srv.call('demo-street-s1', 'redflag.list', { year: 2025, scopeId: 'S1' })).applications
    expect(list.every((a: { status: string }) => a.status === 'endorsed')).toBe(true)
  })

  it('refuses an application the community has not endorsed, and an estate of another street', async () => {
    refused(
      await srv.call('demo-street-s1', 'redflag.recommend', { year: 2025, streetId: 'S1', picks: [{ estateBranchId: 'E3', note: '看' }] }),
      409,
      'CONFLICT',
    )
    refused(
      await srv.call('demo-street-s1', 'redflag.recommend', { year: 2025, streetId: 'S1', picks: [{ estateBranchId: 'E5', note: '看' }] }),
      403,
      'FORBIDDEN',
    )
  })

  it('recommends within the quota with a 实地评估 note', async () => {
    const r = ok(
      await srv.call('demo-street-s1', 'redflag.recommend', {
        year: 2025,
        streetId: 'S1',
        picks: [{ estateBranchId: 'E1', note: '实地查看楼道、议事会记录' }],
      }),
    )
    expect(r).toEqual({ year: 2025, streetId: 'S1', quota: 1, recommended: ['E1'] })
    const e1 = ok(await srv.call('demo-street-s1', 'redflag.get', { year: 2025, estateBranchId: 'E1' })).application
    expect(e1).toMatchObject({ status: 'recommended', streetRank: 1, streetNote: '实地查看楼道、议事会记录' })
  })

  it('closes at the deadline; the county extends it', async () => {
    const t = srv.clock.t
    srv.clock.t = Date.parse('2025-12-31T09:00:00+08:00')
    try {
      const body = { year: 2025, streetId: 'S1', picks: [{ estateBranchId: 'E1', note: '实地查看楼道、议事会记录' }] }
      refused(await srv.call('demo-street-s1', 'redflag.recommend', body), 409, 'CONFLICT', '2025-12-30')
      refused(await srv.call('demo-admin', 'redflag.extendDeadline', { year: 2025, deadline: '2025-12-01' }), 400, 'VALIDATION')
      expect(ok(await srv.call('demo-admin', 'redflag.extendDeadline', { year: 2025, deadline: '2026-01-08' }))).toMatchObject({
        deadline: '2026-01-08',
        open: true,
      })
      ok(await srv.call('demo-street-s1', 'redflag.recommend', body))
    } finally {
      srv.clock.t = t
    }
  })
})

describe('评选组', () => {
  it('is named by the county with a department', async () => {
    refused(await srv.call('demo-admin', 'redflag.panelName', { openid: 'panel-x', department: '局' }), 400, 'VALIDATION')
    expect(ok(await srv.call('demo-admin', 'redflag.panelName', { openid: 'panel-x', department: '城市管理局' }))).toEqual({
      openid: 'panel-x',
      department: '城市管理局',
      active: true,
    })
    const me = ok(await srv.call('panel-x', 'me.get', {}))
    expect(me.roles).toEqual([expect.objectContaining({ role: 'panel_reviewer', scopeId: 'county' })])
  })

  it('scores recommended applications only, each criterion within its weight', async () => {
    refused(await srv.call('demo-panel-1', 'redflag.score', { year: 2025, estateBranchId: 'E2', scores: { A: 50, B: 30 } }), 403, 'FORBIDDEN')
    refused(
      await srv.call('demo-panel-1', 'redflag.score', { year: 2025, estateBranchId: 'E1', scores: { A: 60.5, B: 30 } }),
      400,
      'VALIDATION',
      '60',
    )
    refused(await srv.call('demo-panel-1', 'redflag.score', { year: 2025, estateBranchId: 'E1', scores: { A: 50 } }), 400, 'VALIDATION', '物业服务')
    refused(await srv.call('demo-panel-1', 'redflag.list', { year: 2025, scopeId: 'S1' }), 403, 'FORBIDDEN')
  })

  it('averages exactly in hundredths (80.05 and 80.10 → 80.08, where floats give 80.07) and shows objections', async () => {
    ok(await srv.call('demo-panel-1', 'redflag.score', { year: 2025, estateBranchId: 'E1', scores: { A: 55.05, B: 25 } }))
    const a = ok(
      await srv.call('demo-panel-2', 'redflag.score', {
        year: 2025,
        estateBranchId: 'E1',
        scores: { A: 55.1, B: 25 },
        objection: '群众反映物业收费公示不及时',
      }),
    )
    expect(a).toMatchObject({ average: 80.08, panelRank: 1, objections: 1 })
    // A reviewer sees the others' departments and objections, not who they are.
    const seen = ok(await srv.call('demo-panel-1', 'redflag.list', { year: 2025, scopeId: 'county' })).applications
    expect(seen.map((x: { estateBranchId: string }) => x.estateBranchId)).toEqual(['E1'])
    expect(seen[0].reviews).toEqual([
      expect.objectContaining({ reviewer: 'demo-panel-1', department: '纪委监委', total: 80.05 }),
      { department: '住建局', total: 80.1, scores: { A: 55.1, B: 25 }, objection: '群众反映物业收费公示不及时', at: expect.any(String) },
    ])
    const county = ok(await srv.call('demo-admin', 'redflag.list', { year: 2025, scopeId: 'county' })).applications
    expect(county[0].reviews.map((r: { reviewer?: string }) => r.reviewer)).toEqual(['demo-panel-1', 'demo-panel-2'])
    // The street does not see the panel's sheets.
    const street = ok(await srv.call('demo-street-s1', 'redflag.list', { year: 2025, scopeId: 'S1' })).applications
    expect(street[0].reviews).toBeUndefined()
  })
})

describe('审定, 公示 and results', () => {
  beforeAll(async () => {
    // S2 (8 estates, quota 2) recommends E5 through its own community and street admins.
    ok(
      await srv.call('demo-admin', 'admin.importDirectory', {
        roles: [
          { openid: 'rf-cm3', role: 'community_admin', scopeId: 'CM3' },
          { openid: 'rf-s2', role: 'street_admin', scopeId: 'S2' },
        ],
      }),
    )
    ok(await srv.call(secretary('E5'), 'redflag.saveDraft', { year: 2025, estateBranchId: 'E5', assessment: FULL }))
    ok(await srv.call(secretary('E5'), 'redflag.submit', { year: 2025, estateBranchId: 'E5' }))
    ok(await srv.call('rf-cm3', 'redflag.review', { year: 2025, estateBranchId: 'E5', decision: 'endorse' }))
    ok(await srv.call('rf-s2', 'redflag.recommend', { year: 2025, streetId: 'S2', picks: [{ estateBranchId: 'E5', note: '实地查看' }] }))
  })

  it('records the 县委常委会 decision within the county quota, recommended estates only', async () => {
    const many = Array.from({ length: 21 }, (_, k) => `X${k}`)
    refused(
      await srv.call('demo-admin', 'redflag.decide', { year: 2025, meetingOn: '2025-07-01', note: '第 9 次常委会', approved: many }),
      400,
      'VALIDATION',
      '最多审定 20 个',
    )
    refused(
      await srv.call('demo-admin', 'redflag.decide', { year: 2025, meetingOn: '2025-07-01', note: '第 9 次常委会', approved: ['E3'] }),
      409,
      'CONFLICT',
      '未经街道推荐',
    )
    refused(await srv.call('demo-admin', 'redflag.publicityOpen', { year: 2025, startOn: '2025-07-01' }), 409, 'CONFLICT', '审定')
    ok(await srv.call('demo-admin', 'redflag.decide', { year: 2025, meetingOn: '2025-07-01', note: '第 9 次常委会', approved: ['E1', 'E5'] }))
  })

  it('opens the 公示 for 5 working days, once, after which the decision is fixed', async () => {
    refused(await srv.call('demo-admin', 'redflag.publicityOpen', { year: 2025, startOn: '2025-06-30' }), 400, 'VALIDATION', '不能早于今天')
    refused(await srv.call('demo-admin', 'redflag.publicityOpen', { year: 2025, startOn: '2025-07-01', workingDays: 4 }), 400, 'VALIDATION')
    const p = ok(await srv.call('demo-admin', 'redflag.publicityOpen', { year: 2025, startOn: '2025-07-01' }))
    // Tue 1 July + Wed, Thu, Fri, Mon = 5 working days.
    expect(p).toMatchObject({ startOn: '2025-07-01', endOn: '2025-07-07', workingDays: 5, status: 'open', final: false })
    refused(await srv.call('demo-admin', 'redflag.publicityOpen', { year: 2025, startOn: '2025-07-02' }), 409, 'CONFLICT')
    refused(
      await srv.call('demo-admin', 'redflag.decide', { year: 2025, meetingOn: '2025-07-01', note: '改', approved: ['E1'] }),
      409,
      'CONFLICT',
      '已公示',
    )
  })

  it('takes 问题反映 from anyone signed in; the reporter is shown to county admins only', async () => {
    refused(
      await srv.call('demo-member-3', 'redflag.report', { year: 2025, estateBranchId: 'E3', text: '这个小区不在名单上' }),
      409,
      'CONFLICT',
      '不在',
    )
    const mine = ok(await srv.call('demo-member-3', 'redflag.report', { year: 2025, estateBranchId: 'E1', text: '物业收费未按规定公示' }))
    expect(mine.reporter).toBeUndefined()
    srv.clock.advance(60_000)
    ok(await srv.call('rf-resident', 'redflag.report', { year: 2025, estateBranchId: 'E5', text: '楼道堆物长期无人清理' }))
    const pub = ok(await srv.call('rf-resident', 'redflag.publicity', { year: 2025 }))
    expect(pub).toMatchObject({ reports: 2, unanswered: 2, final: false })
    refused(await srv.call('demo-street-s1', 'redflag.reports', { year: 2025 }), 403, 'FORBIDDEN')
    const all = ok(await srv.call('demo-admin', 'redflag.reports', { year: 2025 }))
    expect(all.map((r: { reporter: string; estateBranchId: string }) => [r.estateBranchId, r.reporter])).toEqual([
      ['E1', 'demo-member-3'],
      ['E5', 'rf-resident'],
    ])
  })

  it('属实 removes the place and nobody moves up; 不属实 keeps it with the reason', async () => {
    const [e1, e5] = ok(await srv.call('demo-admin', 'redflag.reports', { year: 2025 }))
    expect(
      ok(await srv.call('demo-admin', 'redflag.answer', { reportId: e1.reportId, verdict: 'upheld', answer: '经核实属实，取消资格' })).status,
    ).toBe('upheld')
    refused(await srv.call('demo-admin', 'redflag.answer', { reportId: e1.reportId, verdict: 'dismissed', answer: '再答' }), 409, 'CONFLICT')
    ok(await srv.call('demo-admin', 'redflag.answer', { reportId: e5.reportId, verdict: 'dismissed', answer: '经核实已清理，不属实' }))
    const pub = ok(await srv.call('demo-member-1', 'redflag.publicity', { year: 2025 }))
    expect(pub.estates).toEqual([
      { estateBranchId: 'E1', name: '幸福里小区党支部', removed: true },
      { estateBranchId: 'E5', name: '滨江小区党支部', removed: false },
    ])
    // E2 was endorsed and S1 had a place, but the removed place stays empty.
    const results = ok(await srv.call('demo-member-1', 'redflag.results', { year: 2025 }))
    expect(results.estates.map((e: { estateBranchId: string }) => e.estateBranchId)).toEqual(['E5'])
    expect(results.final).toBe(false)
  })

  it('is final once the 公示 has ended: subsidy lines, honours and the .xlsx', async () => {
    const t = srv.clock.t
    srv.clock.t = Date.parse('2025-07-08T09:00:00+08:00')
    try {
      refused(
        await srv.call('demo-admin', 'redflag.subsidyPaid', { year: 2025, estateBranchId: 'E1', paidOn: '2025-07-08', paidBy: '县财政局' }),
        409,
        'CONFLICT',
        '不在',
      )
      const r = ok(
        await srv.call('demo-admin', 'redflag.subsidyPaid', { year: 2025, estateBranchId: 'E5', paidOn: '2025-07-08', paidBy: '县财政局' }),
      )
      expect(r).toMatchObject({ final: true, subsidyYuan: 6000 })
      expect(r.estates).toEqual([
        { estateBranchId: 'E5', name: '滨江小区党支部', streetName: '河西街道', subsidyYuan: 6000, paidOn: '2025-07-08', paidBy: '县财政局' },
      ])
      expect(ok(await srv.call('member-d041', 'redflag.honours', {}))).toEqual([{ year: 2025, estateBranchId: 'E5', name: '滨江小区党支部' }])
      expect(ok(await srv.call('demo-member-1', 'redflag.honours', {}))).toEqual([])
      const file = ok(await srv.call('demo-admin', 'redflag.export', { year: 2025 }))
      const bytes = Buffer.from(file.base64, 'base64')
      expect(xlsxSheetNames(bytes)).toEqual(['申报汇总表', '评选结果'])
      const results = readXlsx(bytes, '评选结果')
      expect(results.slice(1).map((row) => [row[1], row[2], row[3]])).toEqual([
        ['幸福里小区党支部', '公示期间反映属实，取消', 0],
        ['滨江小区党支部', '红旗小区', 6000],
      ])
      const summary = readXlsx(bytes, '申报汇总表')
      expect(summary.length).toBeGreaterThan(3)
    } finally {
      srv.clock.t = t
    }
  })
})

describe('bad input', () => {
  it.each([
    ['a $-operator for the scope', 'demo-admin', 'redflag.list', { year: 2025, scopeId: { $ne: 1 } }, 400],
    [
      'a __proto__ criterion',
      'demo-secretary-e4',
      'redflag.saveDraft',
      JSON.parse('{"year":2025,"estateBranchId":"E4","assessment":{"__proto__":"x"}}'),
      400,
    ],
    [
      'a huge self-assessment',
      'demo-secretary-e4',
      'redflag.saveDraft',
      { year: 2025, estateBranchId: 'E4', assessment: { A: '很'.repeat(1001) } },
      400,
    ],
    ['a score as text', 'demo-panel-1', 'redflag.score', { year: 2025, estateBranchId: 'E1', scores: { A: '55', B: 25 } }, 400],
    ['a forged estate', 'demo-secretary-e4', 'redflag.submit', { year: 2025, estateBranchId: 'E99' }, 404],
    ['another estate', 'demo-secretary-e4', 'redflag.submit', { year: 2025, estateBranchId: 'E1' }, 403],
    ['a year without a campaign', 'demo-secretary-e4', 'redflag.saveDraft', { year: 2031, estateBranchId: 'E4', assessment: FULL }, 404],
  ])('%s → a Chinese %i, nothing written', async (_what, openid, action, body, status) => {
    const before = (await srv.deps.store.find('rfApplications', {})).length
    const r = await srv.call(openid, action, body)
    expect(r.status).toBe(status)
    expect(r.body.error?.message).toMatch(/[\u4e00-\u9fa5]/)
    expect((await srv.deps.store.find('rfApplications', {})).length).toBe(before)
  })
})

it('audits every step', async () => {
  const audit = await srv.deps.store.find('audit', {})
  const actions = new Set(audit.map((a) => a.action).filter((a) => a.startsWith('redflag.')))
  expect([...actions].sort()).toEqual([
    'redflag.answer',
    'redflag.campaignSave',
    'redflag.decide',
    'redflag.extendDeadline',
    'redflag.panelName',
    'redflag.publicityOpen',
    'redflag.recommend',
    'redflag.report',
    'redflag.review',
    'redflag.saveDraft',
    'redflag.score',
    'redflag.submit',
    'redflag.subsidyPaid',
  ])
})

describe('the 满意度测评 in the snapshot', () => {
  it('freezes the 满意率 and sample size from its 满意度测评 of the year', async () => {
    ok(await srv.call('demo-admin', 'redflag.campaignSave', { year: 2026, criteria: CRITERIA }))
    const surveyId = ok(await srv.call('demo-community-cm1', 'survey.open', { estateBranchId: 'E2', year: 2026, period: '红旗申报前' })).surveyId
    const answers = [
      ['satisfied', 'satisfied', 'satisfied'],
      ['satisfied', 'basic', 'dissatisfied'],
      ['dissatisfied', 'dissatisfied', 'dissatisfied'],
    ]
    for (const [k, [branch, committee, property]] of answers.entries()) {
      ok(await srv.call(`rf-resident-${k}`, 'survey.answer', { surveyId, branch, committee, property }))
    }
    ok(await srv.call(secretary('E2'), 'redflag.saveDraft', { year: 2026, estateBranchId: 'E2', assessment: FULL }))
    const a = ok(await srv.call(secretary('E2'), 'redflag.submit', { year: 2026, estateBranchId: 'E2' }))
    // (3 + 2 + 0) of 9 answers are 满意 or 基本满意: 55.555…% → 55.56 (half-up, hundredths), with its sample of 3.
    expect(a.snapshot).toMatchObject({ satisfactionRate: 55.56, satisfactionSample: 3 })
  })
})
