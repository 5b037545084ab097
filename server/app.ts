// The one entry both hosts use: the local HTTP backend and the cloud functions. Identity comes from the
// host (dev token or WeChat context), never from the body.
import { ACTIONS, isActionName, type ActionName } from '../src/core/contracts'
import { AppError, fail, toErrorEnvelope, type Envelope } from '../src/core/errors'
import { loadCtx, mayCall } from './context/caller'
import type { Deps } from './context/deps'
import { HANDLERS, type Handler } from './actions'

export interface ActionOutcome {
  status: number
  envelope: Envelope<unknown>
}

export type Logger = (err: unknown, action: string) => void

export function createApp(deps: Deps, log: Logger = (e, a) => console.error(`[action ${a}]`, e)) {
  async function run(action: string, body: unknown, openid: string | null): Promise<unknown> {
    if (!isActionName(action)) fail('NOT_FOUND', `没有这个操作：${action.slice(0, 60)}`)
    const name = action
    if (!openid) fail('UNAUTHENTICATED', '请先登录')
    const ctx = await loadCtx(deps, openid)
    const def = ACTIONS[name]
    if (!mayCall(ctx, def.who)) {
      fail('FORBIDDEN', def.who.includes('member') && def.who.length === 1 ? '请先完成双报到并通过审核' : '您没有执行此操作的权限')
    }
    const parsed = def.body.parse(body ?? {}, '')
    return (HANDLERS[name] as Handler<ActionName>)(parsed as never, ctx, deps)
  }

  return {
    async handle(action: string, body: unknown, openid: string | null): Promise<ActionOutcome> {
      try {
        const data = await run(action, body, openid)
        return { status: 200, envelope: { ok: true, data: data === undefined ? null : data } }
      } catch (err) {
        if (!(err instanceof AppError)) log(err, action)
        const envelope = toErrorEnvelope(err)
        return { status: err instanceof AppError ? err.status : 500, envelope }
      }
    },
  }
}

export type App = ReturnType<typeof createApp>
