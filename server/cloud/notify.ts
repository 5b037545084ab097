// The cloud's 订阅消息 channel (docs/DESIGN.md#reminders): cloud.openapi.subscribeMessage.send from the `notify`
// function (its config.json grants the permission). WeChat's errors arrive thrown with `errCode`; they are answered
// as a SendResult so the outbox records them (43101 refused, 40037/47003/41030 misconfigured, others retried).
import { AppError } from '../../src/core/errors'
import type { NotifyPort, OutgoingMessage, SendResult } from '../ports/notify.port'
import { parseTemplateSettings } from '../services/notify-config'

export interface SubscribeMessageApi {
  openapi?: {
    subscribeMessage?: {
      send(args: OutgoingMessage & { miniprogramState?: string; lang?: string }): Promise<{ errCode?: number; errMsg?: string }>
    }
  }
}

const STATES = new Set(['formal', 'trial', 'developer'])

/**
 * The channel, when NOTIFY_TEMPLATES is set (the `notify` function sets it from its templates.json).
 * NOTIFY_STATE picks which version of the mini program a message opens: formal (default), trial or developer.
 */
export function wechatNotify(cloud: SubscribeMessageApi, env: Partial<Record<string, string>>): NotifyPort | undefined {
  if (env.NOTIFY_TEMPLATES === undefined) return undefined
  let templates: NotifyPort['templates']
  try {
    templates = parseTemplateSettings(env.NOTIFY_TEMPLATES)
  } catch (e) {
    throw new AppError('INTERNAL', `订阅消息模板配置有误：${(e as Error).message}`)
  }
  const state = STATES.has(env.NOTIFY_STATE ?? '') ? (env.NOTIFY_STATE as string) : 'formal'
  return {
    channel: 'wechat',
    templates,
    async send(m): Promise<SendResult> {
      const api = cloud.openapi?.subscribeMessage
      if (!api) return { ok: false, errcode: -1, errmsg: 'cloud.openapi.subscribeMessage 不可用' }
      try {
        const r = await api.send({ ...m, miniprogramState: state, lang: 'zh_CN' })
        if (r?.errCode) return { ok: false, errcode: r.errCode, errmsg: String(r.errMsg ?? '') }
        return { ok: true }
      } catch (e) {
        const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown }
        return {
          ok: false,
          errcode: typeof err?.errCode === 'number' ? err.errCode : -1,
          errmsg: String(err?.errMsg ?? err?.message ?? e).slice(0, 160),
        }
      }
    },
  }
}
