// 订阅消息 (docs/DESIGN.md#reminders): events put messages in the outbox (`messages`) under ids derived from the
// event and the recipient, so producing one twice is one message; the timer (`notify.deliver`) sends what is due
// against the person's credits, each message claimed in a transaction so two timers never send it twice.
import { afterQuietHours, fitKeyword, keywordTime, type MessageStatus, type TemplateKey, type ValueName } from '../../src/core/notify'
import { HOUR, MINUTE } from '../../src/core/time'
import { shanghaiDate } from '../../src/core/working-days'
import type { Deps } from '../context/deps'
import { keyId } from '../context/ids'
import type { ActivityDoc, AttendanceDoc, NoticeDoc } from '../model/activity'
import type { MessageDoc, SubscriptionDoc } from '../model/notify'
import type { AppealDoc, PublicityDoc } from '../model/year'
import type { Role } from '../../src/core/contracts'
import type { NotifyPort, OutgoingMessage, SendResult } from '../ports/notify.port'
import type { Store, TxStore } from '../ports/store.port'
import { signupId } from '../queries/activities'

/** A reminder falls due this long before its activity starts. */
export const REMINDER_LEAD = 60 * MINUTE
/** Sends per message, first try included; the waits between them. */
export const MAX_ATTEMPTS = 3
export const RETRY_AFTER = [MINUTE, 5 * MINUTE]
/** The secretaries' digest is produced from this hour (Asia/Shanghai) on. */
export const DIGEST_HOUR = 9
/** A claimed message not answered within this time is not sent again (the run that claimed it may have sent it). */
export const SEND_LEASE = 2 * MINUTE
/** One run sends for at most this long (the notify function's timeout is 60 s); the next run goes on. */
export const DELIVER_BUDGET_MS = 40_000
/** At most this many credits per person and template are kept. */
export const MAX_CREDITS = 50

/** WeChat errcodes that mean the deployment's template setting is wrong, not the person or the network. */
const MISCONFIGURED = new Set([40037, 47003, 41030, 40036, 45026])
/** The person holds no subscription for the template (any more). */
export const REFUSED = 43101

export const subscriptionId = (openid: string, template: TemplateKey) => keyId('S', 'sub', openid, template)

const PAGES = {
  activity: (id: string) => `packages/member/activity/index?activityId=${encodeURIComponent(id)}`,
  attendance: 'packages/member/attendance/index',
  appeal: 'packages/member/appeal/index',
  points: 'pages/points/index',
  review: 'packages/secretary/review/index',
  report: 'packages/report/mine/index',
  redflag: 'packages/redflag/apply/index',
} as const

type NewMessage = Pick<MessageDoc, 'template' | 'event' | 'values' | 'page' | 'dueAt'> &
  Partial<Pick<MessageDoc, 'memberId' | 'openid' | 'scopeId' | 'activityId'>> & { key: string[] }

function messageDoc(m: NewMessage, now: number): MessageDoc {
  const { key, ...rest } = m
  return { _id: keyId('M', ...key), kind: 'message', ...rest, status: 'queued', attempts: 0, createdAt: now, updatedAt: now }
}

/** Puts a message in the outbox inside the caller's transaction; one that exists already is left as it is. */
async function enqueue(tx: TxStore, m: NewMessage, now: number): Promise<void> {
  const doc = messageDoc(m, now)
  if (!(await tx.get('messages', doc._id))) await tx.create('messages', doc)
}

const place = (a: ActivityDoc) => a.location?.address ?? ''

/** On sign-up: a reminder an hour before the start (re-checked when due: cancelled, started or withdrawn is dropped). */
export function queueReminder(tx: TxStore, a: ActivityDoc, memberId: string, now: number): Promise<void> {
  return enqueue(
    tx,
    {
      key: ['remind', a._id, memberId],
      template: 'activity_reminder',
      event: 'activity.reminder',
      memberId,
      scopeId: a.estateBranchId,
      activityId: a._id,
      values: { title: a.title, time: keywordTime(a.startAt), place: place(a), note: '活动将在 1 小时内开始，请准时参加并扫码签到' },
      page: PAGES.activity(a._id),
      dueAt: Math.max(now, a.startAt - REMINDER_LEAD),
    },
    now,
  )
}

/** On cancellation: one message to each person signed up. */
export function queueCancelled(tx: TxStore, a: ActivityDoc, memberId: string, reason: string, now: number): Promise<void> {
  return enqueue(
    tx,
    {
      key: ['cancel', a._id, memberId],
      template: 'activity_change',
      event: 'activity.cancelled',
      memberId,
      scopeId: a.estateBranchId,
      values: { title: a.title, time: keywordTime(a.startAt), result: '已取消', reason },
      page: PAGES.activity(a._id),
      dueAt: now,
    },
    now,
  )
}

/** On a new start time (for an action that reschedules): one message per person signed up and per new time. */
export function queueRescheduled(tx: TxStore, a: ActivityDoc, memberId: string, now: number): Promise<void> {
  return enqueue(
    tx,
    {
      key: ['reschedule', a._id, String(a.startAt), memberId],
      template: 'activity_change',
      event: 'activity.rescheduled',
      memberId,
      scopeId: a.estateBranchId,
      values: { title: a.title, time: keywordTime(a.startAt), result: '时间变更', reason: '活动时间已调整，请按新时间参加' },
      page: PAGES.activity(a._id),
      dueAt: now,
    },
    now,
  )
}

const REVIEW_RESULT: Record<string, string> = { approved: '审核通过', rejected: '未通过', revoked: '已撤销' }

/** A check-in, claim or 补录 approved, rejected or revoked: one message per record, round and decision. */
export function queueReviewResult(tx: TxStore, att: AttendanceDoc, title: string, now: number): Promise<void> {
  const what = att.claim ? '申报' : att.flags.includes('backfill') ? '补录' : '签到'
  return enqueue(
    tx,
    {
      key: ['review', att._id, String(att.round ?? 0), att.status],
      template: 'review_result',
      event: `review.${att.status}`,
      memberId: att.memberId,
      scopeId: att.estateBranchId,
      values: {
        title: `${what}：${title}`,
        result: REVIEW_RESULT[att.status] ?? att.status,
        reason: att.reason ?? (att.status === 'approved' ? '积分已计入' : ''),
        time: keywordTime(now),
      },
      page: PAGES.attendance,
      dueAt: now,
    },
    now,
  )
}

/** An appeal answered. */
export function queueAppealAnswer(tx: TxStore, appeal: AppealDoc, now: number): Promise<void> {
  return enqueue(
    tx,
    {
      key: ['appeal', appeal._id],
      template: 'appeal_result',
      event: `appeal.${appeal.status}`,
      memberId: appeal.memberId,
      scopeId: appeal.estateBranchId,
      values: {
        title: `${appeal.year} 年度积分申诉`,
        result: appeal.status === 'accepted' ? '已采纳' : '未采纳',
        reason: appeal.answer ?? '',
        time: keywordTime(now),
      },
      page: PAGES.appeal,
      dueAt: now,
    },
    now,
  )
}

/** The estate's 公示 opened: one message to each active member registered there (after the 公示 is stored). */
export async function queuePublicityOpened(deps: Deps, p: PublicityDoc, estateName: string, now: number): Promise<number> {
  const members = await deps.store.find('members', { estateBranchId: p.estateBranchId, status: 'active' })
  for (const m of members) {
    const doc = messageDoc(
      {
        key: ['publicity', p._id, m._id],
        template: 'publicity_open',
        event: 'publicity.opened',
        memberId: m._id,
        scopeId: p.estateBranchId,
        values: {
          title: `${estateName} ${p.year} 年度积分公示`,
          time: keywordTime(Date.parse(`${p.startOn}T08:00:00+08:00`)),
          note: `公示至 ${p.endOn}，如有异议请在公示期内申诉`,
        },
        page: PAGES.points,
        dueAt: Math.max(now, Date.parse(`${p.startOn}T09:00:00+08:00`)),
      },
      now,
    )
    await deps.store.createIfAbsent('messages', doc)
  }
  return members.length
}

// ── 述职 and 红旗小区 (docs/DESIGN.md#duty-reports, docs/DESIGN.md#red-flag-estates): to an org's role holders ──

/** The openids holding `role` at each of `scopeIds` (read before the transaction that reports the change). */
export async function roleHolders(store: Store, role: Role, scopeIds: readonly string[]): Promise<Map<string, string[]>> {
  const wanted = new Set(scopeIds)
  const grants = scopeIds.length === 1 ? await store.find('grants', { scopeId: scopeIds[0] }) : await store.find('grants', { role })
  const out = new Map<string, string[]>(scopeIds.map((id) => [id, []]))
  for (const g of grants) {
    if (g.role !== role || !wanted.has(g.scopeId)) continue
    const list = out.get(g.scopeId) as string[]
    if (!list.includes(g.openid)) list.push(g.openid)
  }
  for (const list of out.values()) list.sort()
  return out
}

export interface OrgEvent {
  /** Identifies the event; with each recipient's openid it makes the message's and the notice's ids. */
  key: string[]
  template: TemplateKey
  event: string
  scopeId: string
  values: NewMessage['values']
  page: 'report' | 'redflag'
  /** An in-app notice (notice.mine) beside the message; omitted where the caller writes its own. */
  notice?: { title: string; body: string }
}

/**
 * One 订阅消息 (and one in-app notice, if given) per recipient, inside the caller's transaction. The ids come from
 * the event and the openid, so the same event produced again adds nothing.
 */
export async function queueOrgEvent(tx: TxStore, to: readonly string[], e: OrgEvent, now: number): Promise<void> {
  for (const openid of to) {
    await enqueue(
      tx,
      {
        key: [...e.key, openid],
        template: e.template,
        event: e.event,
        openid,
        scopeId: e.scopeId,
        values: e.values,
        page: PAGES[e.page],
        dueAt: now,
      },
      now,
    )
    if (!e.notice) continue
    const notice: NoticeDoc = { _id: keyId('N', ...e.key, openid), openid, title: e.notice.title, body: e.notice.body, at: now }
    if (!(await tx.get('notices', notice._id))) await tx.create('notices', notice)
  }
}

/**
 * The 09:00 digest: each estate secretary whose estate has pending reviews gets one message a day. The day's
 * marker is written last, so a run that stops half-way is completed by the next one (the ids keep it once-only).
 */
export async function produceDigests(store: Store, now: number): Promise<number> {
  const day = shanghaiDate(now)
  const hour = new Date(now + 8 * HOUR).getUTCHours()
  if (hour < DIGEST_HOUR) return 0
  const markerId = `DIGEST_${day}`
  if (await store.get('messages', markerId)) return 0
  const grants = await store.find('grants', { role: 'estate_secretary' })
  const pending = new Map<string, number>()
  let queued = 0
  for (const g of grants) {
    if (!pending.has(g.scopeId)) pending.set(g.scopeId, await store.count('attendances', { estateBranchId: g.scopeId, status: 'pending' }))
    const count = pending.get(g.scopeId) ?? 0
    if (count === 0) continue
    const doc = messageDoc(
      {
        key: ['digest', day, g.openid, g.scopeId],
        template: 'review_digest',
        event: 'review.digest',
        openid: g.openid,
        scopeId: g.scopeId,
        values: { title: '签到与申报待审核', count: String(count), note: '请进入工作台审核' },
        page: PAGES.review,
        dueAt: now,
      },
      now,
    )
    if ((await store.createIfAbsent('messages', doc)).created) queued++
  }
  await store.createIfAbsent('messages', {
    _id: markerId,
    kind: 'marker',
    template: 'review_digest',
    event: 'review.digest.run',
    values: { count: String(queued) },
    page: '',
    status: 'sent',
    dueAt: now,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  })
  return queued
}

export interface DeliverCounts {
  sent: number
  noCredit: number
  refused: number
  retried: number
  failed: number
  misconfigured: number
  expired: number
  withdrawn: number
  /** Due but held by quiet hours (or by another run). */
  waiting: number
  digests: number
}

const zero = (): DeliverCounts => ({
  sent: 0,
  noCredit: 0,
  refused: 0,
  retried: 0,
  failed: 0,
  misconfigured: 0,
  expired: 0,
  withdrawn: 0,
  waiting: 0,
  digests: 0,
})

/** Ends a message without sending it (expired, withdrawn, misconfigured, no credit): only if still queued. */
async function settle(store: Store, id: string, status: MessageStatus, error: string, now: number): Promise<boolean> {
  return store.transaction(async (tx) => {
    const cur = await tx.get('messages', id)
    if (!cur || cur.status !== 'queued') return false
    await tx.set('messages', { ...cur, status, error, updatedAt: now })
    return true
  })
}

/**
 * A reminder is re-read when due: withdrawn if the activity was cancelled or the sign-up withdrawn, expired once it
 * has started, postponed if the start moved later. Answers the values to send, or what happened instead.
 */
async function checkReminder(store: Store, m: MessageDoc, now: number): Promise<MessageDoc | 'expired' | 'withdrawn' | 'later'> {
  if (!m.activityId) return m
  const a = await store.get('activities', m.activityId)
  if (!a || a.status !== 'published') return 'withdrawn'
  if (a.startAt <= now) return 'expired'
  const signup = m.memberId ? await store.get('signups', signupId(a._id, m.memberId)) : null
  if (signup?.status !== 'signed_up') return 'withdrawn'
  if (a.startAt - REMINDER_LEAD > now) {
    await store.transaction(async (tx) => {
      const cur = await tx.get('messages', m._id)
      if (cur?.status === 'queued') await tx.set('messages', { ...cur, dueAt: a.startAt - REMINDER_LEAD, updatedAt: now })
    })
    return 'later'
  }
  return { ...m, values: { ...m.values, title: a.title, time: keywordTime(a.startAt), place: place(a) } }
}

export function outgoing(port: NotifyPort, m: MessageDoc, touser: string): OutgoingMessage | null {
  const setting = port.templates[m.template]
  if (!setting?.id) return null
  const data: Record<string, { value: string }> = {}
  for (const [keyword, name] of Object.entries(setting.keywords)) data[keyword] = { value: fitKeyword(keyword, m.values[name as ValueName] ?? '') }
  return { touser, templateId: setting.id, page: m.page, data }
}

type Claim = { ok: true; doc: MessageDoc } | { ok: false; why: 'taken' | 'no_credit' }

/** Takes the message and one credit in one transaction: of two runs, one gets it; without a credit it ends. */
async function claim(store: Store, m: MessageDoc, openid: string, now: number): Promise<Claim> {
  return store.transaction(async (tx): Promise<Claim> => {
    const cur = await tx.get('messages', m._id)
    if (!cur || cur.status !== 'queued' || cur.dueAt > now) return { ok: false, why: 'taken' }
    const sub = await tx.get('subscriptions', subscriptionId(openid, m.template))
    if (!sub || sub.credits < 1 || sub.rejectedForever) {
      await tx.set('messages', {
        ...cur,
        openid,
        status: 'no_credit',
        error: sub?.rejectedForever ? '用户已选择总是拒绝' : '用户未订阅该消息',
        updatedAt: now,
      })
      return { ok: false, why: 'no_credit' }
    }
    await tx.set('subscriptions', { ...sub, credits: sub.credits - 1, updatedAt: now })
    const doc: MessageDoc = { ...cur, openid, status: 'sending', attempts: cur.attempts + 1, leaseUntil: now + SEND_LEASE, updatedAt: now }
    await tx.set('messages', doc)
    return { ok: true, doc }
  })
}

type Outcome = 'sent' | 'refused' | 'retried' | 'failed' | 'misconfigured'

/** Records what WeChat answered; the credit comes back unless the message went out or the person holds none. */
async function record(store: Store, doc: MessageDoc, openid: string, result: SendResult, now: number): Promise<Outcome> {
  return store.transaction(async (tx): Promise<Outcome> => {
    const cur = await tx.get('messages', doc._id)
    if (!cur || cur.status !== 'sending') return 'failed'
    const subId = subscriptionId(openid, doc.template)
    const sub = await tx.get('subscriptions', subId)
    const giveBack = async () => {
      if (sub) await tx.set('subscriptions', { ...sub, credits: Math.min(MAX_CREDITS, sub.credits + 1), updatedAt: now })
    }
    const base = { ...cur, updatedAt: now }
    delete base.leaseUntil
    if (result.ok) {
      await tx.set('messages', { ...base, status: 'sent', sentAt: now })
      return 'sent'
    }
    const error = `${result.errcode} ${result.errmsg}`.slice(0, 200)
    if (result.errcode === REFUSED) {
      if (sub) await tx.set('subscriptions', { ...sub, credits: 0, updatedAt: now })
      await tx.set('messages', { ...base, status: 'refused', error })
      return 'refused'
    }
    await giveBack()
    if (MISCONFIGURED.has(result.errcode)) {
      await tx.set('messages', { ...base, status: 'misconfigured', error })
      return 'misconfigured'
    }
    if (cur.attempts < MAX_ATTEMPTS) {
      const wait = RETRY_AFTER[cur.attempts - 1] ?? RETRY_AFTER[RETRY_AFTER.length - 1]
      await tx.set('messages', { ...base, status: 'queued', dueAt: now + wait, error })
      return 'retried'
    }
    await tx.set('messages', { ...base, status: 'failed', error })
    return 'failed'
  })
}

async function safeSend(port: NotifyPort, out: OutgoingMessage): Promise<SendResult> {
  try {
    return await port.send(out)
  } catch (e) {
    const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown }
    const errcode = typeof err?.errCode === 'number' ? err.errCode : -1
    return { ok: false, errcode, errmsg: String(err?.errMsg ?? err?.message ?? e).slice(0, 160) }
  }
}

/**
 * One timer run: produce the day's digests, end messages whose send was never answered, then send what is due
 * (oldest first, at most `limit`). Quiet hours hold everything until 07:00.
 */
export async function deliverDue(deps: Deps, port: NotifyPort, opts: { limit?: number } = {}): Promise<DeliverCounts> {
  const { store, clock } = deps
  const until = clock.now() + DELIVER_BUDGET_MS
  const counts = zero()
  counts.digests = await produceDigests(store, clock.now())
  for (const m of await store.find('messages', { status: 'sending' }, { limit: 100 })) {
    if ((m.leaseUntil ?? 0) > clock.now()) continue
    const ended = await store.transaction(async (tx) => {
      const cur = await tx.get('messages', m._id)
      if (cur?.status !== 'sending' || (cur.leaseUntil ?? 0) > clock.now()) return false
      await tx.set('messages', { ...cur, status: 'failed', error: '发送结果未知（发送时函数中断），为免重复不再重发', updatedAt: clock.now() })
      return true
    })
    if (ended) counts.failed++
  }
  const due = await store.find('messages', { status: 'queued' }, { orderBy: { field: 'dueAt', dir: 'asc' }, limit: opts.limit ?? 500 })
  for (const queued of due) {
    const now = clock.now()
    if (queued.dueAt > now || now > until) break
    if (!port.anyHour && afterQuietHours(now) > now) {
      counts.waiting++
      continue
    }
    const m = await checkReminder(store, queued, now)
    if (m === 'later') continue
    if (m === 'expired' || m === 'withdrawn') {
      const why = m === 'expired' ? '活动已开始，提醒不再发送' : '活动已取消或已取消报名'
      if (await settle(store, queued._id, m, why, now)) counts[m]++
      continue
    }
    const openid = m.openid ?? (m.memberId ? (await store.get('members', m.memberId))?.openid : null)
    if (!openid) {
      if (await settle(store, m._id, 'no_credit', '该党员尚未绑定微信', now)) counts.noCredit++
      continue
    }
    const out = outgoing(port, m, openid)
    if (!out) {
      if (await settle(store, m._id, 'misconfigured', `未配置模板：${m.template}`, now)) counts.misconfigured++
      continue
    }
    const claimed = await claim(store, m, openid, now)
    if (!claimed.ok) {
      if (claimed.why === 'no_credit') counts.noCredit++
      else counts.waiting++
      continue
    }
    const result = await safeSend(port, out)
    counts[await record(store, claimed.doc, openid, result, clock.now())]++
  }
  return counts
}

/** Adds one credit per accepted template; a permanent refusal is remembered and clears the credits. */
export async function addCredits(
  store: Store,
  openid: string,
  accepted: readonly TemplateKey[],
  rejectedForever: readonly TemplateKey[],
  now: number,
): Promise<SubscriptionDoc[]> {
  const out: SubscriptionDoc[] = []
  for (const template of new Set([...accepted, ...rejectedForever])) {
    out.push(
      await store.transaction(async (tx) => {
        const id = subscriptionId(openid, template)
        const cur = (await tx.get('subscriptions', id)) ?? { _id: id, openid, template, credits: 0, updatedAt: now }
        const next: SubscriptionDoc = accepted.includes(template)
          ? { ...cur, credits: Math.min(MAX_CREDITS, cur.credits + 1), updatedAt: now }
          : { ...cur, credits: 0, rejectedForever: true, updatedAt: now }
        if (accepted.includes(template)) delete next.rejectedForever
        await tx.set('subscriptions', next)
        return next
      }),
    )
  }
  return out
}
