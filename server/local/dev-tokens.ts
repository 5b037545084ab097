// Local stand-in for WeChat identity: a signed token carrying the openid. Only the local backend has it.
import { createHmac, timingSafeEqual } from 'node:crypto'

export function createDevTokens(key: Buffer) {
  const sign = (payload: string) => createHmac('sha256', key).update(`dev-login|${payload}`).digest('base64url')
  return {
    issue(openid: string): string {
      const payload = Buffer.from(openid, 'utf8').toString('base64url')
      return `v1.${payload}.${sign(payload)}`
    },
    verify(token: string | undefined): string | null {
      if (!token) return null
      const parts = token.split('.')
      if (parts.length !== 3 || parts[0] !== 'v1') return null
      const expected = Buffer.from(sign(parts[1]))
      const given = Buffer.from(parts[2])
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
      const openid = Buffer.from(parts[1], 'base64url').toString('utf8')
      return /^[A-Za-z0-9_-]{1,64}$/.test(openid) ? openid : null
    },
  }
}
export type DevTokens = ReturnType<typeof createDevTokens>
