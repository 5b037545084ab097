import { createHmac } from 'node:crypto'
import {
  issueCode,
  verifyQr,
  verifyShortCode,
  verifyShortCodeAt,
  SLOT_MS,
  parseQr,
  staticScene,
  staticCodeText,
  verifyStatic,
  MAX_SCENE_LENGTH,
} from './rotating-code'

const hmacWith = (secret: string) => (m: string) => createHmac('sha256', secret).update(m).digest()
const hmac = hmacWith('server-only-secret')
const T = Date.UTC(2025, 6, 1, 1, 0, 10) // inside a slot

describe('rotating check-in codes', () => {
  it('changes every 30 s and tells when it rotates', () => {
    const a = issueCode(hmac, 'A1', T)
    const b = issueCode(hmac, 'A1', T + SLOT_MS)
    expect(a.qr).not.toBe(b.qr)
    expect(a.shortCode).toMatch(/^\d{6}$/)
    expect(a.expiresAt).toBe((Math.floor(T / SLOT_MS) + 1) * SLOT_MS)
  })
  it('accepts the current and the previous slot only', () => {
    const c = issueCode(hmac, 'A1', T)
    expect(verifyQr(hmac, c.qr, T)).toMatchObject({ ok: true, activityId: 'A1' })
    expect(verifyQr(hmac, c.qr, T + SLOT_MS)).toMatchObject({ ok: true })
    expect(verifyQr(hmac, c.qr, T + 2 * SLOT_MS)).toEqual({ ok: false, reason: 'expired', activityId: 'A1', slot: c.slot })
    expect(verifyShortCode(hmac, 'A1', c.shortCode, T + SLOT_MS)).toMatchObject({ ok: true })
    expect(verifyShortCode(hmac, 'A1', c.shortCode, T + 2 * SLOT_MS)).toMatchObject({ ok: false, reason: 'expired' })
  })
  it('refuses a code of one activity replayed for another', () => {
    const c = issueCode(hmac, 'A1', T)
    const forged = c.qr.replace('.A1.', '.A2.')
    expect(verifyQr(hmac, forged, T)).toEqual({ ok: false, reason: 'invalid' })
    // a short code of A1 is not a short code of A2 (unless by 1-in-a-million chance, not for this fixed secret)
    expect(verifyShortCode(hmac, 'A2', c.shortCode, T)).toEqual({ ok: false, reason: 'invalid' })
  })
  it('refuses codes signed with another secret, future slots and garbage', () => {
    const other = issueCode(hmacWith('attacker-guess'), 'A1', T)
    expect(verifyQr(hmac, other.qr, T)).toEqual({ ok: false, reason: 'invalid' })
    const future = issueCode(hmac, 'A1', T + 5 * SLOT_MS)
    expect(verifyQr(hmac, future.qr, T)).toEqual({ ok: false, reason: 'invalid' })
    for (const junk of ['', 'DSJ1', 'DSJ1.A1.1.x', 'http://evil', 'DSJ1.$gt.1.AAAAAAAAAAAAAAAA', 'x'.repeat(500)]) {
      expect(verifyQr(hmac, junk, T)).toEqual({ ok: false, reason: 'invalid' })
    }
    expect(verifyShortCode(hmac, 'A1', '12345a', T)).toEqual({ ok: false, reason: 'invalid' })
  })
  it('keeps the QR text short and parseable', () => {
    const c = issueCode(hmac, `A${'b'.repeat(12)}`, T)
    expect(c.qr.length).toBeLessThan(64)
    expect(parseQr(c.qr)).toMatchObject({ activityId: `A${'b'.repeat(12)}`, slot: c.slot })
  })
})

describe('static 小程序码', () => {
  it('fits the 32-character scene limit and verifies only with the server secret', () => {
    const scene = staticScene(hmac, `A${'x'.repeat(12)}`)
    expect(scene.length).toBeLessThanOrEqual(MAX_SCENE_LENGTH)
    const text = staticCodeText(hmac, 'A1')
    expect(verifyStatic(hmac, text)).toEqual({ ok: true, activityId: 'A1' })
    expect(verifyStatic(hmacWith('other'), text)).toEqual({ ok: false })
    expect(verifyStatic(hmac, text.replace('.A1.', '.A2.'))).toEqual({ ok: false })
    expect(verifyStatic(hmac, 'DSJS.A1')).toEqual({ ok: false })
  })
})

describe('a queued short code checked at its scan time', () => {
  it('matches only the scan slot and the one before; old ones are expired (not ok), and a fast phone clock is clamped', () => {
    const code = issueCode(hmac, 'A1', T)
    const hourLater = T + 3600_000
    expect(verifyShortCodeAt(hmac, 'A1', code.shortCode, T, hourLater)).toEqual({ ok: false, reason: 'expired', activityId: 'A1', slot: code.slot })
    expect(verifyShortCodeAt(hmac, 'A1', code.shortCode, T + SLOT_MS, hourLater)).toMatchObject({ reason: 'expired', slot: code.slot })
    expect(verifyShortCodeAt(hmac, 'A1', code.shortCode, T + 2 * SLOT_MS, hourLater)).toEqual({ ok: false, reason: 'invalid' })
    expect(verifyShortCodeAt(hmac, 'A2', code.shortCode, T, hourLater)).toEqual({ ok: false, reason: 'invalid' })
    expect(verifyShortCodeAt(hmac, 'A1', code.shortCode, T + 90_000, T)).toMatchObject({ ok: true, slot: code.slot })
  })
})
