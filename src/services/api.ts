import type { ActionName, BodyOf } from '@/core/contracts'
import type {
  ActivityView,
  MoveView,
  AppealView,
  AttendanceView,
  CheckinResult,
  CodeData,
  DashboardData,
  ExportFile,
  FeedbackList,
  FinaliseResult,
  MeData,
  MemberView,
  NoticeView,
  OrgView,
  PublicityView,
  RegisterResult,
  ReviewResult,
  RuleSetView,
  ScoreMine,
  ScoreRow,
  SettingsView,
  StaticCodeData,
  TallyResult,
  UnitScorePreview,
  UnitScoreRow,
} from '@/core/api-types'
import type { RuleTemplateView } from '@/core/template'
import { ActionError } from './errors'
import { send } from './transport'

/** A list result: the server may answer a bare array or `{ rows }` (as `score.list` does); see `rowsOf`. */
export type ListOf<T> = T[] | { rows: T[] }

/** `current` is the adopted version in force; `versions` lists all (drafts only for staff). */
export type RulesetGet =
  | { current?: RuleSetView | null; versions?: RuleSetView[]; adopted?: RuleSetView | null; draft?: RuleSetView | null }
  | RuleSetView
  | RuleSetView[]
  | null

/** 补录 lands in review; the times are the ones stored, i.e. capped to the activity. */
export interface BackfillResult {
  attendanceId: string
  status: 'pending'
  flags: string[]
  checkinAt: string
  checkoutAt?: string
}

/** What each action answers (the `data` of an ok envelope). */
export interface ActionResults {
  'me.get': MeData
  'org.list': ListOf<OrgView>
  'admin.importDirectory': Record<string, number>
  'member.register': RegisterResult
  'member.list': ListOf<MemberView>
  'member.review': Record<string, number>
  'member.requestMove': MoveView
  'member.myMove': MoveView | null
  'member.withdrawMove': MoveView
  'member.moveList': MoveView[]
  'member.resolveMove': MoveView
  'ruleset.save': { rulesetId: string; version: number }
  'ruleset.adopt': { rulesetId: string; version: number; status: 'adopted'; adoptedOn: string }
  'ruleset.get': RulesetGet
  'ruleset.template': RuleTemplateView
  'ruleset.saveTemplate': RuleTemplateView
  'activity.create': { activityId: string }
  'activity.list': ListOf<ActivityView>
  'activity.get': ActivityView
  'activity.code': CodeData
  'activity.checkin': CheckinResult
  'activity.checkout': CheckinResult
  'activity.signup': { status: 'signed_up'; repeated: boolean; signedUp: number; capacity: number | null }
  'activity.cancelSignup': { status: 'cancelled'; signedUp: number }
  'activity.publish': { status: 'published'; repeated: boolean }
  'activity.cancel': { status: 'cancelled'; notified: number; repeated: boolean }
  'activity.staticCode': StaticCodeData
  'attendance.list': ListOf<AttendanceView>
  'attendance.review': ReviewResult
  'attendance.revoke': { revoked: number; skipped: number }
  'attendance.backfill': BackfillResult
  'attendance.mine': ListOf<AttendanceView>
  'claim.submit': CheckinResult
  'notice.mine': ListOf<NoticeView>
  'unitScore.import': Record<string, number>
  'unitScore.list': ListOf<UnitScoreRow> & { fullScale?: number }
  'score.tally': TallyResult
  'score.mine': ScoreMine
  'score.list': ListOf<ScoreRow>
  'unitScore.preview': UnitScorePreview
  'settings.get': SettingsView
  'settings.set': SettingsView
  'publicity.open': PublicityView
  'publicity.get': PublicityView | null
  'appeal.create': AppealView
  'appeal.mine': AppealView[]
  'appeal.list': AppealView[]
  'appeal.resolve': AppealView
  'deduction.record': { entryId: string; points: number; year: number }
  'year.finalise': FinaliseResult
  'adjustment.record': { entryId: string; points: number }
  'feedback.list': FeedbackList
  'feedback.remark': { memberId: string; year: number; remark: string }
  'feedback.remarks': { estateBranchId: string; year: number; rows: { memberId: string; remark: string; at: string }[] }
  'dashboard.get': DashboardData
  'export.xlsx': ExportFile
}
export type ResultOf<A extends ActionName> = A extends keyof ActionResults ? ActionResults[A] : unknown

/**
 * The body as sent on the wire. `BodyOf` is the schema's *parsed* type, which differs where the server converts:
 * date-times travel as ISO 8601 strings and are parsed into epoch milliseconds.
 */
type WireDates<T, K extends string> = Omit<T, K> & { [P in keyof Pick<T, K & keyof T>]: string }
export type RequestOf<A extends ActionName> = A extends 'activity.create'
  ? WireDates<BodyOf<A>, 'startAt' | 'endAt'>
  : A extends 'attendance.backfill'
    ? WireDates<BodyOf<A>, 'checkinAt' | 'checkoutAt'>
    : A extends 'activity.checkin' | 'activity.checkout'
      ? WireDates<BodyOf<A>, 'scannedAt'>
      : BodyOf<A>

/** Calls an action on the backend of this platform; resolves with its data or rejects with an ActionError. */
export async function callAction<A extends ActionName>(action: A, body: RequestOf<A>): Promise<ResultOf<A>> {
  let envelope: Awaited<ReturnType<typeof send>>
  try {
    envelope = await send(action, body as object)
  } catch {
    throw new ActionError('NETWORK', '网络不给力，请检查网络后重试')
  }
  if (envelope.ok) return envelope.data as ResultOf<A>
  const { code, message, details } = envelope.error
  throw new ActionError(code, message || '操作失败，请稍后再试', details)
}

export function rowsOf<T>(data: ListOf<T> | null | undefined): T[] {
  if (!data) return []
  return Array.isArray(data) ? data : Array.isArray(data.rows) ? data.rows : []
}

/** The binding (adopted) rule set of a `ruleset.get` answer, whichever shape the server chose. */
export function adoptedRuleset(data: RulesetGet | undefined): RuleSetView | null {
  if (!data) return null
  if (Array.isArray(data)) {
    const adopted = data.filter((r) => r.status === 'adopted').sort((a, b) => b.version - a.version)
    return adopted[0] ?? null
  }
  if ('items' in data && 'status' in data) return data.status === 'adopted' ? data : null
  const d = data as { adopted?: RuleSetView | null; current?: RuleSetView | null; versions?: RuleSetView[] }
  return d.current ?? d.adopted ?? (d.versions ? adoptedRuleset(d.versions) : null)
}
