// 订阅消息 through the real wx-server-sdk (docs/DESIGN.md#reminders): the notify function's timer event, the SDK's
// cloud.openapi.subscribeMessage.send encoded as WeChat receives it (answered by the local executor), the wx
// store's optimistic transactions under two racing timer runs, and WeChat's 43101 thrown back through the SDK.
import { createTestCloud, type LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import type { OpenApiCall } from '../adapters/wxcloud/testing/local-openapi'
import { createApp, type App } from '../app'
import type { Deps } from '../context/deps'
import { localTemplateSettings } from '../services/notify-config'
import { startTestCloud } from '../testing/cloud-harness'
import { T0 } from '../testing/harness'
import { toIsoShanghai, MINUTE } from '../../src/core/time'
import { handleCloudEvent, TIMER_OPENID } from './entry'
import { wechatNotify } from './notify'

const SEC1 = 'demo-secretary-e1'
const TIMER = { Type: 'Timer', TriggerName: 'sendDueMessages' }
let executor: LocalExecutor
let deps: Deps
let app: App
const now = { t: T0 }
const calls: OpenApiCall[] = []

beforeAll(async () => {
  ;({ executor, deps } = await startTestCloud({ secret: 'notify-cloud-secret', now: () => now.t, adminOpenids: [TIMER_OPENID] }))
  const { cloud } = createTestCloud()
  const templates = Object.fromEntries(Object.entries(localTemplateSettings()).map(([k, v]) => [k, { ...v, id: `TPL-${k}` }]))
  deps.notify = wechatNotify(cloud, { NOTIFY_TEMPLATES: JSON.stringify(templates), NOTIFY_STATE: 'trial' })
  app = createApp(deps, () => undefined)
  executor.answerOpenApi((call) => {
    calls.push(call)
    if (call.data.touser === 'demo-member-3') return { errcode: 43101, errmsg: 'user refuse to accept the msg rid: local' }
    return { errcode: 0, errmsg: 'ok', msgid: calls.length }
  })
  // The seed's own messages (no credits) are handled first.
  await handleCloudEvent('notify', TIMER, null, app)
}, 60000)
afterAll(() => {
  executor.answerOpenApi(null)
  executor.uninstall()
})

const ok = async (openid: string, action: string, body: Record<string, unknown> = {}) => {
  const r = await app.handle(action, body, openid)
  if (!r.envelope.ok) throw new Error(`${action}: ${JSON.stringify(r.envelope)}`)
  return r.envelope.data as any
}

/** A reviewed 补录 for the member: one review_result message. */
async function reviewEvent(openid: string, title: string) {
  const memberId = (await ok(openid, 'me.get')).member.id
  const start = now.t - 5 * MINUTE
  const { activityId } = await ok(SEC1, 'activity.create', {
    estateBranchId: 'E1',
    title,
    itemCode: 'V01',
    startAt: toIsoShanghai(start),
    endAt: toIsoShanghai(start + 2 * 3600_000),
  })
  const { attendanceId } = await ok(SEC1, 'attendance.backfill', { activityId, memberId, checkinAt: toIsoShanghai(start), reason: '云端消息测试' })
  await ok(SEC1, 'attendance.review', { attendanceIds: [attendanceId], decision: 'approve' })
}

it('the timer sends through cloud.openapi.subscribeMessage.send, once, even when two timer runs race', async () => {
  const before = calls.length
  const sub = await handleCloudEvent('notify', { action: 'notify.subscribe', accepted: ['review_result'] }, 'demo-member-2', app)
  expect(sub).toMatchObject({ ok: true, data: { subscriptions: [{ template: 'review_result', credits: 1 }] } })
  await reviewEvent('demo-member-2', '云端测试：楼道清理与垃圾分类宣传志愿服务活动')
  const [a, b] = await Promise.all([handleCloudEvent('notify', TIMER, null, app), handleCloudEvent('notify', TIMER, null, app)])
  expect(a.ok && b.ok).toBe(true)
  const mine = calls.slice(before).filter((c) => c.data.touser === 'demo-member-2')
  expect(mine).toHaveLength(1)
  const [call] = mine
  expect(call.api).toBe('subscribeMessage.send')
  // As WeChat receives it: snake_case fields, the template id and keywords of the deployment, text cut to 20.
  expect(call.data).toMatchObject({
    template_id: 'TPL-review_result',
    miniprogram_state: 'trial',
    lang: 'zh_CN',
    page: 'packages/member/attendance/index',
  })
  const data = call.data.data as Record<string, { value: string }>
  expect(Array.from(data.thing1.value)).toHaveLength(20)
  expect(data.phrase2.value).toBe('审核通过')
  expect(executor.actions).toContain('openapi.subscribeMessage.send')
  const m = await ok('demo-member-2', 'notify.mine')
  expect(m.messages.filter((x: { status: string; template: string }) => x.template === 'review_result' && x.status === 'sent')).toHaveLength(1)
  // Another run sends nothing more.
  await handleCloudEvent('notify', TIMER, null, app)
  expect(calls.slice(before).filter((c) => c.data.touser === 'demo-member-2')).toHaveLength(1)
})

it('WeChat 43101 thrown by the SDK: refused, credits gone, not retried', async () => {
  await handleCloudEvent('notify', { action: 'notify.subscribe', accepted: ['review_result'] }, 'demo-member-3', app)
  await handleCloudEvent('notify', { action: 'notify.subscribe', accepted: ['review_result'] }, 'demo-member-3', app)
  await reviewEvent('demo-member-3', '拒收测试')
  const before = calls.length
  await handleCloudEvent('notify', TIMER, null, app)
  await handleCloudEvent('notify', TIMER, null, app)
  expect(calls.slice(before).filter((c) => c.data.touser === 'demo-member-3')).toHaveLength(1)
  const m = await ok('demo-member-3', 'notify.mine')
  const refused = m.messages.find((x: { status: string }) => x.status === 'refused')
  expect(refused.error).toContain('43101')
  expect(m.subscriptions).toEqual([{ template: 'review_result', credits: 0, rejectedForever: false }])
})

it('消息记录 through the wx store: every message with its recipient, and counts per status', async () => {
  const all = await ok(TIMER_OPENID, 'notify.list')
  expect(all.counts.sent).toBeGreaterThanOrEqual(1)
  expect(all.counts.refused).toBe(1)
  const refused = await ok(TIMER_OPENID, 'notify.list', { status: 'refused' })
  expect(refused.messages).toHaveLength(1)
  expect(refused.messages[0].to).toMatch(/^王伟（1\d{2}\*{4}\d{4}）$/)
})

it('the notify function hosts only notify actions, and other functions have no such timer', async () => {
  expect(await handleCloudEvent('notify', { action: 'me.get' }, 'demo-member-1', app)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(await handleCloudEvent('user', TIMER, null, app)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
})
