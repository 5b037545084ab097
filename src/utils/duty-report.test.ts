import { MAX_DUTY_REPORT_CHARS } from '@/core/api-types'
import { defaultReportYear, gradeLabel, reportProblem, sortForReader } from './duty-report'

describe('述职 helpers', () => {
  it('takes January and February reports for the year before, the rest for this year', () => {
    expect(defaultReportYear('2026-01-15')).toBe(2025)
    expect(defaultReportYear('2026-02-28')).toBe(2025)
    expect(defaultReportYear('2026-03-01')).toBe(2026)
    expect(defaultReportYear('2025-12-20')).toBe(2025)
  })

  it('refuses a too short or too long text and too many attachments, in Chinese', () => {
    expect(reportProblem('太短了', 0)).toContain('至少')
    expect(reportProblem('一'.repeat(MAX_DUTY_REPORT_CHARS + 1), 0)).toContain(`${MAX_DUTY_REPORT_CHARS + 1} 字`)
    expect(reportProblem('全年组织志愿服务十二次，党员报到四十人', 10)).toContain('附件')
    expect(reportProblem('全年组织志愿服务十二次，党员报到四十人', 9)).toBeNull()
  })

  it('lists the orgs to remind first, then those to read, and labels grades', () => {
    const rows = sortForReader([
      { status: 'read' as const, orgName: '甲' },
      { status: 'none' as const, orgName: '乙' },
      { status: 'submitted' as const, orgName: '丙' },
    ])
    expect(rows.map((r) => r.status)).toEqual(['none', 'submitted', 'read'])
    expect(gradeLabel('fairlyGood')).toBe('较好')
    expect(gradeLabel(null)).toBe('')
  })
})
