import type { Envelope } from '@/core/errors'
import { getToken } from './session'
import type { Send } from './types'

/** H5: the local backend on the same origin, `POST /api/<action>` with the dev-login token. */
export const send: Send = async (action, body) => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const token = getToken()
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch(`/api/${action}`, { method: 'POST', headers, body: JSON.stringify(body) })
  const json = (await res.json().catch(() => null)) as Envelope<unknown> | null
  if (json && typeof json === 'object' && 'ok' in json) return json
  return {
    ok: false,
    error: {
      code: res.status === 413 ? 'PAYLOAD_TOO_LARGE' : res.status === 429 ? 'RATE_LIMITED' : 'INTERNAL',
      message: `服务暂时不可用（${res.status}），请稍后再试`,
    },
  }
}
