// The cloud functions' shared entry: `wx.cloud.callFunction({ name, data: { action, ...body } })` arrives here
// with the caller's OPENID from the WeChat context. Bundled into each cloudfunctions/<fn>/index.js.
import { createHmac } from 'node:crypto'
import { ACTIONS, MAX_BODY_BYTES, isActionName, utf8Bytes, type CloudFunctionName } from '../../src/core/contracts'
import { AppError, toErrorEnvelope, type Envelope } from '../../src/core/errors'
import { shanghaiYear } from '../../src/core/time'
import { createApp, type App } from '../app'
import { createWxStore } from '../adapters/wxcloud/wx-store'
import { createCloudFiles, type CloudStorageApi } from '../adapters/wxcloud/cloud-files'
import { systemClock } from '../ports/clock.port'
import { tallyJobId } from '../jobs/tally'
import { COUNTY_ID } from '../model/org'
import type { JobView } from '../../src/core/api-types'
import { renderQrDataUrl } from '../qr-image'
import type { Deps } from '../context/deps'
import { wechatNotify, type SubscribeMessageApi } from './notify'

/** The openid the timer trigger acts as; granted county_admin only inside this process. */
export const TIMER_OPENID = 'system-timer'
/** The nightly county 核算 starts again when the last one started longer ago than this. */
export const NIGHTLY_EVERY_MS = 12 * 3600_000
/** How long a one-shot call that runs a job works before handing it to the timer (inside the 60 s timeout). */
export const CALL_BUDGET_MS = 40_000
/** What the cloud's limits ask of the use cases (docs/DESIGN.md#jobs); bench:cloud runs with the same. */
export const CLOUD_LIMITS = {
  // A one-shot 核算/定稿/export works this long, then leaves its job to the timer (the function's timeout is 60 s).
  callBudgetMs: CALL_BUDGET_MS,
  // base64 grows a file by a third: 180 KB of workbook is a 240 KB answer, under the transport's ~256 KB.
  inlineAnswerBytes: 180 * 1024,
} as const
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
    ...CLOUD_LIMITS,
    notify: wechatNotify(cloud, env),
    async wxacode(scene, page = 'pages/checkin/index') {
      const r = await cloud.openapi?.wxacode?.getUnlimited({ scene, page, checkPath: false, width: 430 })
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

/**
 * The score function's timer (every 5 minutes): first steps the jobs nobody drives (job.drive), then the nightly
 * county 核算 as a tally job — started when none started in the last 12 h, then stepped within what is left of the
 * budget; the next tick carries on from its saved cursor (docs/DESIGN.md#jobs). A quiet tick (no idle job, the
 * tally done less than 12 h ago) costs a handful of reads: the timer's identity, the running jobs, the tally job.
 */
async function timerTick(runner: App, now: () => number): Promise<Envelope<unknown>> {
  const year = shanghaiYear(now())
  const until = now() + TIMER_BUDGET_MS
  await runner.handle('job.drive', {}, TIMER_OPENID)
  const jobId = tallyJobId(year, COUNTY_ID)
  let last = await runner.handle('job.get', { jobId }, TIMER_OPENID)
  const job = last.envelope.ok ? (last.envelope.data as JobView) : null
  const fresh = job && (job.status === 'running' || now() - Date.parse(job.startedAt) < NIGHTLY_EVERY_MS)
  if (!fresh) last = await runner.handle('score.tallyJob', { year }, TIMER_OPENID)
  while (last.envelope.ok && (last.envelope.data as JobView).status === 'running' && now() < until) {
    last = await runner.handle('job.step', { jobId }, TIMER_OPENID)
  }
  return last.envelope
}

/**
 * Routes one cloud function invocation; never throws, always answers an envelope. `now` is the timer's clock (a
 * simulation passes its virtual one, so the timer's budget is counted in simulated time).
 */
export async function handleCloudEvent(
  fn: CloudFunctionName,
  event: unknown,
  openid: string | null,
  app?: App,
  now: () => number = Date.now,
): Promise<Envelope<unknown>> {
  try {
    const ev = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>
    if (utf8Bytes(JSON.stringify(ev)) > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `请求体过大（上限 ${MAX_BODY_BYTES / 1024} KB）`)
    const runner = app ?? createApp(cloudDeps(require('wx-server-sdk')))
    // 订阅消息: the notify function's timer sends what is due (docs/DESIGN.md#reminders).
    if (isTimer(ev) && fn === 'notify') return (await runner.handle('notify.deliver', {}, TIMER_OPENID)).envelope
    if (isTimer(ev)) {
      if (fn !== 'score') throw new AppError('NOT_FOUND', '此云函数没有定时任务')
      return await timerTick(runner, now)
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
