// 述职 over real HTTP (docs/DESIGN.md#duty-reports, issue 13 §3): estate → community → street → county, once a year,
// every version kept, revisable until the level above marks it 已阅 with a grade; the level above's table of who has
// and has not reported, and reminders into the in-app notices of the org's secretaries and admins.
import { startTestServer, ok, type TestServer } from './testing/harness'
import { openFingerprinter, changed, hasChinese } from './testing/fuzz'
import { MAX_DUTY_REPORT_CHARS, MAX_DUTY_REPORT_VERSIONS } from '../src/core/api-types'

const SEC1 = 'demo-secretary-e1'
const SEC2 = 'demo-secretary-e2'
const CM1 = 'demo-community-cm1'
const S1 = 'demo-street-s1'
const COUNTY = 'demo-admin'
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const TEXT = '2025 年度述职：组织志愿服务 12 次，在职党员报到 40 人，解决楼道照明、停车等问题 8 件。'

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

async function photo(openid: string): Promise<string> {
  const headers = { 'Content-Type': 'image/png', Authorization: `Bearer ${await srv.tokenFor(openid)}` }
  return ok(await srv.raw('/files', { method: 'POST', headers, body: new Uint8Array(PNG) })).fileId as string
}
const refused = (r: { status: number; body: any }, status: number, code: string) => {
  expect(r.status).toBe(status)
  expect(r.body.error.code).toBe(code)
  expect(hasChinese(r.body.error.message)).toBe(true)
  return r.body.error.message as string
}
const audits = (action: string) => srv.deps.store.find('audit', { action })

describe('an estate secretary reports to the community', () => {
  it('submits once with photos, keeps every revision, and is read and graded by the community', async () => {
    const empty = ok(await srv.call(SEC1, 'report.get', { orgId: 'E1', year: 2025 }))
    expect(empty).toMatchObject({ status: 'none', version: 0, parentId: 'CM1', canSubmit: true, canRead: false, read: null, versions: [] })

    const photos = [await photo(SEC1), await photo(SEC1)]
    const v1 = ok(await srv.call(SEC1, 'report.submit', { orgId: 'E1', year: 2025, text: TEXT, attachments: photos }))
    expect(v1).toMatchObject({ status: 'submitted', version: 1, text: TEXT, canSubmit: true })
    expect(v1.attachments.map((a: any) => a.id)).toEqual(photos)
    expect(v1.attachments.every((a: any) => a.url.length > 0)).toBe(true)

    // A retry (lost answer) adds nothing; a second first-submission of other text is refused: revise instead.
    expect(ok(await srv.call(SEC1, 'report.submit', { orgId: 'E1', year: 2025, text: TEXT, attachments: photos })).version).toBe(1)
    expect(refused(await srv.call(SEC1, 'report.submit', { orgId: 'E1', year: 2025, text: `${TEXT}补充。` }), 409, 'CONFLICT')).toContain('第 1 版')

    const v2 = ok(await srv.call(SEC1, 'report.submit', { orgId: 'E1', year: 2025, text: `${TEXT}补充。`, baseVersion: 1 }))
    expect(v2).toMatchObject({ version: 2, attachments: [] })
    expect(v2.versions.map((v: any) => [v.version, v.attachments])).toEqual([
      [1, 2],
      [2, 0],
    ])
    expect(v2.versions[0].text).toBe(TEXT)
    // A revision of a version that is no longer current is refused.
    refused(await srv.call(SEC1, 'report.submit', { orgId: 'E1', year: 2025, text: `${TEXT}再补充。`, baseVersion: 1 }), 409, 'CONFLICT')

    // The community reads it: grading an older version than the current one is refused.
    const stale = refused(
      await srv.call(CM1, 'report.review', { orgId: 'E1', year: 2025, version: 1, grade: 'good', comment: '好' }),
      409,
      'CONFLICT',
    )
    expect(stale).toContain('第 2 版')
    const read = ok(await srv.call(CM1, 'report.review', { orgId: 'E1', year: 2025, version: 2, grade: 'fairlyGood', comment: '工作扎实，继续加强' }))
    expect(read).toMatchObject({
      status: 'read',
      read: { grade: 'fairlyGood', comment: '工作扎实，继续加强', version: 2 },
      canRead: true,
      canSubmit: false,
    })

    // Once read it is final for the estate.
    expect(
      refused(await srv.call(SEC1, 'report.submit', { orgId: 'E1', year: 2025, text: `${TEXT}迟到的修改。`, baseVersion: 2 }), 409, 'CONFLICT'),
    ).toContain('已阅')
    const mine = ok(await srv.call(SEC1, 'report.get', { orgId: 'E1', year: 2025 }))
    expect(mine).toMatchObject({ status: 'read', version: 2, canSubmit: false, read: { grade: 'fairlyGood' } })

    // The community may correct its grade (audited with the earlier one).
    ok(await srv.call(CM1, 'report.review', { orgId: 'E1', year: 2025, version: 2, grade: 'good', comment: '工作扎实' }))
    const reviews = await audits('report.review')
    expect(reviews.map((a) => a.after)).toEqual(
      expect.arrayContaining([expect.objectContaining({ grade: 'fairlyGood' }), expect.objectContaining({ grade: 'good' })]),
    )
    expect(reviews.some((a) => (a.before as any)?.grade === 'fairlyGood')).toBe(true)
    expect((await audits('report.submit')).filter((a) => a.target === 'DR_2025_E1')).toHaveLength(2)
  })

  it('shows the community which estates have and have not reported, and reminds the others', async () => {
    const list = ok(await srv.call(CM1, 'report.list', { orgId: 'CM1', year: 2025 }))
    expect(list.counts).toEqual({ total: 2, none: 1, submitted: 0, read: 1 })
    expect(list.rows.map((r: any) => [r.orgId, r.status, r.grade])).toEqual(
      expect.arrayContaining([
        ['E1', 'read', 'good'],
        ['E2', 'none', null],
      ]),
    )
    // Reminding an estate that reported is refused; the one that has not gets one notice a day.
    refused(await srv.call(CM1, 'report.remind', { orgId: 'E1', year: 2025 }), 409, 'CONFLICT')
    const sent = ok(await srv.call(CM1, 'report.remind', { orgId: 'E2', year: 2025 }))
    expect(sent).toMatchObject({ orgId: 'E2', sent: 1, repeated: false })
    expect(ok(await srv.call(CM1, 'report.remind', { orgId: 'E2', year: 2025 }))).toMatchObject({ sent: 1, repeated: true })
    const notices = ok(await srv.call(SEC2, 'notice.mine', {}))
    expect(notices.filter((n: any) => n.title.includes('述职'))).toHaveLength(1)
    expect(notices[0].body).toContain('东风社区党总支')
    const after = ok(await srv.call(CM1, 'report.list', { orgId: 'CM1', year: 2025 }))
    expect(after.rows.find((r: any) => r.orgId === 'E2').remindedAt).toEqual(sent.remindedAt)
    // The next day, another reminder.
    srv.clock.advance(24 * 3600 * 1000)
    expect(ok(await srv.call(CM1, 'report.remind', { orgId: 'E2', year: 2025 })).repeated).toBe(false)
    expect(ok(await srv.call(SEC2, 'notice.mine', {})).filter((n: any) => n.title.includes('述职'))).toHaveLength(2)
  })

  it('reminds a community admin who is no member at all, through the same notices', async () => {
    expect(ok(await srv.call(CM1, 'me.get', {})).member ?? null).toBeNull()
    expect(ok(await srv.call(S1, 'report.remind', { orgId: 'CM1', year: 2025 })).sent).toBe(1)
    const notices = ok(await srv.call(CM1, 'notice.mine', {}))
    expect(notices).toHaveLength(1)
    expect(notices[0].body).toContain('城关街道')
    // Nobody holds the role in CM2: nothing is sent, and the answer says so.
    expect(ok(await srv.call(S1, 'report.remind', { orgId: 'CM2', year: 2025 }))).toMatchObject({ sent: 0 })
  })
})

describe('up the tree: community → street → county', () => {
  it('lets the street read its communities and the county its streets, each at its own level only', async () => {
    ok(await srv.call(CM1, 'report.submit', { orgId: 'CM1', year: 2025, text: `东风社区${TEXT}` }))
    ok(await srv.call(S1, 'report.submit', { orgId: 'S1', year: 2025, text: `城关街道${TEXT}` }))
    const street = ok(await srv.call(S1, 'report.list', { orgId: 'S1', year: 2025 }))
    expect(street.rows.map((r: any) => [r.orgId, r.status])).toEqual(
      expect.arrayContaining([
        ['CM1', 'submitted'],
        ['CM2', 'none'],
      ]),
    )
    const county = ok(await srv.call(COUNTY, 'report.list', { orgId: 'county', year: 2025 }))
    expect(county.rows.map((r: any) => r.orgId).sort()).toEqual(['S1', 'S2'])
    expect(county.counts).toMatchObject({ total: 2, submitted: 1, none: 1 })
    // The street admin may look at an estate's report, but only the community grades it; the county grades streets.
    expect(ok(await srv.call(S1, 'report.get', { orgId: 'E1', year: 2025 })).canRead).toBe(false)
    refused(await srv.call(S1, 'report.review', { orgId: 'E2', year: 2025, version: 1, grade: 'good', comment: '越级' }), 403, 'FORBIDDEN')
    refused(await srv.call(COUNTY, 'report.review', { orgId: 'CM1', year: 2025, version: 1, grade: 'good', comment: '越级' }), 403, 'FORBIDDEN')
    ok(await srv.call(S1, 'report.review', { orgId: 'CM1', year: 2025, version: 1, grade: 'average', comment: '一般' }))
    ok(await srv.call(COUNTY, 'report.review', { orgId: 'S1', year: 2025, version: 1, grade: 'poor', comment: '需改进' }))
    expect(ok(await srv.call(COUNTY, 'report.list', { orgId: 'county', year: 2025 })).rows.find((r: any) => r.orgId === 'S1')).toMatchObject({
      status: 'read',
      grade: 'poor',
      comment: '需改进',
    })
  })

  it('answers one version to simultaneous submissions of the same report, and refuses the different ones', async () => {
    const same = await Promise.all(
      Array.from({ length: 10 }, () => srv.call('demo-secretary-e3', 'report.submit', { orgId: 'E3', year: 2025, text: TEXT })),
    )
    expect(same.map((r) => r.status)).toEqual(Array(10).fill(200))
    const differ = await Promise.all(
      Array.from({ length: 6 }, (_, i) => srv.call('demo-secretary-e4', 'report.submit', { orgId: 'E4', year: 2025, text: `${TEXT}（稿 ${i}）` })),
    )
    expect(differ.filter((r) => r.status === 200)).toHaveLength(1)
    expect(differ.filter((r) => r.status === 409)).toHaveLength(5)
    for (const org of ['E3', 'E4']) {
      const v = ok(await srv.call(COUNTY, 'report.get', { orgId: org, year: 2025 }))
      expect(v.version).toBe(1)
      expect(v.versions).toHaveLength(1)
    }
  })
})

describe('limits', () => {
  it('stops revisions at the version cap, and refuses reminders for a year not yet come', async () => {
    ok(await srv.call('demo-secretary-e6', 'report.submit', { orgId: 'E6', year: 2025, text: TEXT }))
    const doc = await srv.deps.store.get('dutyReports', 'DR_2025_E6')
    await srv.deps.store.set('dutyReports', { ...(doc as NonNullable<typeof doc>), version: MAX_DUTY_REPORT_VERSIONS })
    const msg = refused(
      await srv.call('demo-secretary-e6', 'report.submit', { orgId: 'E6', year: 2025, text: `${TEXT}再改。`, baseVersion: MAX_DUTY_REPORT_VERSIONS }),
      409,
      'CONFLICT',
    )
    expect(msg).toContain('不能再改')
    expect(refused(await srv.call(CM1, 'report.remind', { orgId: 'E2', year: 2026 }), 400, 'VALIDATION')).toContain('尚未到来')
  })
})

describe('bad input is refused in Chinese, never 500, and writes nothing', () => {
  it('refuses wrong, oversized, forged and foreign input', async () => {
    const fp = openFingerprinter(srv.dataDir)
    const before = fp.take()
    const foreign = await photo(SEC2)
    const base = { orgId: 'E5', year: 2025, text: TEXT }
    const sec5 = 'demo-secretary-e5'
    const msg400 = async (body: unknown, who = sec5, action = 'report.submit') => refused(await srv.call(who, action, body), 400, 'VALIDATION')
    expect(await msg400({ ...base, text: '一'.repeat(MAX_DUTY_REPORT_CHARS + 1) })).toContain('述职报告')
    await msg400({ ...base, text: '太短' })
    await msg400({ ...base, text: 12345 })
    await msg400({ ...base, attachments: Array.from({ length: 10 }, (_, i) => `Fabcdefghijkl${i}`) })
    await msg400({ ...base, attachments: ['../../etc/passwd'] })
    expect(await msg400({ ...base, attachments: [foreign] })).toContain('附件')
    await msg400({ ...base, orgId: { $ne: null } })
    await msg400({ ...base, year: '2025' })
    expect(await msg400({ ...base, year: 2030 })).toContain('尚未到来')
    await msg400(JSON.parse(`{"orgId":"E5","year":2025,"text":"${TEXT}","__proto__":{"admin":true}}`))
    await msg400({ orgId: 'E1', year: 2025, version: 1, grade: '优秀', comment: '好' }, CM1, 'report.review')
    await msg400({ orgId: 'E1', year: 2025, version: 0, grade: 'good', comment: '好' }, CM1, 'report.review')
    refused(await srv.call(sec5, 'report.submit', { ...base, orgId: 'UB1' }), 404, 'NOT_FOUND')
    refused(await srv.call(sec5, 'report.submit', { ...base, orgId: 'E1' }), 403, 'FORBIDDEN')
    refused(await srv.call(CM1, 'report.list', { orgId: 'E1', year: 2025 }), 404, 'NOT_FOUND')
    refused(await srv.call(CM1, 'report.review', { orgId: 'E2', year: 2025, version: 1, grade: 'good', comment: '未交' }), 409, 'CONFLICT')
    // The foreign photo's upload is the only change.
    expect(changed(before, fp.take())).toEqual(['files'])
  })
})
