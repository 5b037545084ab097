// Which document each collection holds: the store port is typed by this map, so a read says what it returns
// and a write is checked against the collection it goes to. The store port requires this map to cover every
// collection it lists (server/ports/store.port.ts), so a new collection cannot go untyped.
import type { ActivityDoc, AttendanceDoc, NoticeDoc, RateLimitDoc, SignupDoc } from './activity'
import type { AuditDoc } from './audit'
import type { DutyReminderDoc, DutyReportDoc, DutyReportVersionDoc } from './duty-report'
import type { ExportPartDoc } from './export-part'
import type { FileDoc } from './file'
import type { ImportChunkDoc } from './import'
import type { JobDoc } from './job'
import type { MessageDoc, SubscriptionDoc } from './notify'
import type { BindingDoc, GrantDoc, MemberDoc, MoveDoc, OrgDoc } from './org'
import type { RuleSetDoc, TemplateDoc } from './ruleset'
import type { SurveyAnswerDoc, SurveyDoc } from './survey'
import type { LedgerDoc, RemarkDoc, TallyRunDoc, TotalDoc, UnitScoreDoc } from './score'
import type { RfApplicationDoc, RfCampaignDoc, RfReportDoc, RfScoreDoc } from './redflag'
import type { AppealDoc, PublicityDoc, YearSettingsDoc } from './year'

export interface Documents {
  orgs: OrgDoc
  members: MemberDoc
  bindings: BindingDoc
  grants: GrantDoc
  rulesets: RuleSetDoc
  activities: ActivityDoc
  attendances: AttendanceDoc
  signups: SignupDoc
  notices: NoticeDoc
  ledger: LedgerDoc
  unitScores: UnitScoreDoc
  totals: TotalDoc
  tallyRuns: TallyRunDoc
  publicity: PublicityDoc
  appeals: AppealDoc
  remarks: RemarkDoc
  audit: AuditDoc
  rateLimits: RateLimitDoc
  settings: YearSettingsDoc
  files: FileDoc
  moves: MoveDoc
  templates: TemplateDoc
  jobs: JobDoc
  importChunks: ImportChunkDoc
  exportParts: ExportPartDoc
  subscriptions: SubscriptionDoc
  messages: MessageDoc
  surveys: SurveyDoc
  surveyAnswers: SurveyAnswerDoc
  // 述职 (docs/DESIGN.md#duty-reports)
  dutyReports: DutyReportDoc
  dutyReportVersions: DutyReportVersionDoc
  dutyReminders: DutyReminderDoc
  // 红旗小区 评选 (docs/DESIGN.md#red-flag-estates)
  rfCampaigns: RfCampaignDoc
  rfApplications: RfApplicationDoc
  rfScores: RfScoreDoc
  rfReports: RfReportDoc
}

export type DocOf<C extends keyof Documents> = Documents[C]
