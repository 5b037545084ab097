import Taro from '@tarojs/taro'
import { ACTIONS } from '@/core/contracts'
import type { Envelope } from '@/core/errors'
import type { Send } from './types'

/** weapp: the cloud function hosting the action; identity is the caller's OPENID, added by WeChat. */
export const send: Send = async (action, body) => {
  const res = await Taro.cloud.callFunction({ name: ACTIONS[action].fn, data: { action, ...body } })
  const envelope = res.result as Envelope<unknown> | undefined
  if (envelope && typeof envelope === 'object' && 'ok' in envelope) return envelope
  return { ok: false, error: { code: 'INTERNAL', message: '云函数返回异常，请稍后再试' } }
}
