// Display helpers. API scores are JSON numbers with at most 2 decimals; they are shown through the integer
// hundredths formatter so "88.6" prints as "88.60" without float artefacts.
import type { ActivityView, AttendanceStatus } from '@/core/api-types'
import { formatScore } from '@/core/scoring'
import { shanghaiYear } from '@/core/time'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** Every time is shown in Asia/Shanghai (UTC+8, no daylight saving), whatever the phone's own zone. */
const shanghai = (t: number) => dayjs(t).utcOffset(8 * 60)
const formatShort = (t: number) => shanghai(t).format('M月D日 HH:mm')

export const toHundredths = (n: number): number => Math.round(n * 100)

export function score2(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : formatScore(toHundredths(n))
}

export function signedPoints(n: number): string {
  return n > 0 ? `+${score2(n)}` : score2(n)
}

/** 0.5 → "50%"; also accepts basis points (5000 → "50%"). */
export function weightPct(w: number): string {
  const pct = w > 1 ? w / 100 : w * 100
  return `${Math.round(pct * 100) / 100}%`
}

export const currentYear = (): number => shanghaiYear(Date.now())

const ms = (iso: string): number => Date.parse(iso)

export function dateTimeText(iso: string | undefined): string {
  if (!iso) return ''
  const t = ms(iso)
  return Number.isFinite(t) ? formatShort(t) : iso
}

function shanghaiParts(t: number) {
  const d = shanghai(t)
  return { date: d.format('YYYY-MM-DD'), time: d.format('HH:mm') }
}

/**
 * What a date or time field shows for its value ("YYYY-MM-DD" → "2026年11月22日", "HH:mm" as is), in the app's own
 * words on every platform: never the browser's locale (docs/DESIGN.md#phones-and-screens). '' for no value.
 */
export function fieldText(mode: 'date' | 'time', value: string): string {
  if (mode === 'time') return /^\d{2}:\d{2}$/.test(value) ? value : ''
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : ''
}

/** "YYYY-MM-DD" and "HH:mm" in Asia/Shanghai, for date and time pickers. */
export function shanghaiDateTime(t: number): { date: string; time: string } {
  return shanghaiParts(t)
}

export function dateText(iso: string | undefined): string {
  if (!iso) return ''
  const t = ms(iso)
  return Number.isFinite(t) ? shanghaiParts(t).date : iso
}

/** "7月1日 09:00–11:00", or both full ends when the activity spans days. */
export function rangeText(startIso: string, endIso: string): string {
  const s = ms(startIso)
  const e = ms(endIso)
  if (!Number.isFinite(s) || !Number.isFinite(e)) return `${startIso} – ${endIso}`
  const sameDay = shanghaiParts(s).date === shanghaiParts(e).date
  return sameDay ? `${formatShort(s)}–${shanghaiParts(e).time}` : `${formatShort(s)} – ${formatShort(e)}`
}

/** ISO 8601 with the +08:00 offset from picker values. */
export const isoFromPickers = (date: string, time: string): string => `${date}T${time}:00+08:00`

export type ActivityPhase = 'draft' | 'upcoming' | 'ongoing' | 'past'

export function activityPhase(a: Pick<ActivityView, 'status' | 'startAt' | 'endAt'>, now: number): ActivityPhase {
  if (a.status === 'draft') return 'draft'
  if (a.status === 'cancelled' || a.status === 'ended') return 'past'
  if (now > ms(a.endAt)) return 'past'
  if (now >= ms(a.startAt)) return 'ongoing'
  return 'upcoming'
}

/** Check-in opens 30 min before the start and closes at the end. */
export function checkinOpen(a: Pick<ActivityView, 'status' | 'checkinOpensAt' | 'endAt'>, now: number): boolean {
  if (a.status === 'draft' || a.status === 'cancelled') return false
  return now >= ms(a.checkinOpensAt) && now <= ms(a.endAt)
}

/** "已报名 3 / 20 人" with a capacity, "已报名 3 人" without. */
export function signupText(a: Pick<ActivityView, 'signedUp' | 'capacity'>): string {
  return a.capacity ? `已报名 ${a.signedUp} / ${a.capacity} 人` : `已报名 ${a.signedUp} 人`
}

export const STATUS_LABEL: Record<AttendanceStatus, string> = {
  approved: '已通过',
  pending: '待审核',
  rejected: '未通过',
  revoked: '已撤销',
}

/** Review flags the server attaches to a check-in, in words a member understands (one table in core). */
export { flagText } from '@/core/flags'

export function maskedPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}

const SCORE_TEXT = /^\d{1,5}(\.\d{1,2})?$/

/** A typed score: a non-negative number with at most 2 decimals, or null when the text is not one. */
export function parseScore(text: string): number | null {
  const t = text.trim()
  return SCORE_TEXT.test(t) ? Number(t) : null
}

/** "2025-07-01" → "7 月 1 日" (a calendar date, no time zone involved). */
export function monthDay(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${Number(m[1])} 月 ${Number(m[2])} 日` : date
}

/** Today's date in Asia/Shanghai, "YYYY-MM-DD" (for date pickers). */
export const todayShanghai = (): string => shanghaiParts(Date.now()).date

const SIGNED_SCORE_TEXT = /^[-+]?\d{1,5}(\.\d{1,2})?$/

/** A typed number of points that may be negative (deductions, adjustments), ≤ 2 decimals; null when not one. */
export function parseSignedScore(text: string): number | null {
  const t = text.trim().replace(/^\+/, '').replace(/^－/, '-')
  return SIGNED_SCORE_TEXT.test(t) ? Number(t) : null
}
