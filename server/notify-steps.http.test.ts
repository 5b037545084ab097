// 述职 and 红旗小区 steps as 订阅消息 and in-app notices (docs/DESIGN.md#reminders, #duty-reports, #red-flag-estates):
// each step reaches the org's secretary/admin once — a repeated action adds nothing — and is sent only against a
// credit. The channel is a recording stand-in for WeChat; actions, SQLite and transactions are the real local backend.
import { DAY } from '../src/core/time'
import type { NotifyPort, OutgoingMessage } from './ports/notify.port'
import { deliverDue } from './services/notify'
import { localTemplateSettings } from './services/notify-config'
import { ok, startTestServer, type TestServer } from './testing/harness'

const SEC1 = 'demo-secretary-e1'
const SEC2 = 'demo-secretary-e2'
const CM1 = 'demo-community-cm1'
const S1 = 'demo-street-s1'
const ADMIN = 'demo-admin'
const CRITERIA = [
  { code: 'A', name: '党建引领', weight: 60 },
  { code: 'B', name: '物业服务', weight: 40 },
]
const FULL = { A: '每月主题党日，党员亮身份', B: '物业服务企业纳入党建联建' }

let srv: TestServer
const sent: OutgoingMessage[] = []
beforeAll(async () => {
  srv = await startTestServer()
  srv.deps.notify = {
    channel: 'local',
    templates: localTemplateSettings(),
    async send(m) {
      sent.push(m)
      return { ok: true }
    },
  } satisfies NotifyPort
  // The seed's messages and the day's digest (nobody subscribed) are handled before the tests add credits.
  await deliver()
  sent.length = 0
})
afterAll(() => srv.close())

async function deliver() {
  return deliverDue(srv.deps, srv.deps.notify as NotifyPort)
}
const subscribe = async (openid: string, accepted: string[]) => ok(await srv.call(openid, 'notify.subscribe', { accepted }))
type Msg = { event: string; status: string; template: string; values: Record<string, string> }
const messages = async (openid: string, event: string): Promise<Msg[]> =>
  (ok(await srv.call(openid, 'notify.mine')).messages as Msg[]).filter((m) => m.event === event)
const notices = async (openid: string, title: string): Promise<{ title: string; body: string }[]> =>
  (ok(await srv.call(openid, 'notice.mine')) as { title: string; body: string }[]).filter((n) => n.title.includes(title))
const to = (openid: string, templateKey: string) => sent.filter((m) => m.touser === openid && m.templateId === `local-${templateKey}`)

describe('述职', () => {
  it('a reminder reaches the secretary as 待办事项提醒 once per day, and only with a credit', async () => {
    // No credit yet: the message is recorded as such and nothing goes out; the in-app notice is there.
    expect(ok(await srv.call(CM1, 'report.remind', { orgId: 'E2', year: 2025 })).sent).toBe(1)
    expect(ok(await srv.call(CM1, 'report.remind', { orgId: 'E2', year: 2025 })).repeated).toBe(true)
    await deliver()
    expect((await messages(SEC2, 'report.remind')).map((m) => m.status)).toEqual(['no_credit'])
    expect(to(SEC2, 'review_digest')).toHaveLength(0)
    expect(await notices(SEC2, '述职催报')).toHaveLength(1)

    // The next day, after the day's digest run, the secretary holds one credit: the new reminder is sent, once.
    srv.clock.advance(DAY)
    await deliver()
    sent.length = 0
    await subscribe(SEC2, ['review_digest'])
    ok(await srv.call(CM1, 'report.remind', { orgId: 'E2', year: 2025 }))
    ok(await srv.call(CM1, 'report.remind', { orgId: 'E2', year: 2025 }))
    await deliver()
    await deliver()
    expect(to(SEC2, 'review_digest')).toHaveLength(1)
    expect(to(SEC2, 'review_digest')[0].data.thing1.value).toBe('2025 年度述职待提交')
    expect((await messages(SEC2, 'report.remind')).map((m) => m.status).sort()).toEqual(['no_credit', 'sent'])
    expect(await notices(SEC2, '述职催报')).toHaveLength(2)
  })

  it('已阅 with its grade reaches the reporting secretary once; a repeated review adds nothing', async () => {
    await subscribe(SEC1, ['review_result'])
    ok(await srv.call(SEC1, 'report.submit', { orgId: 'E1', year: 2025, text: '全年开展主题党日十二次，党员报到率百分之九十。' }))
    const body = { orgId: 'E1', year: 2025, version: 1, grade: 'fairlyGood', comment: '工作扎实，继续加强' }
    ok(await srv.call(CM1, 'report.review', body))
    ok(await srv.call(CM1, 'report.review', body))
    await deliver()
    await deliver()
    const out = to(SEC1, 'review_result')
    expect(out).toHaveLength(1)
    expect(out[0].data.phrase2.value).toBe('已阅·较好')
    expect(out[0].data.thing3.value).toBe('工作扎实，继续加强')
    expect((await messages(SEC1, 'report.read')).map((m) => m.status)).toEqual(['sent'])
    const [n] = await notices(SEC1, '述职已阅')
    expect(n.body).toContain('较好')
    expect(n.body).toContain('工作扎实，继续加强')
  })
})

describe('红旗小区', () => {
  const year = 2025
  const stepOf = async (openid: string, event: string) => (await messages(openid, event)).map((m) => m.status)

  beforeAll(async () => {
    sent.length = 0
    ok(await srv.call(ADMIN, 'redflag.campaignSave', { year, criteria: CRITERIA }))
    for (const [sec, e] of [
      [SEC1, 'E1'],
      [SEC2, 'E2'],
    ]) {
      ok(await srv.call(sec, 'redflag.saveDraft', { year, estateBranchId: e, assessment: FULL }))
      ok(await srv.call(sec, 'redflag.submit', { year, estateBranchId: e }))
    }
  })

  it('退回 reaches the estate secretary with the reason, as message and notice, once', async () => {
    await subscribe(SEC1, ['review_result'])
    const body = { year, estateBranchId: 'E1', decision: 'return', reason: '请补充物业服务的具体做法' }
    ok(await srv.call(CM1, 'redflag.review', body))
    expect((await srv.call(CM1, 'redflag.review', body)).status).toBe(409)
    await deliver()
    await deliver()
    const out = to(SEC1, 'review_result')
    expect(out).toHaveLength(1)
    expect(out[0].data.phrase2.value).toBe('退回')
    expect(out[0].data.thing3.value).toBe('请补充物业服务的具体做法')
    expect(await stepOf(SEC1, 'redflag.returned')).toEqual(['sent'])
    const [n] = await notices(SEC1, '红旗小区：退回')
    expect(n.body).toContain('请补充物业服务的具体做法')
  })

  it('the street’s recommendation tells the picked and the passed-over estate, once each, sent only with a credit', async () => {
    sent.length = 0
    ok(await srv.call(SEC1, 'redflag.submit', { year, estateBranchId: 'E1' }))
    ok(await srv.call(CM1, 'redflag.review', { year, estateBranchId: 'E1', decision: 'endorse' }))
    ok(await srv.call(CM1, 'redflag.review', { year, estateBranchId: 'E2', decision: 'endorse' }))
    // E1's secretary holds one credit; E2's holds none for review_result.
    await subscribe(SEC1, ['review_result'])
    const picks = { year, streetId: 'S1', picks: [{ estateBranchId: 'E1', note: '实地查看' }] }
    ok(await srv.call(S1, 'redflag.recommend', picks))
    ok(await srv.call(S1, 'redflag.recommend', picks))
    await deliver()
    await deliver()
    expect(to(SEC1, 'review_result').map((m) => m.data.phrase2.value)).toEqual(['已推荐'])
    expect(to(SEC2, 'review_result')).toHaveLength(0)
    expect(await stepOf(SEC1, 'redflag.recommended')).toEqual(['sent'])
    expect(await stepOf(SEC2, 'redflag.notRecommended')).toEqual(['no_credit'])
    expect(await notices(SEC1, '红旗小区：已推荐')).toHaveLength(1)
    expect(await notices(SEC2, '红旗小区：未推荐')).toHaveLength(1)
  })

  it('being named in the 公示 list and removed after a 属实 report reach the secretary once each', async () => {
    sent.length = 0
    await subscribe(SEC1, ['publicity_open', 'review_result'])
    ok(await srv.call(ADMIN, 'redflag.decide', { year, meetingOn: '2025-07-02', note: '第 9 次常委会', approved: ['E1'] }))
    ok(await srv.call(ADMIN, 'redflag.publicityOpen', { year, startOn: '2025-07-02' }))
    expect((await srv.call(ADMIN, 'redflag.publicityOpen', { year, startOn: '2025-07-02' })).status).toBe(409)
    const report = ok(await srv.call('demo-member-3', 'redflag.report', { year, estateBranchId: 'E1', text: '物业收费未按规定公示' }))
    const answer = { reportId: report.reportId, verdict: 'upheld', answer: '经核实属实，取消资格' }
    ok(await srv.call(ADMIN, 'redflag.answer', answer))
    expect((await srv.call(ADMIN, 'redflag.answer', answer)).status).toBe(409)
    await deliver()
    await deliver()
    expect(to(SEC1, 'publicity_open').map((m) => m.data.thing1.value)).toEqual(['2025 年度红旗小区'])
    expect(to(SEC1, 'review_result').map((m) => [m.data.phrase2.value, m.data.thing3.value])).toEqual([['已取消', '经核实属实，取消资格']])
    expect(await stepOf(SEC1, 'redflag.named')).toEqual(['sent'])
    expect(await stepOf(SEC1, 'redflag.removed')).toEqual(['sent'])
    expect(await notices(SEC1, '红旗小区：入选公示')).toHaveLength(1)
    expect((await notices(SEC1, '红旗小区：已取消'))[0].body).toContain('经核实属实，取消资格')
  })
})
