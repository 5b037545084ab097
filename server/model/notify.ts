// 订阅消息 (docs/DESIGN.md#reminders): the credits a person holds per template, and the outbox.
import type { MessageStatus, TemplateKey, ValueName } from '../../src/core/notify'

/** One person's credits for one template (`_id` = keyId('S', openid, template)): one acceptance, one message. */
export interface SubscriptionDoc {
  _id: string
  openid: string
  template: TemplateKey
  credits: number
  /** The person chose "总是保持以上选择" with a refusal: the app no longer asks, nothing is sent. */
  rejectedForever?: boolean
  updatedAt: number
}

/**
 * One message of the outbox. `_id` is derived from the event and the recipient, so an event that is produced twice
 * (a retried action, two timers) is one message. `kind: 'marker'` documents only record that a daily run happened.
 */
export interface MessageDoc {
  _id: string
  kind: 'message' | 'marker'
  template: TemplateKey
  /** What happened, e.g. `review.approved`, `activity.cancelled` (for 消息记录). */
  event: string
  /** The recipient: a member (resolved to their openid when sent) or an openid (a secretary). */
  memberId?: string
  openid?: string
  /** Org the event belongs to (an estate), for the admin's 消息记录. */
  scopeId?: string
  /** With a reminder: the activity it is about (re-read when sent: cancelled or started → not sent). */
  activityId?: string
  values: Partial<Record<ValueName, string>>
  /** The mini program page the message opens. */
  page: string
  status: MessageStatus
  /** Not before this time; quiet hours move it on. */
  dueAt: number
  attempts: number
  /** While `sending`: the lease of the timer run that holds it. */
  leaseUntil?: number
  sentAt?: number
  /** WeChat's errcode and message of the last failure, or why it was not sent. */
  error?: string
  createdAt: number
  updatedAt: number
}
