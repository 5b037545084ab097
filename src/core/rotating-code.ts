// Rotating check-in codes (docs/DESIGN.md#check-in-layers): an HMAC over activity + 30-second slot with a server-only secret.
// The current and the previous slot are accepted. The HMAC itself is injected so this file stays
// platform-free; the server passes node's crypto.

export const SLOT_MS = 30_000
export const QR_PREFIX = 'DSJ1'
const EXPIRED_LOOKBACK_SLOTS = 20

export type Hmac = (message: string) => Uint8Array

export interface RotatingCode {
  qr: string
  shortCode: string
  slot: number
  expiresAt: number
}

export const slotOf = (now: number): number => Math.floor(now / SLOT_MS)

function b64url(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4
    for (let j = 0; j < chars; j++) out += alphabet[(n >> (18 - 6 * j)) & 63]
  }
  return out
}

function signature(hmac: Hmac, activityId: string, slot: number): string {
  return b64url(hmac(`qr|${activityId}|${slot}`).slice(0, 12))
}

export function shortCodeFor(hmac: Hmac, activityId: string, slot: number): string {
  const d = hmac(`short|${activityId}|${slot}`)
  const n = ((d[0] << 24) >>> 0) + (d[1] << 16) + (d[2] << 8) + d[3]
  return String(n % 1_000_000).padStart(6, '0')
}

export function issueCode(hmac: Hmac, activityId: string, now: number): RotatingCode {
  const slot = slotOf(now)
  return {
    qr: `${QR_PREFIX}.${activityId}.${slot}.${signature(hmac, activityId, slot)}`,
    shortCode: shortCodeFor(hmac, activityId, slot),
    slot,
    expiresAt: (slot + 1) * SLOT_MS,
  }
}

/** Constant-time string comparison (lengths are public). */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

export type CodeCheck =
  | { ok: true; activityId: string; slot: number; fresh: boolean }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'expired'; activityId: string; slot: number }

export interface ParsedQr {
  activityId: string
  slot: number
  sig: string
}

export function parseQr(text: string): ParsedQr | null {
  const parts = text.split('.')
  if (parts.length !== 4 || parts[0] !== QR_PREFIX) return null
  const [, activityId, slotText, sig] = parts
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(activityId) || !/^\d{1,12}$/.test(slotText) || !/^[A-Za-z0-9_-]{16}$/.test(sig)) return null
  return { activityId, slot: Number(slotText), sig }
}

/**
 * Verifies a scanned QR. A genuine signature for a slot older than the previous one is 'expired' (the caller
 * may still accept it for a queued offline check-in); anything not signed by us is 'invalid'.
 */
export function verifyQr(hmac: Hmac, text: string, now: number): CodeCheck {
  const p = parseQr(text)
  if (!p) return { ok: false, reason: 'invalid' }
  const current = slotOf(now)
  if (p.slot > current) return { ok: false, reason: 'invalid' }
  if (!same(signature(hmac, p.activityId, p.slot), p.sig)) return { ok: false, reason: 'invalid' }
  if (p.slot < current - 1) return { ok: false, reason: 'expired', activityId: p.activityId, slot: p.slot }
  return { ok: true, activityId: p.activityId, slot: p.slot, fresh: true }
}

/** Verifies a typed 6-digit code for a given activity against the current and previous slot. */
export function verifyShortCode(hmac: Hmac, activityId: string, code: string, now: number): CodeCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' }
  const current = slotOf(now)
  for (const slot of [current, current - 1]) {
    if (same(shortCodeFor(hmac, activityId, slot), code)) return { ok: true, activityId, slot, fresh: true }
  }
  // A code shown within the last 10 minutes is reported as expired rather than wrong, so the member knows to
  // look at the screen again; it is refused either way.
  for (let slot = current - 2; slot >= current - EXPIRED_LOOKBACK_SLOTS; slot--) {
    if (same(shortCodeFor(hmac, activityId, slot), code)) return { ok: false, reason: 'expired', activityId, slot }
  }
  return { ok: false, reason: 'invalid' }
}

/**
 * Verifies a typed 6-digit code queued on the device, against the slot it was scanned in (`scannedAt`) and the
 * one before it only — the same two slots a live code is checked against, so guessing gets no easier. A match
 * in a slot older than now's previous one is 'expired' (the caller accepts it for a queued call, flagged).
 */
export function verifyShortCodeAt(hmac: Hmac, activityId: string, code: string, scannedAt: number, now: number): CodeCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' }
  const current = slotOf(now)
  // A phone clock running a little fast must not push the scan into a slot that has not been shown yet.
  const at = slotOf(Math.min(scannedAt, now))
  for (const slot of [at, at - 1]) {
    if (slot > current || !same(shortCodeFor(hmac, activityId, slot), code)) continue
    return slot >= current - 1 ? { ok: true, activityId, slot, fresh: true } : { ok: false, reason: 'expired', activityId, slot }
  }
  return { ok: false, reason: 'invalid' }
}

// The printed static 小程序码 (docs/DESIGN.md#check-in-layers): its scene is the activity id plus a short signature, so a code cannot
// be made up for an activity without seeing the printed one. It never expires by itself; the server accepts it
// only inside the check-in window and always sends such check-ins to review.
export const STATIC_PREFIX = 'DSJS'
export const MAX_SCENE_LENGTH = 32

export function staticScene(hmac: Hmac, activityId: string): string {
  return `${activityId}.${b64url(hmac(`static|${activityId}`).slice(0, 6))}`
}

/** The text the check-in page submits for a static code (the scan result, or `DSJS.` + the page's scene). */
export function staticCodeText(hmac: Hmac, activityId: string): string {
  return `${STATIC_PREFIX}.${staticScene(hmac, activityId)}`
}

export function verifyStatic(hmac: Hmac, text: string): { ok: true; activityId: string } | { ok: false } {
  const m = /^DSJS\.([A-Za-z0-9_-]{1,24})\.([A-Za-z0-9_-]{8})$/.exec(text)
  if (!m) return { ok: false }
  return same(staticScene(hmac, m[1]), `${m[1]}.${m[2]}`) ? { ok: true, activityId: m[1] } : { ok: false }
}
