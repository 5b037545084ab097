// Local stand-in for WeChat identity: a signed token carrying the openid and when it expires. Only the local
// backend has it.
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Clock } from '../ports/clock.port'

/** A dev login lasts 30 days: a token copied out of a browser must not be a key for ever. */
export const DEV_TOKEN_LIFETIME_MS = 30 * 86_400_000

export type TokenCheck = { ok: true; openid: string } | { ok: false; reason: 'missing' | 'invalid' | 'expired' }

export function createDevTokens(key: Buffer, clock: Clock, lifetimeMs = DEV_TOKEN_LIFETIME_MS) {
  const sign = (payload: string) => createHmac('sha256', key).update(`dev-login|${payload}`).digest('base64url')
  const check = (token: string | undefined): TokenCheck => {
    if (!token) return { ok: false, reason: 'missing' }
    // v2.<openid>.<expiry>.<signature>; v1 tokens carried no expiry and are refused.
    const parts = token.split('.')
    if (parts.length !== 4 || parts[0] !== 'v2') return { ok: false, reason: 'invalid' }
    const expected = Buffer.from(sign(`${parts[1]}.${parts[2]}`))
    const given = Buffer.from(parts[3])
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' }
    const openid = Buffer.from(parts[1], 'base64url').toString('utf8')
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(openid) || !/^[0-9a-z]{1,12}$/.test(parts[2])) return { ok: false, reason: 'invalid' }
    if (clock.now() >= Number.parseInt(parts[2], 36)) return { ok: false, reason: 'expired' }
    return { ok: true, openid }
  }
  return {
    lifetimeMs,
    issue(openid: string): string {
      const payload = `${Buffer.from(openid, 'utf8').toString('base64url')}.${(clock.now() + lifetimeMs).toString(36)}`
      return `v2.${payload}.${sign(payload)}`
    },
    check,
    verify(token: string | undefined): string | null {
      const c = check(token)
      return c.ok ? c.openid : null
    },
  }
}
export type DevTokens = ReturnType<typeof createDevTokens>

/**
 * DEV_TOKEN_DAYS: how long a dev login lasts, 30 days unless set; a whole number of days from 1 to 365. Anything
 * else is refused at start.
 */
export function tokenLifetime(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEV_TOKEN_LIFETIME_MS
  const days = Number(value.trim())
  if (!/^\d{1,3}$/.test(value.trim()) || days < 1 || days > 365) {
    throw new Error(`DEV_TOKEN_DAYS 必须是 1 到 365 之间的整数天数（现为 ${JSON.stringify(value).slice(0, 40)}）`)
  }
  return days * 86_400_000
}
