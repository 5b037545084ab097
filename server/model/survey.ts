// 满意度测评 (docs/DESIGN.md#satisfaction-surveys): a survey per estate and period, and one answer per WeChat identity.
import type { SurveyChoice } from '../../src/core/survey'

export interface SurveyDoc {
  _id: string
  estateBranchId: string
  year: number
  /** The period's name as the community wrote it (e.g. 2026年上半年); one survey per estate, year and period. */
  period: string
  title: string
  status: 'open' | 'closed'
  openedBy: string
  openedAt: number
  closedBy?: string
  closedAt?: number
}

/**
 * One resident's answer. `_id` is derived from the survey and the answerer's openid, so however often (or however
 * many at once) one person submits, the store holds exactly one answer: the last one.
 */
export interface SurveyAnswerDoc {
  _id: string
  surveyId: string
  estateBranchId: string
  year: number
  /** Who answered: read by the county only (docs/DESIGN.md#satisfaction-surveys), never shown below it. */
  openid: string
  branch: SurveyChoice
  committee: SurveyChoice
  property: SurveyChoice
  comment?: string
  firstAt: number
  at: number
  /** How often the answer was changed after the first. */
  revisions: number
}
