// Shapes of action results (the `data` of an ok envelope). Scores are JSON numbers with ≤ 2 decimals;
// times are ISO 8601 strings with the +08:00 offset.
import type { OrgKind, Role } from './contracts'

export type MemberStatus = 'directory' | 'pending' | 'active' | 'rejected'

export interface MeData {
  openid: string
  member?: {
    id: string
    name: string
    phone: string
    unitBranchId: string
    estateBranchId: string
    status: MemberStatus
    unitBranchName?: string
    estateBranchName?: string
  }
  roles: { role: Role; scopeId: string; scopeName?: string }[]
}

export interface OrgView {
  id: string
  kind: OrgKind
  name: string
  parentId?: string
}

export interface RegisterResult {
  memberId: string
  status: 'active' | 'pending'
}

export interface MemberView {
  id: string
  name: string
  /** Masked (138****1234) unless the caller is the member's own secretary. */
  phone: string
  unitBranchId: string
  estateBranchId: string
  status: MemberStatus
  registeredAt?: string
}

export interface RuleItemView {
  code: string
  name: string
  category: string
  points: number
  perHour?: boolean
  capPerYear?: number
  requiresApproval?: boolean
  evidenceRequired?: boolean
}

export interface RuleSetView {
  id: string
  estateBranchId: string
  year: number
  version: number
  status: 'draft' | 'adopted'
  baseScore: number
  fullScore: number
  items: RuleItemView[]
  categoryCaps?: Record<string, number>
  minPresenceRatio: number
  adoptedOn?: string
  attendees?: number
  note?: string
}

export type ActivityStatus = 'draft' | 'published' | 'in_progress' | 'ended' | 'cancelled'

export interface ActivityView {
  id: string
  estateBranchId: string
  estateBranchName?: string
  title: string
  description?: string
  startAt: string
  endAt: string
  /** Check-in opens 30 min before start and closes at end. */
  checkinOpensAt: string
  itemCode: string
  itemName: string
  points: number
  perHour: boolean
  capacity?: number
  requireCheckout: boolean
  location?: { lat: number; lng: number; radiusM: number; address?: string }
  status: ActivityStatus
  checkedIn: number
  signedUp: number
  mySignup: boolean
  cancelReason?: string
  mine?: { attendanceId: string; status: AttendanceStatus; checkinAt: string; checkoutAt?: string; flags?: string[]; reason?: string }
}

export interface NoticeView {
  id: string
  title: string
  body: string
  at: string
  activityId?: string
}

export interface StaticCodeData {
  /** The 小程序码 scene (≤ 32 characters) that opens the check-in page. */
  scene: string
  /** The text a scan yields in the local build (and that activity.checkin accepts as `code`). */
  qr: string
  /** The printable image: wxacode.getUnlimited on WeChat, a locally rendered QR on the local backend. */
  qrImage: string
  validFrom: string
  validUntil: string
}

export interface CodeData {
  qr: string
  shortCode: string
  expiresAt: string
  /** The QR rendered as a PNG data URL, so neither client needs a QR library. */
  qrImage: string
  checkedIn: number
}

export type AttendanceStatus = 'pending' | 'approved' | 'rejected' | 'revoked'

export interface CheckinResult {
  attendanceId: string
  activityId: string
  activityTitle: string
  status: AttendanceStatus
  repeated: boolean
  flags: string[]
}

export interface ClaimView {
  itemCode: string
  itemName: string
  occurredOn: string
  minutes?: number
  description: string
  /** Short-lived URLs of the photos, in order; '' where one cannot be shown just now. */
  photos: string[]
}

export interface AttendanceView {
  id: string
  /** 'claim' for 自主申报 (its activityId is its own id and activityTitle the claimed 事项). */
  kind: 'activity' | 'claim'
  activityId: string
  activityTitle: string
  memberId: string
  memberName: string
  phone: string
  checkinAt: string
  checkoutAt?: string
  status: AttendanceStatus
  flags: string[]
  points: number
  /** Metres from the activity's check-in point, when the activity has one and the check-in sent a location. */
  distanceM?: number
  reason?: string
  claim?: ClaimView
}

export interface ReviewResult {
  approved: number
  rejected: number
  skipped: number
}

export interface UnitScoreRow {
  memberId: string
  name: string
  phone: string
  estateBranchId?: string
  raw: number | null
  fullScale: number | null
  unitScore: number | null
}

export interface EntryView {
  id: string
  kind: 'activity' | 'reversal' | 'adjustment' | 'deduction' | 'claim'
  itemCode: string
  itemName: string
  category: string
  points: number
  status: 'approved' | 'pending' | 'rejected' | 'revoked'
  at: string
  title: string
  rulesetVersion?: number
  reason?: string
  /** On a deduction: the secretary's evidence text, and photos as short-lived URLs (those that can be shown). */
  evidence?: string
  photos?: string[]
}

export interface ScoreMine {
  year: number
  unitScore: number | null
  estateScore: number
  weights: { unit: number; estate: number }
  total: number | null
  complete: boolean
  band: string | null
  unitSource: {
    raw: number
    fullScale: number
    unitBranchId: string
    unitBranchName?: string
    enteredBy: string
    /** The person who entered it (their registered name), or their role when they are not a member here. */
    enteredByName: string
    enteredAt: string
  } | null
  estateSource: {
    estateBranchId: string
    estateBranchName?: string
    rulesetId?: string
    rulesetVersion?: number
    baseScore: number
    fullScore: number
  }
  entries: EntryView[]
  byCategory: Record<string, number>
  byMonth: Record<string, number>
  rankInEstate?: number | null
  estateMembers?: number
}

export interface ScoreRow {
  memberId: string
  name: string
  unitBranchId: string
  estateBranchId: string
  unitScore: number | null
  estateScore: number
  weights: { unit: number; estate: number }
  total: number | null
  complete: boolean
  band: string | null
  rankInEstate: number | null
  rankInUnit: number | null
}

export interface TallyResult {
  members: number
  complete: number
  incomplete: number
  year: number
  scopeId: string
  talliedAt: string
}

/** `settings.get` / `settings.set`: the county's settings for a year. */
export interface SettingsView {
  year: number
  /** Fractions that sum to 1, e.g. { unit: 0.5, estate: 0.5 }. */
  weights: { unit: number; estate: number }
  /** Highest first; the lowest band starts at 0. */
  bands: { name: string; min: number }[]
  holidays: string[]
  extraWorkdays: string[]
  honourList: boolean
  locked: boolean
  finalisedAt?: string
}

export type PublicityStatus = 'scheduled' | 'open' | 'ended'

/** An estate's 公示 for a year (`publicity.get` answers null before one is opened). */
export interface PublicityView {
  publicityId: string
  estateBranchId: string
  year: number
  startOn: string
  endOn: string
  workingDays: number
  status: PublicityStatus
}

export type AppealTarget = 'entry' | 'rejection' | 'total'
export type AppealStatus = 'open' | 'accepted' | 'rejected'

export interface AppealView {
  appealId: string
  memberId: string
  estateBranchId: string
  year: number
  target: AppealTarget
  targetId?: string
  reason: string
  status: AppealStatus
  createdAt: string
  answer?: string
  resolvedAt?: string
  adjustmentId?: string
  /** In `appeal.list` (the secretary's view). */
  memberName?: string
  /** In `appeal.list`: the title of the appealed entry or check-in. */
  targetTitle?: string
}

/** `unitScore.preview`: what an import would save, what it cannot, and who would still have no unit score. */
export interface UnitScorePreview {
  matched: { line: number; memberId: string; name: string; raw: number; fullScale: number; unitScore: number; previous: number | null }[]
  problems: { line: number; name?: string; phone?: string; memberId?: string; reason: string }[]
  unscored: { memberId: string; name: string }[]
}

export interface FeedbackRow {
  memberId: string
  name: string
  registered: boolean
  unitBranchId: string
  unitBranchName: string
  estateBranchId: string
  estateBranchName: string
  activities: number
  hours: number
  estateScore: number | null
  remark: string
  remarkAt?: string
}

/** `feedback.list`: the 在职党员社区表现反馈表 of a unit branch, or of an admin's scope. */
export interface FeedbackList {
  scopeId: string
  scopeName: string
  /** Present when the scope is a unit branch. */
  unitBranchId?: string
  unitBranchName?: string
  year: number
  rows: FeedbackRow[]
}

export interface DashboardData {
  scopeId: string
  scopeName: string
  year: number
  directoryMembers: number
  registered: number
  /** Percent (95 = 95 %), null when there is nobody to count. */
  registrationRate: number | null
  participants: number
  participationRate: number | null
  averageTotal: number | null
  /** Complete totals per band name. */
  distribution: Record<string, number>
  incomplete: number
  estates: { estateBranchId: string; name: string; directory: number; registered: number; participants: number; participationRate: number | null }[]
  pendingReviews: number
  openAppeals: number
}

/** `export.xlsx`: the workbook as base64. */
export interface ExportFile {
  filename: string
  mime: string
  rows: number
  base64: string
}

export interface FinaliseResult {
  year: number
  locked: boolean
  members: number
  complete: number
  incomplete: number
}

/** A request to change estate or unit branch (搬家、调动). */
export type MoveStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn'

export interface MoveView {
  requestId: string
  memberId: string
  memberName?: string
  from: { estateBranchId: string | null; estateBranchName?: string; unitBranchId: string; unitBranchName?: string }
  to: { estateBranchId: string | null; estateBranchName?: string; unitBranchId: string; unitBranchName?: string }
  reason: string
  status: MoveStatus
  answer?: string
  createdAt: string
  decidedAt?: string
}
