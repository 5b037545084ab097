// Times are stored as UTC instants (epoch ms) and shown in Asia/Shanghai (UTC+8, no daylight saving).
export const SHANGHAI_OFFSET_MS = 8 * 3600_000

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0')
}

/** ISO 8601 with the +08:00 offset, e.g. 2025-07-01T09:00:00.000+08:00. */
export function toIsoShanghai(t: number): string {
  const d = new Date(t + SHANGHAI_OFFSET_MS)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+08:00`
  )
}

/** The calendar year in Asia/Shanghai; an entry belongs to the year of its activity's start. */
export function shanghaiYear(t: number): number {
  return new Date(t + SHANGHAI_OFFSET_MS).getUTCFullYear()
}

/** YYYY-MM in Asia/Shanghai, for monthly trends. */
export function shanghaiMonth(t: number): string {
  const d = new Date(t + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`
}

/** "7月1日 09:00" for lists on a phone. */
export function formatShort(t: number): string {
  const d = new Date(t + SHANGHAI_OFFSET_MS)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

export const MINUTE = 60_000
export const HOUR = 3600_000
export const DAY = 24 * HOUR
