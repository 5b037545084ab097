// Reads of 满意度测评 (docs/DESIGN.md#satisfaction-surveys): a survey's tally per object, and an estate's 满意率 for a
// year, which the 红旗小区 申报 freezes into its snapshot.
import { fail } from '../../src/core/errors'
import { SURVEY_MIN_SAMPLE, SURVEY_OBJECTS, satisfactionBp, type ChoiceCounts, type SurveyObject } from '../../src/core/survey'
import type { SurveyAnswerDoc, SurveyDoc } from '../model/survey'
import type { Store, TxStore } from '../ports/store.port'

export async function loadSurvey(store: Store | TxStore, surveyId: string): Promise<SurveyDoc> {
  const survey = await store.get('surveys', surveyId)
  if (!survey) return fail('NOT_FOUND', `测评不存在：${surveyId}`, { id: surveyId })
  return survey
}

export type ObjectTally = ChoiceCounts & {
  /** 满意率 in hundredths of a percent (6667 = 66.67 %), half-up; null without answers. */
  rateBp: number | null
}

export interface SurveyTally {
  /** The sample size: how many people answered. */
  answers: number
  /** answers ≥ SURVEY_MIN_SAMPLE; below it the result is shown as 样本不足. */
  enough: boolean
  objects: Record<SurveyObject, ObjectTally>
  /** Over all three objects: (满意 + 基本满意) ÷ (3 × answers), hundredths of a percent, half-up. */
  overallBp: number | null
}

type Rated = Pick<SurveyAnswerDoc, SurveyObject>

export function tally(answers: readonly Rated[]): SurveyTally {
  const counts = Object.fromEntries(SURVEY_OBJECTS.map((o) => [o, { satisfied: 0, basic: 0, dissatisfied: 0 }])) as Record<SurveyObject, ChoiceCounts>
  for (const a of answers) for (const o of SURVEY_OBJECTS) counts[o][a[o]]++
  const all: ChoiceCounts = { satisfied: 0, basic: 0, dissatisfied: 0 }
  for (const o of SURVEY_OBJECTS) for (const k of ['satisfied', 'basic', 'dissatisfied'] as const) all[k] += counts[o][k]
  const objects = Object.fromEntries(SURVEY_OBJECTS.map((o) => [o, { ...counts[o], rateBp: satisfactionBp(counts[o]) }])) as Record<
    SurveyObject,
    ObjectTally
  >
  return { answers: answers.length, enough: answers.length >= SURVEY_MIN_SAMPLE, objects, overallBp: satisfactionBp(all) }
}

/** A survey's answers, only the fields a tally or a comment list needs (the store pages through them). */
export function surveyAnswers(store: Store, surveyId: string): Promise<SurveyAnswerDoc[]> {
  return store.find('surveyAnswers', { surveyId })
}

export interface EstateSatisfaction extends SurveyTally {
  estateBranchId: string
  year: number
  /** The surveys of that estate and year counted (open and closed). */
  surveys: string[]
}

/**
 * An estate's 满意率 for a year: every answer to every survey of that estate and year (open or closed), pooled —
 * per object and overall, with the sample size (`answers`) and whether it reaches SURVEY_MIN_SAMPLE. With no
 * survey that year, answers is 0 and every rate null. For the 红旗小区 申报's frozen snapshot; reads only.
 */
export async function estateSatisfaction(store: Store, estateBranchId: string, year: number): Promise<EstateSatisfaction> {
  const surveys = (await store.find('surveys', { estateBranchId })).filter((s) => s.year === year)
  const answers: SurveyAnswerDoc[] = []
  for (const s of surveys) answers.push(...(await surveyAnswers(store, s._id)))
  return { estateBranchId, year, surveys: surveys.map((s) => s._id).sort(), ...tally(answers) }
}
