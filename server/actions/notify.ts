// 订阅消息 (docs/DESIGN.md#reminders): the app's configuration, recording what a person accepted, their messages,
// the county admin's 消息记录, and the timer's send run.
import type { BodyOf } from '../../src/core/contracts'
import { fail } from '../../src/core/errors'
import { MESSAGE_STATUSES, TEMPLATES, TEMPLATE_KEYS, type MessageView, type SubscriptionView } from '../../src/core/notify'
import { maskPhone } from '../../src/core/privacy'
import { toIsoShanghai } from '../../src/core/time'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { MessageDoc, SubscriptionDoc } from '../model/notify'
import { findIn } from '../queries/orgs'
import { addCredits, deliverDue, subscriptionId } from '../services/notify'

function messageView(m: MessageDoc, to?: string): MessageView {
  const view: MessageView = {
    id: m._id,
    template: m.template,
    heading: TEMPLATES[m.template].title,
    event: m.event,
    status: m.status,
    values: Object.fromEntries(Object.entries(m.values).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
    dueAt: toIsoShanghai(m.dueAt),
    attempts: m.attempts,
  }
  if (m.sentAt !== undefined) view.sentAt = toIsoShanghai(m.sentAt)
  if (m.error) view.error = m.error
  if (to !== undefined) view.to = to
  if (m.scopeId) view.scopeId = m.scopeId
  return view
}

const subscriptionView = (d: SubscriptionDoc): SubscriptionView => ({
  template: d.template,
  credits: d.credits,
  rejectedForever: !!d.rejectedForever,
})

export async function notifyConfig(_b: BodyOf<'notify.config'>, _ctx: Ctx, deps: Deps) {
  const port = deps.notify
  const templates = TEMPLATE_KEYS.flatMap((key) => {
    const id = port?.templates[key]?.id
    return id ? [{ key, id, title: TEMPLATES[key].title, label: TEMPLATES[key].label }] : []
  })
  return { channel: port ? port.channel : ('off' as const), templates }
}

export async function notifySubscribe(b: BodyOf<'notify.subscribe'>, ctx: Ctx, deps: Deps) {
  const rejected = (b.rejectedForever ?? []).filter((k) => !b.accepted.includes(k))
  const docs = await addCredits(deps.store, ctx.openid, b.accepted, rejected, ctx.now)
  return { subscriptions: docs.map(subscriptionView) }
}

async function mySubscriptions(deps: Deps, openid: string): Promise<SubscriptionView[]> {
  const docs = await findIn(
    deps.store,
    'subscriptions',
    '_id',
    TEMPLATE_KEYS.map((k) => subscriptionId(openid, k)),
  )
  return docs.map(subscriptionView)
}

export async function notifyMine(_b: BodyOf<'notify.mine'>, ctx: Ctx, deps: Deps) {
  const byOpenid = await deps.store.find('messages', { openid: ctx.openid }, { orderBy: { field: 'dueAt', dir: 'desc' }, limit: 100 })
  // Messages to a member carry the openid only once they were handled; the queued ones are found by member.
  const byMember = ctx.member
    ? await deps.store.find('messages', { memberId: ctx.member._id }, { orderBy: { field: 'dueAt', dir: 'desc' }, limit: 100 })
    : []
  const seen = new Map<string, MessageDoc>()
  for (const m of [...byOpenid, ...byMember]) if (m.kind === 'message' && (!m.openid || m.openid === ctx.openid)) seen.set(m._id, m)
  const messages = [...seen.values()].sort((a, b) => b.dueAt - a.dueAt).slice(0, 100)
  return { messages: messages.map((m) => messageView(m)), subscriptions: await mySubscriptions(deps, ctx.openid) }
}

export async function notifyList(b: BodyOf<'notify.list'>, ctx: Ctx, deps: Deps) {
  if (!ctx.grants.some((g) => g.role === 'county_admin')) fail('FORBIDDEN', '只有县级管理员可以查看消息记录')
  const found = await deps.store.find('messages', b.status ? { status: b.status } : {}, { orderBy: { field: 'updatedAt', dir: 'desc' }, limit: 200 })
  // The daily digest run leaves a marker document (status sent); it is not a message.
  const docs = found.filter((d) => d.kind === 'message')
  const memberIds = [...new Set(docs.flatMap((d) => (d.memberId ? [d.memberId] : [])))]
  const members = new Map((memberIds.length ? await findIn(deps.store, 'members', '_id', memberIds) : []).map((m) => [m._id, m]))
  const counts: Record<string, number> = {}
  for (const status of MESSAGE_STATUSES) counts[status] = await deps.store.count('messages', { status })
  counts.sent -= await deps.store.count('messages', { kind: 'marker' })
  const to = (d: MessageDoc) => {
    const m = d.memberId ? members.get(d.memberId) : undefined
    if (m) return `${m.name}（${maskPhone(m.phone)}）`
    return d.openid ? `${d.openid.slice(0, 4)}…${d.openid.slice(-2)}` : ''
  }
  return { messages: docs.map((d) => messageView(d, to(d))), counts }
}

export async function notifyDeliver(_b: BodyOf<'notify.deliver'>, _ctx: Ctx, deps: Deps) {
  if (!deps.notify) return fail('CONFLICT', '本部署未配置订阅消息通道（notify），消息留在待发送队列中')
  return deliverDue(deps, deps.notify)
}
