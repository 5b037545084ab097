// 述职 (docs/DESIGN.md#duty-reports): each estate branch reports to its community, each community to its street,
// each street to the county, once a year; revisable until the level above marks it 已阅 with a comment and a grade.
import type { DutyGrade, DutyReportKind } from '../../src/core/api-types'

/** One org's report of one year (`DR_<year>_<orgId>`): the current version, and 已阅 once read. */
export interface DutyReportDoc {
  _id: string
  orgId: string
  orgKind: DutyReportKind
  /** The org it reports to (the level above), which lists and reads it. */
  parentId: string
  year: number
  status: 'submitted' | 'read'
  /** The current version, 1 for the first submission; each version lives on in dutyReportVersions. */
  version: number
  text: string
  attachments: string[]
  submittedBy: string
  firstSubmittedAt: number
  submittedAt: number
  read?: { by: string; at: number; grade: DutyGrade; comment: string; version: number }
}

/** Every submitted version of a report, kept (`<reportId>_v<n>`). */
export interface DutyReportVersionDoc {
  _id: string
  reportId: string
  version: number
  text: string
  attachments: string[]
  by: string
  at: number
}

/** A reminder sent to an org that has not reported (`DRR_<year>_<orgId>_<date>`): at most one per org a day. */
export interface DutyReminderDoc {
  _id: string
  orgId: string
  parentId: string
  year: number
  on: string
  by: string
  at: number
  /** The openids whose notices it went to. */
  to: string[]
}
