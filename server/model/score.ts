// Points and totals: the ledger every estate score is computed from, unit scores, the stored totals of a tally,
// the resumable tally run, and the estate's 评语 for the 双报告 table.
import type { Hundredths } from '../../src/core/scoring'

export interface LedgerDoc {
  _id: string
  memberId: string
  estateBranchId: string
  unitBranchId: string
  year: number
  kind: 'activity' | 'reversal' | 'adjustment' | 'deduction' | 'claim'
  itemCode: string
  itemName: string
  category: string
  points: number
  rulesetId: string
  rulesetVersion: number
  sourceId: string
  /** On a reversal: the ledger entry it cancels. */
  reverses?: string
  reason?: string
  /** On a deduction: the secretary's written evidence and photo ids (shown to the member with signed URLs). */
  evidence?: string
  evidencePhotos?: string[]
  title: string
  at: number
  createdAt: number
  createdBy: string
}

export interface UnitScoreDoc {
  _id: string
  memberId: string
  unitBranchId: string
  year: number
  raw: Hundredths
  fullScale: Hundredths
  score: Hundredths
  enteredBy: string
  enteredAt: number
}

export interface TotalDoc {
  _id: string
  year: number
  memberId: string
  name: string
  estateBranchId: string
  unitBranchId: string
  unitScore: Hundredths | null
  estateScore: Hundredths
  total: Hundredths | null
  complete: boolean
  band: string | null
  rankInEstate: number | null
  rankInUnit: number | null
  talliedAt: number
  /**
   * The total's place in a list best first, as a string that sorts ascending (queries/scores.ts rankKeyOf): a
   * large score.list pages the stored totals by it. Absent on totals written before it existed (such a total
   * is listed again once a 核算 rewrites it).
   */
  rankKey?: string
}

/** The county tally in batches: its phase and `_id` cursor. */
export interface TallyRunDoc {
  _id: string
  year: number
  phase: 'score' | 'rank' | 'done'
  cursor: string | null
  scored: number
  ranked: number
  /** Stamped on every total this run writes, so ranking takes only this run's totals. */
  startedAt: number
  updatedAt: number
  startedBy: string
}

export interface RemarkDoc {
  _id: string
  memberId: string
  year: number
  estateBranchId: string
  remark: string
  by: string
  at: number
}
