// 订阅消息 over the local backend (docs/DESIGN.md#reminders): credits, once-only sending under repeated and racing
// timer runs, 43101, retries, misconfiguration, quiet hours and the reminder's life. The channel is a recording
// stand-in for WeChat; everything else (actions, SQLite, transactions) is the real local backend.
import { HOUR, MINUTE, toIsoShanghai } from '../src/core/time'
import type { NotifyPort, OutgoingMessage, SendResult } from './ports/notify.port'
import { deliverDue } from './services/notify'
import { localTemplateSettings } from './services/notify-config'
import { createActivity, ok, startTestServer, type TestServer } from './testing/harness'

const SEC1 = 'demo-secretary-e1'
const ADMIN = 'demo-admin'
let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer({ adminOpenids: [ADMIN] })
  // The seed's messages (nobody subscribed to them) are handled before the tests add credits.
  await deliverDue(srv.deps, srv.deps.notify as NotifyPort)
})
afterAll(() => srv.close())

/** A channel that records what it was given and answers what the test says. */
function recorder(answer: (m: OutgoingMessage) => SendResult = () => ({ ok: true }), templates = localTemplateSettings()) {
  const sent: OutgoingMessage[] = []
  const port: NotifyPort = {
    channel: 'local',
    templates,
    async send(m) {
      sent.push(m)
      return answer(m)
    },
  }
  srv.deps.notify = port
  return { port, sent, to: (openid: string) => sent.filter((m) => m.touser === openid) }
}

const memberId = async (openid: string): Promise<string> => ok(await srv.call(openid, 'me.get')).member.id
const subscribe = async (openid: string, accepted: string[], rejectedForever?: string[]) =>
  ok(await srv.call(openid, 'notify.subscribe', { accepted, ...(rejectedForever ? { rejectedForever } : {}) }))
const mine = async (openid: string) => ok(await srv.call(openid, 'notify.mine'))
const deliver = async () => ok(await srv.call(ADMIN, 'notify.deliver'))

/** One review result for the member: a 补录 on a new activity, then the secretary's decision. */
async function reviewEvent(openid: string, decision: 'approve' | 'reject' = 'approve', title = '消息测试活动'): Promise<string> {
  const { id } = await createActivity(srv, { title })
  const att = ok(
    await srv.call(SEC1, 'attendance.backfill', {
      activityId: id,
      memberId: await memberId(openid),
      checkinAt: toIsoShanghai(srv.clock.t - 5 * MINUTE),
      reason: '消息测试补录',
    }),
  ).attendanceId as string
  const r = ok(
    await srv.call(SEC1, 'attendance.review', { attendanceIds: [att], decision, ...(decision === 'reject' ? { reason: '照片看不清，请补充' } : {}) }),
  )
  expect(r[decision === 'approve' ? 'approved' : 'rejected']).toBe(1)
  return att
}

/** The demo seed's reviews leave messages of their own: a test looks at those created after its baseline. */
const baseline = new Map<string, Set<string>>()
async function fresh(openid: string) {
  baseline.set(openid, new Set((await mine(openid)).messages.map((m: { id: string }) => m.id)))
}
const statuses = (m: { messages: { id: string; template: string; status: string }[] }, template: string, openid?: string) =>
  m.messages
    .filter((x) => x.template === template && !(openid && baseline.get(openid)?.has(x.id)))
    .map((x) => x.status)
    .sort()

describe('credits', () => {
  it('sends one message per acceptance: accept 2, 3 events → 2 sent, 1 without credit', async () => {
    const who = 'demo-member-2'
    await fresh(who)
    const ch = recorder()
    await subscribe(who, ['review_result'])
    const after = await subscribe(who, ['review_result'])
    expect(after.subscriptions).toEqual([{ template: 'review_result', credits: 2, rejectedForever: false }])
    await reviewEvent(who)
    await reviewEvent(who)
    await reviewEvent(who, 'reject')
    await deliver()
    const m = await mine(who)
    expect(statuses(m, 'review_result', who)).toEqual(['no_credit', 'sent', 'sent'])
    expect(ch.to(who)).toHaveLength(2)
    expect(m.subscriptions.find((s: { template: string }) => s.template === 'review_result').credits).toBe(0)
    // The rejection carries its reason.
    const rejected = m.messages.find((x: { event: string }) => x.event === 'review.rejected')
    expect(rejected.values.reason).toBe('照片看不清，请补充')
  })

  it('respects "always reject": the credits go and nothing is sent', async () => {
    const who = 'demo-member-3'
    await fresh(who)
    const ch = recorder()
    await subscribe(who, ['appeal_result'])
    const r = await subscribe(who, [], ['review_result', 'appeal_result'])
    expect(r.subscriptions).toEqual(
      expect.arrayContaining([
        { template: 'review_result', credits: 0, rejectedForever: true },
        { template: 'appeal_result', credits: 0, rejectedForever: true },
      ]),
    )
    await reviewEvent(who)
    await deliver()
    expect(ch.to(who)).toHaveLength(0)
    expect(statuses(await mine(who), 'review_result', who)).toEqual(['no_credit'])
  })
})

describe('once only', () => {
  it('a repeated timer run and a repeated action send nothing again', async () => {
    const who = 'demo-member-4'
    await fresh(who)
    const ch = recorder()
    await subscribe(who, ['review_result'])
    await subscribe(who, ['review_result'])
    const att = await reviewEvent(who)
    await deliver()
    expect(ch.to(who)).toHaveLength(1)
    // The secretary's client retries the same decision: the record is already decided, no second message.
    expect(ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [att], decision: 'approve' })).skipped).toBe(1)
    const again = await deliver()
    expect(again.sent).toBe(0)
    await deliver()
    expect(ch.to(who)).toHaveLength(1)
    expect(statuses(await mine(who), 'review_result', who)).toEqual(['sent'])
  })

  it('two timers racing send each message once', async () => {
    const who = 'demo-member-5'
    await fresh(who)
    const ch = recorder()
    for (let i = 0; i < 4; i++) await subscribe(who, ['review_result'])
    for (let i = 0; i < 3; i++) await reviewEvent(who, 'approve', `竞争测试 ${i}`)
    const port = srv.deps.notify as NotifyPort
    const [a, b] = await Promise.all([deliverDue(srv.deps, port), deliverDue(srv.deps, port)])
    expect(a.sent + b.sent).toBe(3)
    expect(ch.to(who)).toHaveLength(3)
    expect(new Set(ch.to(who).map((m) => m.data.thing1.value)).size).toBe(3)
    const m = await mine(who)
    expect(statuses(m, 'review_result', who)).toEqual(['sent', 'sent', 'sent'])
    expect(m.subscriptions[0].credits).toBe(1)
  })
})

describe('what WeChat answers', () => {
  it('43101: refused, the credits are gone, no retry', async () => {
    const who = 'demo-member-6'
    await fresh(who)
    const ch = recorder(() => ({ ok: false, errcode: 43101, errmsg: 'user refuse to accept the msg' }))
    await subscribe(who, ['review_result'])
    await subscribe(who, ['review_result'])
    await reviewEvent(who)
    await deliver()
    let m = await mine(who)
    expect(statuses(m, 'review_result', who)).toEqual(['refused'])
    expect(m.subscriptions[0].credits).toBe(0)
    await deliver()
    expect(ch.to(who)).toHaveLength(1)
    await reviewEvent(who)
    await deliver()
    m = await mine(who)
    expect(statuses(m, 'review_result', who)).toEqual(['no_credit', 'refused'])
    expect(ch.to(who)).toHaveLength(1)
  })

  it('a transient failure is retried with backoff, at most 3 tries, and the credit comes back', async () => {
    const who = 'demo-member-7'
    await fresh(who)
    const ch = recorder((m) => (m.touser === who ? { ok: false, errcode: -1, errmsg: 'system error' } : { ok: true }))
    await subscribe(who, ['review_result'])
    await reviewEvent(who)
    await deliver()
    const first = (await mine(who)).messages.find((x: { id: string }) => !baseline.get(who)?.has(x.id))
    expect(first).toMatchObject({ status: 'queued', attempts: 1 })
    await deliver()
    expect(ch.to(who)).toHaveLength(1)
    srv.clock.advance(MINUTE)
    await deliver()
    expect((await mine(who)).messages.find((x: { id: string }) => !baseline.get(who)?.has(x.id))).toMatchObject({ status: 'queued', attempts: 2 })
    srv.clock.advance(5 * MINUTE)
    await deliver()
    const m = await mine(who)
    const last = m.messages.find((x: { id: string }) => !baseline.get(who)?.has(x.id))
    expect(last).toMatchObject({ status: 'failed', attempts: 3 })
    expect(last.error).toContain('system error')
    expect(m.subscriptions[0].credits).toBe(1)
    srv.clock.advance(HOUR)
    await deliver()
    expect(ch.to(who)).toHaveLength(3)
  })

  it('a misconfigured template is recorded for the county admin, not retried, and the credit kept', async () => {
    const who = 'demo-member-8'
    await fresh(who)
    recorder(() => ({ ok: false, errcode: 40037, errmsg: 'invalid template_id' }))
    await subscribe(who, ['review_result'])
    await reviewEvent(who)
    await deliver()
    const m = await mine(who)
    expect(statuses(m, 'review_result', who)).toEqual(['misconfigured'])
    expect(m.subscriptions[0].credits).toBe(1)
    const log = ok(await srv.call(ADMIN, 'notify.list', { status: 'misconfigured' }))
    expect(log.counts.misconfigured).toBeGreaterThanOrEqual(1)
    expect(log.messages.some((x: { to: string; error: string }) => x.to.length > 0 && x.error.includes('40037'))).toBe(true)
    expect((await srv.call(who, 'notify.list', {})).status).toBe(403)
  })

  it('a template the deployment left out is misconfigured before anything is sent', async () => {
    const who = 'demo-member-9'
    await fresh(who)
    const { review_result: _left, ...others } = localTemplateSettings()
    const ch = recorder(undefined, others)
    const config = ok(await srv.call(who, 'notify.config'))
    expect(config.templates.map((t: { key: string }) => t.key)).not.toContain('review_result')
    await subscribe(who, ['review_result'])
    await reviewEvent(who)
    await deliver()
    expect(statuses(await mine(who), 'review_result', who)).toEqual(['misconfigured'])
    expect(ch.to(who)).toHaveLength(0)
  })
})

describe('a run killed mid-send', () => {
  it('leaves the message failed, never sent a second time', async () => {
    const ch = recorder()
    const now = srv.clock.t
    await srv.deps.store.create('messages', {
      _id: 'M_test_killed',
      kind: 'message',
      template: 'review_result',
      event: 'review.approved',
      openid: 'demo-member-9',
      values: { title: '中断测试' },
      page: 'packages/member/attendance/index',
      status: 'sending',
      dueAt: now - 10 * MINUTE,
      attempts: 1,
      leaseUntil: now - MINUTE,
      createdAt: now - 10 * MINUTE,
      updatedAt: now - 5 * MINUTE,
    })
    await deliver()
    const doc = await srv.deps.store.get('messages', 'M_test_killed')
    expect(doc).toMatchObject({ status: 'failed', attempts: 1 })
    expect(doc?.error).toContain('不再重发')
    expect(ch.sent.filter((m) => m.data.thing1?.value === '中断测试')).toHaveLength(0)
  })
})

describe('activities', () => {
  it('cancellation: a change message to those signed up, and their reminder withdrawn', async () => {
    const who = 'demo-member-1'
    await fresh(who)
    const ch = recorder()
    await subscribe(who, ['activity_reminder', 'activity_change'])
    const { id } = await createActivity(srv, { title: '取消测试活动' }, 3 * HOUR)
    ok(await srv.call(who, 'activity.signup', { activityId: id }))
    ok(await srv.call(SEC1, 'activity.cancel', { activityId: id, reason: '暴雨橙色预警' }))
    await deliver()
    const m = await mine(who)
    expect(statuses(m, 'activity_change')).toEqual(['sent'])
    const sent = ch.to(who).find((x) => x.data.phrase3?.value === '已取消')
    expect(sent?.data.thing4.value).toBe('暴雨橙色预警')
    srv.clock.advance(2 * HOUR + 30 * MINUTE)
    await deliver()
    expect(statuses(await mine(who), 'activity_reminder')).toEqual(['withdrawn'])
  })

  it('a long title is cut to 20 characters, never failing the send', async () => {
    const who = 'demo-member-2'
    await fresh(who)
    const ch = recorder()
    await subscribe(who, ['activity_reminder'])
    const title = '在职党员进社区双报到志愿服务之老旧小区楼道清理与垃圾分类宣传活动'
    const { id } = await createActivity(srv, { title }, 30 * MINUTE)
    ok(await srv.call(who, 'activity.signup', { activityId: id }))
    await deliver()
    const [reminder] = ch.to(who).filter((x) => x.templateId === 'local-activity_reminder')
    expect(Array.from(reminder.data.thing1.value)).toHaveLength(20)
    expect(reminder.data.thing1.value).toBe(`${Array.from(title).slice(0, 19).join('')}…`)
    expect(reminder.page).toBe(`packages/member/activity/index?activityId=${id}`)
  })
})

describe('公示 and appeals', () => {
  it('tells the estate’s members that its 公示 opened, and a member that their appeal was answered', async () => {
    const who = 'demo-member-6'
    await fresh(who)
    const ch = recorder()
    await subscribe(who, ['publicity_open', 'appeal_result'])
    const today = toIsoShanghai(srv.clock.t).slice(0, 10)
    ok(await srv.call(SEC1, 'publicity.open', { estateBranchId: 'E1', year: 2025, startOn: today }))
    await deliver()
    const opened = ch.to(who).filter((m) => m.templateId === 'local-publicity_open')
    expect(opened).toHaveLength(1)
    expect(opened[0].data.thing1.value).toContain('2025 年度积分公示')
    // Opening it again is refused, and no second message is produced.
    expect((await srv.call(SEC1, 'publicity.open', { estateBranchId: 'E1', year: 2025, startOn: today })).status).toBe(409)
    const appeal = ok(await srv.call(who, 'appeal.create', { year: 2025, target: 'total', reason: '总分与我的记录不符，请核实' }))
    ok(await srv.call(SEC1, 'appeal.resolve', { appealId: appeal.appealId, decision: 'reject', reason: '经核实记录无误' }))
    await deliver()
    const answered = ch.to(who).filter((m) => m.templateId === 'local-appeal_result')
    expect(answered).toHaveLength(1)
    expect(answered[0].data).toMatchObject({ phrase2: { value: '未采纳' }, thing3: { value: '经核实记录无误' } })
    expect(answered[0].page).toBe('packages/member/appeal/index')
    expect(statuses(await mine(who), 'publicity_open', who)).toEqual(['sent'])
  })
})

// Last: moves the clock into the night and the next morning.
describe('quiet hours and the reminder an hour before', () => {
  it('holds messages from 22:00 to 07:00 and drops a reminder whose activity started by then', async () => {
    const early = 'demo-member-3'
    const late = 'demo-member-4'
    const ch = recorder()
    for (const who of [early, late]) await subscribe(who, ['activity_reminder'])
    // Move to 21:00 of the test day; tomorrow's 07:00 and 07:30 activities.
    const day = Date.parse(`${toIsoShanghai(srv.clock.t).slice(0, 10)}T21:00:00+08:00`)
    srv.clock.t = Math.max(srv.clock.t, day)
    const tomorrow7 = Date.parse(`${toIsoShanghai(srv.clock.t + 12 * HOUR).slice(0, 10)}T07:00:00+08:00`)
    const at7 = await createActivity(srv, { title: '七点活动' }, tomorrow7 - srv.clock.t)
    const at730 = await createActivity(srv, { title: '七点半活动' }, tomorrow7 + 30 * MINUTE - srv.clock.t)
    ok(await srv.call(early, 'activity.signup', { activityId: at7.id }))
    ok(await srv.call(late, 'activity.signup', { activityId: at730.id }))
    await deliver()
    expect(ch.sent).toHaveLength(0)
    srv.clock.t = tomorrow7 - 20 * MINUTE // 06:40: both reminders due, quiet hours hold them
    const held = await deliver()
    expect(held.sent).toBe(0)
    expect(held.waiting).toBeGreaterThanOrEqual(2)
    srv.clock.t = tomorrow7 // 07:00
    await deliver()
    expect(ch.to(`demo-member-4`).map((m) => m.data.thing1.value)).toEqual(['七点半活动'])
    expect(statuses(await mine(late), 'activity_reminder')).toContain('sent')
    expect(statuses(await mine(early), 'activity_reminder')).toContain('expired')
    expect(ch.to(early).filter((m) => m.data.thing1.value === '七点活动')).toHaveLength(0)
  })

  it('sends a 09:00 digest once to a secretary with pending reviews', async () => {
    const ch = recorder()
    await subscribe(SEC1, ['review_digest'])
    await subscribe(SEC1, ['review_digest'])
    // A pending record in E1 (a 补录 not yet reviewed).
    const { id } = await createActivity(srv, { title: '待审核' })
    ok(
      await srv.call(SEC1, 'attendance.backfill', {
        activityId: id,
        memberId: await memberId('demo-member-5'),
        checkinAt: toIsoShanghai(srv.clock.t - MINUTE),
        reason: '待审核',
      }),
    )
    const nine = Date.parse(`${toIsoShanghai(srv.clock.t).slice(0, 10)}T09:00:00+08:00`)
    srv.clock.t = nine - MINUTE
    expect((await deliver()).digests).toBe(0)
    srv.clock.t = nine
    const first = await deliver()
    expect(first.digests).toBeGreaterThanOrEqual(1)
    srv.clock.advance(5 * MINUTE)
    expect((await deliver()).digests).toBe(0)
    const digests = ch.to(SEC1).filter((m) => m.templateId === 'local-review_digest')
    expect(digests).toHaveLength(1)
    expect(Number(digests[0].data.number2.value)).toBeGreaterThanOrEqual(1)
  })
})
