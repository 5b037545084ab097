// The year's settings and its end: 公示 per estate, and members' appeals during it.
import type { Band, Weights } from '../../src/core/scoring'

export interface YearSettingsDoc {
  _id: string
  year: number
  weights: Weights
  bands: Band[]
  locked: boolean
  /** 公示 calendar: holidays that do not count, weekend days that do (调休). */
  holidays?: string[]
  extraWorkdays?: string[]
  /** County setting: an estate-internal honour list may be shown (off by default). */
  honourList?: boolean
  finalisedAt?: number
  finalisedBy?: string
}

export interface PublicityDoc {
  _id: string
  estateBranchId: string
  year: number
  startOn: string
  endOn: string
  workingDays: number
  openedBy: string
  openedAt: number
}

export interface AppealDoc {
  _id: string
  memberId: string
  estateBranchId: string
  year: number
  target: 'entry' | 'rejection' | 'total'
  targetId?: string
  reason: string
  status: 'open' | 'accepted' | 'rejected'
  createdAt: number
  answer?: string
  resolvedBy?: string
  resolvedAt?: number
  adjustmentId?: string
}
