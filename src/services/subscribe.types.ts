// The platform contract for asking a person to subscribe to 订阅消息 (docs/DESIGN.md#reminders): one implementation
// per platform, chosen by Taro at build time. The weapp calls wx.requestSubscribeMessage, which WeChat only allows
// inside the person's tap, so it must be called synchronously from the tap's handler (no await before it).
import type { TemplateKey } from '@/core/notify'

export interface AskTemplate {
  key: TemplateKey
  /** The deployment's template id (from notify.config). */
  id: string
}

export interface SubscribeAnswer {
  accepted: TemplateKey[]
  /** Refused with "总是保持以上选择": the app will not ask again, the server sends nothing. */
  rejectedForever: TemplateKey[]
}

/** Asks for the templates; answers what the person accepted. Never rejects. */
export type AskTemplates = (templates: readonly AskTemplate[]) => Promise<SubscribeAnswer>
