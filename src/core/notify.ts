// 订阅消息 (docs/DESIGN.md#reminders): which templates exist, which tap asks for which, how a value is cut to a
// keyword's limit, and the quiet hours. Shared by the app (what to ask for) and the server (what to send).
import { type Out, r } from './shape'
import { SHANGHAI_OFFSET_MS } from './time'

export const TEMPLATE_KEYS = ['activity_reminder', 'activity_change', 'review_result', 'appeal_result', 'publicity_open', 'review_digest'] as const
export type TemplateKey = (typeof TEMPLATE_KEYS)[number]

/** The named values a message carries; the deployment's keyword map says which keyword shows which. */
export const VALUE_NAMES = ['title', 'time', 'place', 'result', 'reason', 'note', 'count'] as const
export type ValueName = (typeof VALUE_NAMES)[number]

export interface TemplateInfo {
  /** The public template title to pick in the WeChat console (公共模板库). */
  title: string
  /** What the person is told when the app asks (and on 我的消息). */
  label: string
  /** The default keyword map: the keywords of that public template and the value each shows. */
  keywords: Record<string, ValueName>
}

export const TEMPLATES: Record<TemplateKey, TemplateInfo> = {
  activity_reminder: {
    title: '活动开始提醒',
    label: '活动开始前 1 小时提醒',
    keywords: { thing1: 'title', time2: 'time', thing3: 'place', thing4: 'note' },
  },
  activity_change: {
    title: '活动变更通知',
    label: '活动取消或改期通知',
    keywords: { thing1: 'title', time2: 'time', phrase3: 'result', thing4: 'reason' },
  },
  review_result: {
    title: '审核结果通知',
    label: '签到、申报、补录、述职、红旗小区的审核结果',
    keywords: { thing1: 'title', phrase2: 'result', thing3: 'reason', time4: 'time' },
  },
  appeal_result: {
    title: '申诉处理结果通知',
    label: '申诉答复',
    keywords: { thing1: 'title', phrase2: 'result', thing3: 'reason', time4: 'time' },
  },
  publicity_open: {
    title: '公示通知',
    label: '小区年度积分公示、红旗小区公示开始',
    keywords: { thing1: 'title', time2: 'time', thing3: 'note' },
  },
  review_digest: {
    title: '待办事项提醒',
    label: '每天 9 点待审核提醒、述职催报',
    keywords: { thing1: 'title', number2: 'count', thing3: 'note' },
  },
}

/** What each tap asks for (WeChat shows at most 3 templates per request). */
export const ASK_FOR = {
  signup: ['activity_reminder', 'activity_change'],
  checkin: ['review_result', 'publicity_open'],
  claim: ['review_result'],
  appeal: ['appeal_result'],
  review: ['review_digest'],
  /** Submitting 述职: the level above's 已阅 and grade, and its reminders (待办事项提醒) in later years. */
  report: ['review_result', 'review_digest'],
  /** Submitting a 红旗小区 申报: each step's result, and being named in the 公示. */
  redflag: ['review_result', 'publicity_open'],
} as const satisfies Record<string, readonly TemplateKey[]>
export type AskMoment = keyof typeof ASK_FOR

/** Characters a keyword of each type may hold (WeChat's documented limits); unlisted types are not cut. */
const LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5, car_number: 8 }

/** The keyword's type from its name (`thing1` → `thing`, `character_string3` → `character_string`). */
export function keywordType(keyword: string): string {
  return keyword.replace(/\d+$/, '')
}

/**
 * Cuts text to a keyword's limit by characters (code points, so a character outside the BMP is never split),
 * ending a cut text with "…" within the limit. An empty value becomes "-" (WeChat refuses empty keywords).
 */
export function fitKeyword(keyword: string, text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  if (chars.length === 0) return '-'
  const limit = LIMITS[keywordType(keyword)]
  if (limit === undefined || chars.length <= limit) return chars.join('')
  if (limit <= 5) return chars.slice(0, limit).join('')
  return `${chars.slice(0, limit - 1).join('')}…`
}

/** A time as WeChat's `time` keyword shows it: 2026年12月7日 09:30 (Asia/Shanghai). */
export function keywordTime(t: number): string {
  const d = new Date(t + SHANGHAI_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** Quiet hours, Asia/Shanghai: nothing is sent from 22:00 until 07:00. */
export const QUIET_FROM_HOUR = 22
export const QUIET_UNTIL_HOUR = 7

/** When a message due at `t` may be sent: `t` itself, or 07:00 after quiet hours. */
export function afterQuietHours(t: number): number {
  const local = t + SHANGHAI_OFFSET_MS
  const dayStart = local - (((local % 86_400_000) + 86_400_000) % 86_400_000)
  const hour = (local - dayStart) / 3_600_000
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return t
  const seven = dayStart + QUIET_UNTIL_HOUR * 3_600_000 + (hour >= QUIET_FROM_HOUR ? 86_400_000 : 0)
  return seven - SHANGHAI_OFFSET_MS
}

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'no_credit', 'refused', 'failed', 'misconfigured', 'expired', 'withdrawn'] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

export const MESSAGE_STATUS_LABEL: Record<MessageStatus, string> = {
  queued: '待发送',
  sending: '发送中',
  sent: '已送达',
  no_credit: '未订阅',
  refused: '用户已拒收',
  failed: '发送失败',
  misconfigured: '模板配置有误',
  expired: '已过时效',
  withdrawn: '已撤回',
}

// Answers of the notify.* actions.
export const subscriptionView = r.named('SubscriptionView', r.obj({ template: r.enumOf(TEMPLATE_KEYS), credits: r.int(), rejectedForever: r.bool() }))
export type SubscriptionView = Out<typeof subscriptionView>

export const messageView = r.named(
  'MessageView',
  r.obj({
    id: r.str(),
    template: r.enumOf(TEMPLATE_KEYS),
    /** The template's title, e.g. 审核结果通知. */
    heading: r.str(),
    event: r.str(),
    status: r.enumOf(MESSAGE_STATUSES),
    /** The values as they were (or will be) sent: title, time, place, result, reason, note, count. */
    values: r.record(r.str()),
    dueAt: r.time(),
    sentAt: r.opt(r.time()),
    attempts: r.int(),
    error: r.opt(r.str()),
    /** 消息记录 only: the recipient's name (a member) or masked openid (a secretary). */
    to: r.opt(r.str()),
    scopeId: r.opt(r.str()),
  }),
)
export type MessageView = Out<typeof messageView>

export const notifyConfigView = r.obj({
  /** `wechat`, `local`, or `off` when the deployment sends nothing. */
  channel: r.enumOf(['wechat', 'local', 'off'] as const),
  templates: r.arr(r.obj({ key: r.enumOf(TEMPLATE_KEYS), id: r.str(), title: r.str(), label: r.str() })),
})
export type NotifyConfigView = Out<typeof notifyConfigView>

export const deliverResult = r.obj({
  sent: r.int(),
  noCredit: r.int(),
  refused: r.int(),
  retried: r.int(),
  failed: r.int(),
  misconfigured: r.int(),
  expired: r.int(),
  withdrawn: r.int(),
  waiting: r.int(),
  digests: r.int(),
})
