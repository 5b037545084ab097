// Local (H5) identity: a token from POST /api/dev/login, kept in localStorage. In the weapp the identity is the
// WeChat OPENID the cloud function sees, so none of this is used there.
import { platform } from './platform'

const TOKEN_KEY = 'dsj.token'
const OPENID_KEY = 'dsj.openid'

type Listener = () => void
const listeners = new Set<Listener>()

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export const usesDevLogin = platform.usesDevLogin

export function getToken(): string | null {
  return storage()?.getItem(TOKEN_KEY) ?? null
}

export function getDevOpenid(): string | null {
  return storage()?.getItem(OPENID_KEY) ?? null
}

export function onSessionChange(fn: Listener): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

function setSession(token: string | null, openid: string | null) {
  const s = storage()
  if (s) {
    if (token) s.setItem(TOKEN_KEY, token)
    else s.removeItem(TOKEN_KEY)
    if (openid) s.setItem(OPENID_KEY, openid)
    else s.removeItem(OPENID_KEY)
  }
  for (const fn of listeners) fn()
}

/** Signs in to the local backend as `openid` (a seeded demo user or a new one who must register). */
export async function devLogin(openid: string): Promise<void> {
  const id = openid.trim()
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new Error('openid 只能包含字母、数字、下划线和连字符')
  let res: Response
  try {
    res = await fetch('/api/dev/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid: id }),
    })
  } catch {
    throw new Error('无法连接本地服务，请确认已运行 npm start')
  }
  const json = (await res.json().catch(() => null)) as { ok: boolean; data?: { token: string }; error?: { message: string } } | null
  if (!json?.ok || !json.data?.token) throw new Error(json?.error?.message ?? `登录失败（${res.status}）`)
  setSession(json.data.token, id)
}

export function logout(): void {
  setSession(null, null)
}
