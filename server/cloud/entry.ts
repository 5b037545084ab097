// The cloud functions' shared entry: `wx.cloud.callFunction({ name, data: { action, ...body } })` arrives here
// with the caller's OPENID from the WeChat context. Bundled into each cloudfunctions/<fn>/index.js.
import { createHmac } from 'node:crypto'
import { ACTIONS, MAX_BODY_BYTES, isActionName, type CloudFunctionName } from '../../src/core/contracts'
import { AppError, toErrorEnvelope, type Envelope } from '../../src/core/errors'
import { shanghaiYear } from '../../src/core/time'
import { createApp, type App } from '../app'
import { createWxStore } from '../adapters/wxcloud/wx-store'
import { createCloudFiles, type CloudStorageApi } from '../adapters/wxcloud/cloud-files'
import { systemClock } from '../ports/clock.port'
import { renderQrDataUrl } from '../qr-image'
import type { Deps } from '../context/deps'
import { wechatNotify, type SubscribeMessageApi } from './notify'

/** The openid the timer trigger acts as; granted county_admin only inside this process. */
export const TIMER_OPENID = 'system-timer'
/** How long one timer invocation keeps tallying (the function's timeout is set above this, e.g. 60 s). */
export const TIMER_BUDGET_MS = 40_000

interface WxCloud extends CloudStorageApi, SubscribeMessageApi {
  database(): unknown
  openapi?: SubscribeMessageApi['openapi'] & {
    phonenumber?: { getPhoneNumber(args: { code: string }): Promise<{ phoneInfo?: { purePhoneNumber?: string } }> }
    wxacode?: {
      getUnlimited(args: { scene: string; page: string; checkPath?: boolean; width?: number }): Promise<{ buffer?: Buffer; contentType?: string }>
    }
  }
}

export function cloudDeps(cloud: WxCloud, env: NodeJS.ProcessEnv = process.env): Deps {
  const secret = env.CHECKIN_SECRET
  if (!secret || secret.length < 32) throw new AppError('INTERNAL', '云函数未配置 CHECKIN_SECRET（至少 32 个字符）')
  return {
    store: createWxStore(cloud.database()),
    clock: systemClock,
    hmac: (message) => createHmac('sha256', secret).update(message).digest(),
    adminOpenids: new Set([
      TIMER_OPENID,
      ...(env.ADMIN_OPENIDS ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ]),
    renderQr: renderQrDataUrl,
    files: createCloudFiles(cloud),
    notify: wechatNotify(cloud, env),
    async wxacode(scene) {
      const r = await cloud.openapi?.wxacode?.getUnlimited({ scene, page: 'pages/checkin/index', checkPath: false, width: 430 })
      if (!r?.buffer) throw new AppError('INTERNAL', '生成小程序码失败，请稍后再试')
      return `data:${r.contentType ?? 'image/png'};base64,${Buffer.from(r.buffer).toString('base64')}`
    },
    async verifyPhoneCode(code) {
      try {
        const r = await cloud.openapi?.phonenumber?.getPhoneNumber({ code })
        const phone = r?.phoneInfo?.purePhoneNumber
        if (phone) return phone
      } catch (e) {
        console.error('[cloud] getPhoneNumber', e)
      }
      throw new AppError('VALIDATION', '微信手机号验证失败或已过期，请重新点击获取', { field: 'phoneCode' })
    },
  }
}

function isTimer(event: Record<string, unknown>): boolean {
  return event.Type === 'Timer' || typeof event.TriggerName === 'string'
}

/** Routes one cloud function invocation; never throws, always answers an envelope. */
export async function handleCloudEvent(fn: CloudFunctionName, event: unknown, openid: string | null, app?: App): Promise<Envelope<unknown>> {
  try {
    const ev = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>
    if (JSON.stringify(ev).length > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `请求体过大（上限 ${MAX_BODY_BYTES / 1024} KB）`)
    const runner = app ?? createApp(cloudDeps(require('wx-server-sdk')))
    // 订阅消息: the notify function's timer sends what is due (docs/DESIGN.md#reminders).
    if (isTimer(ev) && fn === 'notify') return (await runner.handle('notify.deliver', {}, TIMER_OPENID)).envelope
    if (isTimer(ev)) {
      if (fn !== 'score') throw new AppError('NOT_FOUND', '此云函数没有定时任务')
      // The nightly tally works in resumable batches and stops well inside the function's timeout; the next timer
      // tick continues from the run's cursor. A finished run older than 12 h starts again.
      const year = shanghaiYear(Date.now())
      const until = Date.now() + TIMER_BUDGET_MS
      let last = await runner.handle('score.tallyStep', { year }, TIMER_OPENID)
      const stale = (e: typeof last) =>
        e.envelope.ok &&
        (e.envelope.data as { done: boolean; startedAt: string }).done &&
        Date.now() - Date.parse((e.envelope.data as { startedAt: string }).startedAt) > 12 * 3600_000
      if (stale(last)) last = await runner.handle('score.tallyStep', { year, restart: true }, TIMER_OPENID)
      while (last.envelope.ok && !(last.envelope.data as { done: boolean }).done && Date.now() < until) {
        last = await runner.handle('score.tallyStep', { year }, TIMER_OPENID)
      }
      return last.envelope
    }
    // `userInfo` is added by WeChat to every client call; identity comes from the context, not from it.
    const { action, userInfo: _userInfo, ...body } = ev
    if (typeof action !== 'string' || !isActionName(action) || ACTIONS[action].fn !== fn) {
      throw new AppError('NOT_FOUND', `云函数 ${fn} 没有这个操作：${String(action).slice(0, 60)}`)
    }
    return (await runner.handle(action, body, openid === TIMER_OPENID ? null : openid)).envelope
  } catch (err) {
    if (!(err instanceof AppError)) console.error('[cloud]', err)
    return toErrorEnvelope(err)
  }
}
