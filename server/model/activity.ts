// 志愿服务活动 and what members do with them: sign-ups, attendances (check-ins and claims), notices, and the
// rate limit on wrong check-in codes.
import type { AttendanceStatus } from '../../src/core/api-types'
import type { Flag } from '../../src/core/flags'
import type { RuleItem } from '../../src/core/scoring'

export interface ActivityDoc {
  _id: string
  estateBranchId: string
  title: string
  description?: string
  startAt: number
  endAt: number
  year: number
  item: RuleItem
  rulesetId: string
  rulesetVersion: number
  minPresenceRatio: number
  capacity?: number
  requireCheckout: boolean
  location?: { lat: number; lng: number; radiusM: number; address?: string }
  status: 'draft' | 'published' | 'cancelled'
  /** Active sign-ups, kept on the activity so the capacity check and the sign-up are one transaction. */
  signedUp?: number
  cancelReason?: string
  cancelledAt?: number
  createdBy: string
  createdAt: number
}

export interface SignupDoc {
  _id: string
  activityId: string
  memberId: string
  status: 'signed_up' | 'cancelled'
  at: number
}

export interface AttendanceDoc {
  _id: string
  activityId: string
  memberId: string
  estateBranchId: string
  unitBranchId: string
  year: number
  checkinAt: number
  checkoutAt?: number
  status: AttendanceStatus
  /** Reasons for review, from the one vocabulary in src/core/flags.ts. */
  flags: Flag[]
  distanceM?: number
  points?: number
  reason?: string
  reviewedBy?: string
  reviewedAt?: number
  backfilledBy?: string
  /**
   * How many times the record was re-opened for review after a revocation (补录 of a forgotten check-out); each
   * round has its own deterministic ledger id, so one approval per round still writes one entry.
   */
  round?: number
  /** A claim (自主申报) rides the same review path; its `activityId` is its own id. */
  kind?: 'claim'
  claim?: ClaimInfo
}

/** What a member claimed: the rule item and version in force on the day, and the evidence. */
export interface ClaimInfo {
  title: string
  description: string
  occurredOn: string
  minutes?: number
  photos: string[]
  item: RuleItem
  rulesetId: string
  rulesetVersion: number
}

/** A message to one member, e.g. that an activity they signed up for was cancelled. */
export interface NoticeDoc {
  _id: string
  /** To a member; or, without one, to whoever holds `openid` (a secretary or admin, e.g. a 述职 reminder). */
  memberId?: string
  openid?: string
  title: string
  body: string
  activityId?: string
  at: number
}

/** Wrong check-in codes of one member (`_id` is the member id): recent failures, and a block once past the limit. */
export interface RateLimitDoc {
  _id: string
  failures: number[]
  blockedUntil: number
}
