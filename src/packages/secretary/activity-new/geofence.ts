import type { RequestOf } from '@/services/api'

/** The radii a secretary chooses from (metres); activity.create accepts 50–5000. */
export const RADIUS_CHOICES = [100, 200, 300, 500, 1000] as const
export const DEFAULT_GEOFENCE_RADIUS_M = 300

export interface GeofenceForm {
  latText: string
  lngText: string
  radiusM: number
  /** The place's name/address (the form's 地点 field), kept with the point for members to read. */
  address: string
}

export type GeofenceLocation = NonNullable<RequestOf<'activity.create'>['location']>

const NUMBER = /^[-+]?\d{1,3}(\.\d+)?$/

/** A typed coordinate, or null when it is not a plain decimal number within ±`limit`. */
export function parseCoordinate(text: string, limit: 90 | 180): number | null {
  const t = text.trim()
  if (!NUMBER.test(t)) return null
  const n = Number(t)
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null
}

/** The `location` of activity.create for the form, or the Chinese message saying what to fix. */
export function checkGeofence(f: GeofenceForm): { ok: true; location: GeofenceLocation } | { ok: false; message: string } {
  if (!f.latText.trim() && !f.lngText.trim()) return { ok: false, message: '请设置签到地点：选点、使用当前位置或填写经纬度' }
  const lat = parseCoordinate(f.latText, 90)
  if (lat === null) return { ok: false, message: '纬度应为 -90 到 90 之间的数字' }
  const lng = parseCoordinate(f.lngText, 180)
  if (lng === null) return { ok: false, message: '经度应为 -180 到 180 之间的数字' }
  const address = f.address.trim().slice(0, 100)
  return { ok: true, location: { lat, lng, radiusM: f.radiusM, ...(address ? { address } : {}) } }
}

/** 30.274151 → "30.27415" (about a metre), for showing the point. */
export const coordText = (n: number): string => n.toFixed(5)
