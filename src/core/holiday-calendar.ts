// The State Council's national 节假日 and 调休 schedule, vendored as data (docs/DESIGN.md#publicity-appeals-and-locking):
// a year's 公示 calendar starts from it until the county admin edits that year's calendar, so 公示 end dates are
// right without anyone typing dates.
//
// Source: 国务院办公厅关于 2025 年部分节假日安排的通知 (published 2024-11-12) and 国务院办公厅关于 2026 年部分节假日
// 安排的通知 (published 2025-11); cross-checked day by day against the `chinese-days` package's data (1.5.7), which
// tracks those notices but was not taken as a dependency (it ships every year since 2004 and lunar tables the app
// does not need). Add a year here when its notice is published (usually in November of the year before); until then
// that year prefills with nothing and the admin enters it by hand.

interface YearSchedule {
  /** Each holiday period, first and last day inclusive. */
  off: readonly (readonly [name: string, from: string, to: string])[]
  /** Weekend days worked instead (调休上班). */
  work: readonly (readonly [name: string, date: string])[]
}

const SCHEDULES: Readonly<Record<number, YearSchedule>> = {
  2025: {
    off: [
      ['元旦', '2025-01-01', '2025-01-01'],
      ['春节', '2025-01-28', '2025-02-04'],
      ['清明节', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'],
      ['端午节', '2025-05-31', '2025-06-02'],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ],
    work: [
      ['春节', '2025-01-26'],
      ['春节', '2025-02-08'],
      ['劳动节', '2025-04-27'],
      ['国庆节、中秋节', '2025-09-28'],
      ['国庆节、中秋节', '2025-10-11'],
    ],
  },
  2026: {
    off: [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ],
    work: [
      ['元旦', '2026-01-04'],
      ['春节', '2026-02-14'],
      ['春节', '2026-02-28'],
      ['劳动节', '2026-05-09'],
      ['国庆节', '2026-09-20'],
      ['国庆节', '2026-10-10'],
    ],
  },
}

const DAY = 86_400_000
const at = (date: string) => Date.parse(`${date}T00:00:00Z`)

/** The years the vendored schedule covers. */
export const OFFICIAL_YEARS: readonly number[] = Object.keys(SCHEDULES).map(Number)

/** The national holidays and 调休 working days of a calendar year, or undefined when not (yet) published here. */
export function officialCalendar(year: number): { holidays: string[]; extraWorkdays: string[] } | undefined {
  const s = SCHEDULES[year]
  if (!s) return undefined
  const holidays: string[] = []
  for (const [, from, to] of s.off) {
    for (let t = at(from); t <= at(to); t += DAY) holidays.push(new Date(t).toISOString().slice(0, 10))
  }
  return { holidays, extraWorkdays: s.work.map(([, d]) => d) }
}

/**
 * A year's 公示 calendar as the county sees it: what the admin saved once either list was saved, otherwise the
 * national schedule for that calendar year (`prefilled`), otherwise nothing.
 */
export function yearCalendar(
  year: number,
  saved: { holidays?: readonly string[]; extraWorkdays?: readonly string[] },
): { holidays: string[]; extraWorkdays: string[]; prefilled: boolean } {
  if (saved.holidays !== undefined || saved.extraWorkdays !== undefined) {
    return { holidays: [...(saved.holidays ?? [])], extraWorkdays: [...(saved.extraWorkdays ?? [])], prefilled: false }
  }
  const official = officialCalendar(year)
  return official ? { ...official, prefilled: true } : { holidays: [], extraWorkdays: [], prefilled: false }
}
