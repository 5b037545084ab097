// 公示 lasts at least 5 working days (docs/DESIGN.md#publicity-appeals-and-locking): weekends and the county's configured holidays do not count,
// and weekend days the State Council declares working days (调休) do.
import { isRealDate } from './schema'

export interface Calendar {
  holidays?: readonly string[]
  /** Weekend dates that are working days (调休上班). */
  extraWorkdays?: readonly string[]
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function parse(date: string): number {
  const m = DATE.exec(date)
  if (!m || !isRealDate(+m[1], +m[2], +m[3])) throw new RangeError(`not a date: ${date}`)
  return Date.UTC(+m[1], +m[2] - 1, +m[3])
}

function format(t: number): string {
  return new Date(t).toISOString().slice(0, 10)
}

const DAY = 86_400_000

export function isWorkingDay(date: string, cal: Calendar = {}): boolean {
  if (cal.extraWorkdays?.includes(date)) return true
  if (cal.holidays?.includes(date)) return false
  const dow = new Date(parse(date)).getUTCDay()
  return dow !== 0 && dow !== 6
}

/** The date on which `n` working days, counted from `start` inclusive, are complete. */
export function endAfterWorkingDays(start: string, n: number, cal: Calendar = {}): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer')
  let t = parse(start)
  let counted = 0
  for (let guard = 0; guard < 400; guard++, t += DAY) {
    if (isWorkingDay(format(t), cal)) counted++
    if (counted === n) return format(t)
  }
  throw new RangeError('no working days in the next 400 days')
}

/** Working days from `start` to `end`, both inclusive. */
export function workingDaysBetween(start: string, end: string, cal: Calendar = {}): number {
  let n = 0
  for (let t = parse(start); t <= parse(end); t += DAY) if (isWorkingDay(format(t), cal)) n++
  return n
}

/** YYYY-MM-DD of an instant in Asia/Shanghai. */
export function shanghaiDate(t: number): string {
  return format(t + 8 * 3600_000).slice(0, 10)
}
