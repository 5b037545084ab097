// Where 订阅消息 go (docs/DESIGN.md#reminders): WeChat's subscribeMessage.send in the cloud, a local sink in the
// local backend. The outbox, credits and retries are the server's; the port only delivers one message.
import type { TemplateKey, ValueName } from '../../src/core/notify'

/** A deployment's template: its id in the WeChat console and which keyword shows which value. */
export interface TemplateSetting {
  id: string
  keywords: Record<string, ValueName>
}
export type TemplateSettings = Partial<Record<TemplateKey, TemplateSetting>>

export interface OutgoingMessage {
  touser: string
  templateId: string
  /** Page path without a leading slash, with its query. */
  page: string
  data: Record<string, { value: string }>
}

/** `errcode` as WeChat answers it (43101: the person holds no subscription; 40037/47003/41030: configuration). */
export type SendResult = { ok: true } | { ok: false; errcode: number; errmsg: string }

export interface NotifyPort {
  /** `wechat` (subscribeMessage.send) or `local` (the local sink: the outbox record is the delivery). */
  channel: 'wechat' | 'local'
  templates: TemplateSettings
  /** Send at any hour, ignoring quiet hours: local demos and browser tests only (NOTIFY_QUIET_HOURS=0). */
  anyHour?: boolean
  send(message: OutgoingMessage): Promise<SendResult>
}
