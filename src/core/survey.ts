// 满意度测评 (docs/DESIGN.md#satisfaction-surveys): the three objects residents rate, the three answers, and the
// 满意率 — exact, in hundredths of a percent, half-up — with the sample size below which a result is not shown.
import { divRoundHalfUp } from './scoring'

export const SURVEY_OBJECTS = ['branch', 'committee', 'property'] as const
export type SurveyObject = (typeof SURVEY_OBJECTS)[number]
export const SURVEY_OBJECT_LABEL: Record<SurveyObject, string> = {
  branch: '小区党支部',
  committee: '业主委员会',
  property: '物业服务企业',
}

export const SURVEY_CHOICES = ['satisfied', 'basic', 'dissatisfied'] as const
export type SurveyChoice = (typeof SURVEY_CHOICES)[number]
export const SURVEY_CHOICE_LABEL: Record<SurveyChoice, string> = { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' }

/** Fewer answers than this and a survey's result is shown as 样本不足 (the counts stay readable). */
export const SURVEY_MIN_SAMPLE = 30
export const SURVEY_TOO_FEW = '样本不足'
/** Longest optional comment a resident may leave. */
export const SURVEY_COMMENT_MAX = 300

export interface ChoiceCounts {
  satisfied: number
  basic: number
  dissatisfied: number
}

/**
 * 满意率 = (满意 + 基本满意) ÷ answers in hundredths of a percent, half-up (2 of 3 → 6667, i.e. 66.67 %); null without
 * answers. Integers only, so no float ever rounds it wrong.
 */
export function satisfactionBp(c: ChoiceCounts): number | null {
  const n = c.satisfied + c.basic + c.dissatisfied
  return n === 0 ? null : divRoundHalfUp(10000 * (c.satisfied + c.basic), n)
}

/** A rate in hundredths of a percent as the text shown: 6667 → "66.67%". */
export function formatRate(bp: number | null): string {
  if (bp === null) return '—'
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`
}

/** What a result shows: the rate, or 样本不足 under the threshold. */
export function shownRate(bp: number | null, sample: number): string {
  return sample < SURVEY_MIN_SAMPLE ? SURVEY_TOO_FEW : formatRate(bp)
}

/** The resident's answer page, which the poster's 小程序码 opens with the survey id as its scene. */
export const SURVEY_ANSWER_PAGE = 'packages/survey/answer/index'
