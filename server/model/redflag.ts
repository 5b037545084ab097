// 红旗小区 评选 (docs/DESIGN.md#red-flag-estates): one campaign a year, one application per estate and year (its
// submitted versions kept inside it), one score sheet per reviewer and application. Nothing is ever removed.
import type { RfCriterion } from '../../src/core/redflag'

export interface RfCampaignDoc {
  /** `RFC_<year>`: one campaign a year. */
  _id: string
  year: number
  quota: number
  sharePct: number
  /** The last day (Asia/Shanghai) streets may recommend; the county may move it later. */
  deadline: string
  criteria: RfCriterion[]
  /** Subsidy per named estate, in 元. */
  subsidyYuan: number
  /** Set when the first application is submitted: from then on the campaign's terms are fixed. */
  firstSubmittedAt?: number
  /** 县委常委会审定: the meeting and the approved estates (≤ quota); fixed once 公示 opens. */
  decision?: { meetingOn: string; note: string; approved: string[]; by: string; at: number }
  /** 公示 of the approved list, county-wide, ≥ 5 working days. */
  publicity?: { startOn: string; endOn: string; workingDays: number; by: string; at: number }
  /** Estates that lost their place to a 属实 report (the place is not refilled). */
  removed?: string[]
  /** Subsidy lines recorded as paid, per estate. */
  subsidies?: Record<string, { paidOn: string; paidBy: string; recordedBy: string; at: number }>
  createdBy: string
  createdAt: number
  updatedAt: number
}

/** The figures the app computed at submission, frozen with the version. Rates in hundredths of a percent. */
export interface RfSnapshot {
  directory: number
  registered: number
  registrationRate: number | null
  participants: number
  participationRate: number | null
  activities: number
  /** Volunteer hours of approved attendances and claims this year, in hundredths of an hour. */
  volunteerHours: number
  /** The average estate score (hundredths) of registered members, null when nobody is scored. */
  averageEstateScore: number | null
  /** 满意率 (hundredths of a percent) and its sample size from the 满意度测评, null until surveys are wired. */
  satisfactionRate: number | null
  satisfactionSample: number | null
  computedAt: number
}

export type RfApplicationStatus = 'draft' | 'submitted' | 'returned' | 'endorsed' | 'recommended'

export interface RfVersion {
  version: number
  assessment: Record<string, string>
  photos: string[]
  snapshot: RfSnapshot
  submittedBy: string
  submittedAt: number
  /** The community's 退回 of this version, if it was returned. */
  returnedReason?: string
  returnedBy?: string
  returnedAt?: number
}

export interface RfApplicationDoc {
  /** `RFA_<year>_<estateBranchId>`. */
  _id: string
  year: number
  estateBranchId: string
  communityId: string
  streetId: string
  status: RfApplicationStatus
  /** The draft being edited (after a return: a copy of the returned version). */
  assessment: Record<string, string>
  photos: string[]
  versions: RfVersion[]
  endorsedBy?: string
  endorsedAt?: number
  /** The street's recommendation: its rank (1 = first) and 实地评估 note. */
  streetRank?: number
  streetNote?: string
  recommendedBy?: string
  recommendedAt?: number
  updatedAt: number
}

/** One reviewer's sheet for one application: `RFS_<year>_<estate>_<hash of openid>`. */
export interface RfScoreDoc {
  _id: string
  year: number
  applicationId: string
  estateBranchId: string
  reviewer: string
  department: string
  /** Per criterion code, hundredths, 0 … weight. */
  scores: Record<string, number>
  total: number
  objection?: string
  at: number
}

export type RfReportStatus = 'open' | 'upheld' | 'dismissed'

/** A 问题反映 filed during 公示 against an approved estate; the reporter is shown to county admins only. */
export interface RfReportDoc {
  _id: string
  year: number
  estateBranchId: string
  text: string
  photos: string[]
  reporter: string
  createdAt: number
  status: RfReportStatus
  answer?: string
  answeredBy?: string
  answeredAt?: number
}
