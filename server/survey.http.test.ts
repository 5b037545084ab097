// 满意度测评 (docs/DESIGN.md#satisfaction-surveys) over real HTTP and SQLite: the community opens a survey; anyone signed
// in answers it without registering, once per openid, changeable until it closes; results are exact, 样本不足 under
// 30 answers; comments readable by the community, the respondent only by the county; bad input refused in Chinese.
import { MINUTE } from '../src/core/time'
import { estateSatisfaction } from './queries/surveys'
import { startTestServer, ok, type TestServer } from './testing/harness'

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

const CM1 = 'demo-community-cm1'
const S1 = 'demo-street-s1'
const COUNTY = 'demo-admin'
const answer = (surveyId: string, branch = 'satisfied', committee = 'basic', property = 'dissatisfied', comment?: string) => ({
  surveyId,
  branch,
  committee,
  property,
  ...(comment ? { comment } : {}),
})
const open = async (estateBranchId: string, period: string, year = 2025) =>
  ok(await srv.call(CM1, 'survey.open', { estateBranchId, year, period })).surveyId as string

describe('opening a survey', () => {
  it('lets the community open one per estate, year and period; opening again answers the same survey', async () => {
    const first = ok(await srv.call(CM1, 'survey.open', { estateBranchId: 'E1', year: 2025, period: '上半年' }))
    expect(first.repeated).toBe(false)
    const again = ok(await srv.call(CM1, 'survey.open', { estateBranchId: 'E1', year: 2025, period: ' 上半年 ' }))
    expect(again).toEqual({ surveyId: first.surveyId, repeated: true })
    const list = ok(await srv.call(CM1, 'survey.list', { scopeId: 'CM1', year: 2025 }))
    expect(list.surveys.filter((s: any) => s.surveyId === first.surveyId)).toMatchObject([
      { estateBranchId: 'E1', estateName: '幸福里小区党支部', period: '上半年', status: 'open', answers: 0, closedAt: null },
    ])
  })

  it('refuses another community’s estate (403) and a missing one (404), in Chinese', async () => {
    const r = await srv.call(CM1, 'survey.open', { estateBranchId: 'E3', year: 2025, period: '上半年' })
    expect([r.status, r.body.error?.code]).toEqual([403, 'FORBIDDEN'])
    expect(r.body.error?.message).toMatch(/无权/)
    const missing = await srv.call(CM1, 'survey.open', { estateBranchId: 'E99', year: 2025, period: '上半年' })
    expect([missing.status, missing.body.error?.message]).toEqual([404, '小区党支部不存在：E99'])
    // A street admin reads surveys but does not open them.
    expect((await srv.call(S1, 'survey.open', { estateBranchId: 'E1', year: 2025, period: '下半年' })).status).toBe(403)
  })
})

describe('answering', () => {
  it('lets a stranger with no member record answer from the poster, and change the answer: one answer per person', async () => {
    const id = await open('E1', '游客测试')
    const poster = ok(await srv.call(CM1, 'survey.poster', { surveyId: id }))
    expect(poster.scene).toBe(id)
    expect(poster.scene.length).toBeLessThanOrEqual(32)
    expect(poster.qr).toBe(`/packages/survey/answer/index?scene=${id}`)
    expect(poster.qrImage).toMatch(/^data:image\/(png|gif);base64,/)

    const before = ok(await srv.call('resident-stranger-1', 'survey.form', { surveyId: id }))
    expect(before).toMatchObject({ surveyId: id, estateName: '幸福里小区党支部', status: 'open', mine: null })
    expect(before.objects.map((o: any) => o.label)).toEqual(['小区党支部', '业主委员会', '物业服务企业'])
    expect(before.choices.map((o: any) => o.label)).toEqual(['满意', '基本满意', '不满意'])

    expect(ok(await srv.call('resident-stranger-1', 'survey.answer', answer(id, 'basic', 'basic', 'basic'))).changed).toBe(false)
    const changed = ok(await srv.call('resident-stranger-1', 'survey.answer', answer(id, 'satisfied', 'dissatisfied', 'basic', '  电梯常坏  ')))
    expect(changed.changed).toBe(true)
    const after = ok(await srv.call('resident-stranger-1', 'survey.form', { surveyId: id }))
    expect(after.mine).toMatchObject({ branch: 'satisfied', committee: 'dissatisfied', property: 'basic', comment: '电梯常坏' })
    const res = ok(await srv.call(CM1, 'survey.results', { surveyId: id }))
    expect(res.answers).toBe(1)
    expect(res.objects.map((o: any) => [o.satisfied, o.basic, o.dissatisfied])).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ])
  })

  it('keeps exactly one answer when the same person submits 20 times at once (the rest over the rate refused, 429)', async () => {
    const id = await open('E2', '并发测试')
    const choices = ['satisfied', 'basic', 'dissatisfied']
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        srv.call('resident-burst', 'survey.answer', answer(id, choices[i % 3], choices[(i + 1) % 3], choices[(i + 2) % 3])),
      ),
    )
    const statuses = replies.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(10)
    for (const r of replies.filter((x) => x.status === 429)) expect(r.body.error?.message).toMatch(/频繁/)
    // The first stored is new, every later one a change of the same answer.
    expect(replies.filter((r) => r.status === 200 && r.body.data.changed === false)).toHaveLength(1)
    const stored = await srv.deps.store.find('surveyAnswers', { surveyId: id })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ openid: 'resident-burst', revisions: 9 })
    expect(ok(await srv.call(CM1, 'survey.results', { surveyId: id })).answers).toBe(1)
  })

  it('rate-limits one openid to 10 submissions in 10 minutes, across surveys, and lets it answer again afterwards', async () => {
    const a = await open('E1', '限流甲')
    const b = await open('E2', '限流乙')
    for (let i = 0; i < 10; i++) ok(await srv.call('resident-rate', 'survey.answer', answer(i % 2 ? a : b)))
    const refused = await srv.call('resident-rate', 'survey.answer', answer(a))
    expect([refused.status, refused.body.error?.code]).toEqual([429, 'RATE_LIMITED'])
    // Another person is not held up by it.
    ok(await srv.call('resident-rate-2', 'survey.answer', answer(a)))
    srv.clock.advance(10 * MINUTE + 1)
    ok(await srv.call('resident-rate', 'survey.answer', answer(a, 'basic')))
  })

  it('refuses answers and changes once the survey is closed, and keeps the result as it was', async () => {
    const id = await open('E1', '结束测试')
    ok(await srv.call('resident-close', 'survey.answer', answer(id)))
    const closed = ok(await srv.call(CM1, 'survey.close', { surveyId: id }))
    expect(closed).toEqual({ status: 'closed', answers: 1, repeated: false })
    expect(ok(await srv.call(CM1, 'survey.close', { surveyId: id })).repeated).toBe(true)
    for (const who of ['resident-close', 'resident-late']) {
      const r = await srv.call(who, 'survey.answer', answer(id, 'dissatisfied'))
      expect([r.status, r.body.error?.code, r.body.error?.message]).toEqual([409, 'CONFLICT', '该测评已结束，不能再作答或修改'])
    }
    expect(ok(await srv.call('resident-late', 'survey.form', { surveyId: id })).status).toBe('closed')
    const res = ok(await srv.call(CM1, 'survey.results', { surveyId: id }))
    expect(res.answers).toBe(1)
    expect(res.objects[0].satisfied).toBe(1)
    // A closed period cannot be opened again.
    const reopen = await srv.call(CM1, 'survey.open', { estateBranchId: 'E1', year: 2025, period: '结束测试' })
    expect([reopen.status, reopen.body.error?.code]).toEqual([409, 'CONFLICT'])
  })
})

describe('results', () => {
  let id: string
  beforeAll(async () => {
    id = await open('E2', '样本测试')
    // 29 answers: 19 满意, 0 基本满意, 10 不满意 for the branch; all 基本满意 for the committee; 不满意 for the property.
    for (let i = 0; i < 29; i++) {
      ok(
        await srv.call(
          `sample-${i}`,
          'survey.answer',
          answer(id, i < 19 ? 'satisfied' : 'dissatisfied', 'basic', 'dissatisfied', i === 3 ? '物业打扫不及时' : undefined),
        ),
      )
    }
  })

  it('shows 样本不足 under 30 answers, with the counts and the sample size', async () => {
    const res = ok(await srv.call(CM1, 'survey.results', { surveyId: id }))
    expect(res).toMatchObject({ answers: 29, enough: false, overallShown: '样本不足' })
    expect(res.objects.map((o: any) => o.shown)).toEqual(['样本不足', '样本不足', '样本不足'])
    expect(res.objects[0]).toMatchObject({ satisfied: 19, basic: 0, dissatisfied: 10, rate: 65.52 })
  })

  it('shows the 满意率 from the 30th answer, exact in hundredths, half-up', async () => {
    ok(await srv.call('sample-29', 'survey.answer', answer(id, 'basic', 'basic', 'satisfied')))
    const res = ok(await srv.call(CM1, 'survey.results', { surveyId: id }))
    expect(res).toMatchObject({ answers: 30, enough: true })
    // (19 + 1) / 30 = 66.666… → 66.67 %; 30/30 = 100 %; 1/30 = 3.333… → 3.33 %; overall 51/90 = 56.666… → 56.67 %.
    expect(res.objects.map((o: any) => [o.label, o.rate, o.shown])).toEqual([
      ['小区党支部', 66.67, '66.67%'],
      ['业主委员会', 100, '100.00%'],
      ['物业服务企业', 3.33, '3.33%'],
    ])
    expect([res.overall, res.overallShown]).toEqual([56.67, '56.67%'])
  })

  it('shows comments to the community and the street without the respondent, and names the respondent to the county', async () => {
    for (const who of [CM1, S1]) {
      const res = ok(await srv.call(who, 'survey.results', { surveyId: id }))
      expect(res.comments).toEqual([{ comment: '物业打扫不及时', at: expect.any(String) }])
      expect(JSON.stringify(res)).not.toContain('sample-3')
    }
    const county = ok(await srv.call(COUNTY, 'survey.results', { surveyId: id }))
    expect(county.comments).toEqual([{ comment: '物业打扫不及时', at: expect.any(String), respondent: 'sample-3' }])
  })

  it('gives other parts an estate’s 满意率 and sample size for a year (estateSatisfaction)', async () => {
    const e2 = await estateSatisfaction(srv.deps.store, 'E2', 2025)
    expect(e2.surveys).toContain(id)
    // Every E2 survey of 2025 pooled: this one's 30 answers and the earlier tests' (burst: 1, rate: 5 + 0).
    expect(e2.answers).toBeGreaterThanOrEqual(30)
    expect(e2.enough).toBe(true)
    const none = await estateSatisfaction(srv.deps.store, 'E5', 2025)
    expect(none).toMatchObject({ estateBranchId: 'E5', year: 2025, surveys: [], answers: 0, enough: false, overallBp: null })
    expect(none.objects.branch.rateBp).toBeNull()
  })

  it('keeps results within scope: another community’s admin is refused', async () => {
    const r = await srv.call(CM1, 'survey.list', { scopeId: 'CM2' })
    expect([r.status, r.body.error?.code]).toEqual([403, 'FORBIDDEN'])
  })
})

describe('bad input', () => {
  it('refuses wrong choices, huge comments, operators and forged ids with a clear Chinese 4xx and writes nothing', async () => {
    const id = await open('E1', '坏输入')
    const bad: unknown[] = [
      { surveyId: id, branch: '满意', committee: 'basic', property: 'basic' },
      { surveyId: id, branch: 'satisfied', committee: 'basic' },
      { ...answer(id), comment: '长'.repeat(301) },
      { ...answer(id), comment: 42 },
      { ...answer(id), surveyId: { $ne: null } },
      { ...answer(id), surveyId: '../../etc' },
      JSON.parse(`{"__proto__":{"status":"open"},"surveyId":"${id}","branch":"satisfied","committee":"basic","property":"basic","x":1}`),
    ]
    for (const body of bad) {
      const r = await srv.call('resident-bad', 'survey.answer', body)
      expect(r.status).toBeGreaterThanOrEqual(400)
      expect(r.status).toBeLessThan(500)
      expect(r.body.error?.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    const forged = await srv.call('resident-bad', 'survey.answer', answer('SVforged0000000000000000'))
    expect([forged.status, forged.body.error?.message]).toEqual([404, '测评不存在：SVforged0000000000000000'])
    expect(await srv.deps.store.find('surveyAnswers', { surveyId: id })).toHaveLength(0)
    const period = await srv.call(CM1, 'survey.open', { estateBranchId: 'E1', year: 2025, period: '   ' })
    expect([period.status, period.body.error?.code]).toEqual([400, 'VALIDATION'])
  })
})
