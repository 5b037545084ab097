// 述职 on the app side (docs/DESIGN.md#duty-reports): labels, the year a report is usually for, and the checks a
// form makes before anything is uploaded.
import {
  DUTY_GRADE_LABEL,
  DUTY_GRADES,
  type DutyGrade,
  type DutyReportList,
  MAX_DUTY_REPORT_ATTACHMENTS,
  MAX_DUTY_REPORT_CHARS,
} from '@/core/api-types'

export type DutyStatus = DutyReportList['rows'][number]['status']

export const DUTY_STATUS_LABEL: Record<DutyStatus, string> = { none: '未报', submitted: '已报（待阅）', read: '已阅' }
export const GRADE_OPTIONS = DUTY_GRADES.map((g) => ({ value: g, label: DUTY_GRADE_LABEL[g] }))
export const gradeLabel = (g: DutyGrade | null | undefined): string => (g ? DUTY_GRADE_LABEL[g] : '')

/** 述职 is written at the year's end and into January: until the end of February it is still for last year. */
export function defaultReportYear(today: string): number {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  return month <= 2 ? year - 1 : year
}

/** What is wrong with a report before it is sent, or null. */
export function reportProblem(text: string, attachments: number): string | null {
  const t = text.trim()
  if (t.length < 10) return '述职报告至少写 10 个字'
  if (t.length > MAX_DUTY_REPORT_CHARS) return `述职报告最多 ${MAX_DUTY_REPORT_CHARS} 字，现在 ${t.length} 字`
  if (attachments > MAX_DUTY_REPORT_ATTACHMENTS) return `附件最多 ${MAX_DUTY_REPORT_ATTACHMENTS} 个`
  return null
}

/** 未报 first (to remind), then 待阅 (to read), then 已阅. */
export function sortForReader<T extends { status: DutyStatus; orgName: string }>(rows: T[]): T[] {
  const rank: Record<DutyStatus, number> = { none: 0, submitted: 1, read: 2 }
  return [...rows].sort((a, b) => rank[a.status] - rank[b.status] || a.orgName.localeCompare(b.orgName, 'zh-CN'))
}
