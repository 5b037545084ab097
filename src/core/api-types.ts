// What actions answer (the `data` of an ok envelope), as shapes: each gives the type server and app share, the
// response lines of docs/API.md and the check every test runs on real answers (src/core/shape.ts). Scores are JSON
// numbers with ≤ 2 decimals; times are ISO 8601 strings with the +08:00 offset.
import { ORG_KINDS, ROLES } from './roles'
import { type Out, r } from './shape'

const MEMBER_STATUSES = ['directory', 'pending', 'active', 'rejected'] as const
export type MemberStatus = (typeof MEMBER_STATUSES)[number]

export const meData = r.named(
  'MeData',
  r.obj({
    openid: r.str(),
    member: r.opt(
      r.obj({
        id: r.str(),
        name: r.str(),
        phone: r.str(),
        unitBranchId: r.str(),
        estateBranchId: r.str(),
        status: r.enumOf(MEMBER_STATUSES),
        unitBranchName: r.opt(r.str()),
        estateBranchName: r.opt(r.str()),
      }),
    ),
    roles: r.arr(r.obj({ role: r.enumOf(ROLES), scopeId: r.str(), scopeName: r.opt(r.str()) })),
  }),
)
export type MeData = Out<typeof meData>

export const orgView = r.named('OrgView', r.obj({ id: r.str(), kind: r.enumOf(ORG_KINDS), name: r.str(), parentId: r.opt(r.str()) }))
export type OrgView = Out<typeof orgView>

export const registerResult = r.obj({ memberId: r.str(), status: r.enumOf(['active', 'pending'] as const) })
export type RegisterResult = Out<typeof registerResult>

export const memberView = r.named(
  'MemberView',
  r.obj({
    id: r.str(),
    name: r.str(),
    /** Masked (138****1234) unless the caller is the member's own secretary. */
    phone: r.str(),
    unitBranchId: r.str(),
    estateBranchId: r.str(),
    status: r.enumOf(MEMBER_STATUSES),
    registeredAt: r.opt(r.time()),
  }),
)
export type MemberView = Out<typeof memberView>

export const ruleItemView = r.named(
  'RuleItemView',
  r.obj({
    code: r.str(),
    name: r.str(),
    category: r.str(),
    points: r.score(),
    perHour: r.opt(r.bool()),
    capPerYear: r.opt(r.score()),
    requiresApproval: r.opt(r.bool()),
    evidenceRequired: r.opt(r.bool()),
  }),
)
export type RuleItemView = Out<typeof ruleItemView>

export const ruleSetView = r.named(
  'RuleSetView',
  r.obj({
    id: r.str(),
    estateBranchId: r.str(),
    year: r.int(),
    version: r.int(),
    status: r.enumOf(['draft', 'adopted'] as const),
    baseScore: r.score(),
    fullScore: r.score(),
    items: r.arr(ruleItemView),
    categoryCaps: r.opt(r.record(r.score())),
    /** 0–1. */
    minPresenceRatio: r.num(),
    adoptedOn: r.opt(r.date()),
    attendees: r.opt(r.int()),
    note: r.opt(r.str()),
  }),
)
export type RuleSetView = Out<typeof ruleSetView>

/** `ruleset.get`: `current` is the adopted version in force (null before any); `versions` all (drafts only for staff). */
export const rulesetGetResult = r.obj({ current: r.nullable(ruleSetView), versions: r.arr(ruleSetView) })
export type RulesetGetResult = Out<typeof rulesetGetResult>

/** `ruleset.template`: the county's 积分明细 template in view units, and where it comes from. */
export const ruleTemplateView = r.named(
  'RuleTemplateView',
  r.obj({
    /** The year asked for. */
    year: r.int(),
    /** `county`: saved by the county (for `year` or, failing that, the latest earlier year); `default`: built in. */
    source: r.enumOf(['county', 'default'] as const),
    /** The year the county saved it for (source `county` only). */
    templateYear: r.opt(r.int()),
    /** When and by whom it was saved (source `county` only). */
    savedAt: r.opt(r.time()),
    savedBy: r.opt(r.str()),
    baseScore: r.score(),
    fullScore: r.score(),
    /** 0–1. */
    minPresenceRatio: r.num(),
    items: r.arr(ruleItemView),
    categoryCaps: r.opt(r.record(r.score())),
  }),
)
export type RuleTemplateView = Out<typeof ruleTemplateView>

const ATTENDANCE_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]
const ACTIVITY_STATUSES = ['draft', 'published', 'in_progress', 'ended', 'cancelled'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]

export const activityView = r.named(
  'ActivityView',
  r.obj({
    id: r.str(),
    estateBranchId: r.str(),
    estateBranchName: r.opt(r.str()),
    title: r.str(),
    description: r.opt(r.str()),
    startAt: r.time(),
    endAt: r.time(),
    /** Check-in opens 30 min before start and closes at end. */
    checkinOpensAt: r.time(),
    itemCode: r.str(),
    itemName: r.str(),
    points: r.score(),
    perHour: r.bool(),
    capacity: r.opt(r.int()),
    requireCheckout: r.bool(),
    location: r.opt(r.obj({ lat: r.num(), lng: r.num(), radiusM: r.int(), address: r.opt(r.str()) })),
    status: r.enumOf(ACTIVITY_STATUSES),
    checkedIn: r.int(),
    signedUp: r.int(),
    mySignup: r.bool(),
    cancelReason: r.opt(r.str()),
    /** The caller's own attendance, if any. */
    mine: r.opt(
      r.obj({
        attendanceId: r.str(),
        status: r.enumOf(ATTENDANCE_STATUSES),
        checkinAt: r.time(),
        checkoutAt: r.opt(r.time()),
        flags: r.opt(r.arr(r.str())),
        reason: r.opt(r.str()),
      }),
    ),
  }),
)
export type ActivityView = Out<typeof activityView>

export const noticeView = r.named('NoticeView', r.obj({ id: r.str(), title: r.str(), body: r.str(), at: r.time(), activityId: r.opt(r.str()) }))
export type NoticeView = Out<typeof noticeView>

export const staticCodeData = r.obj({
  /** The 小程序码 scene (≤ 32 characters) that opens the check-in page. */
  scene: r.str(),
  /** The text a scan yields in the local build (and that activity.checkin accepts as `code`). */
  qr: r.str(),
  /** The printable image: wxacode.getUnlimited on WeChat, a locally rendered QR on the local backend (data URL). */
  qrImage: r.str(),
  validFrom: r.time(),
  validUntil: r.time(),
})
export type StaticCodeData = Out<typeof staticCodeData>

export const codeData = r.obj({
  qr: r.str(),
  shortCode: r.str(),
  /** When the shown code rotates; it is accepted for one more slot. */
  expiresAt: r.time(),
  /** The QR rendered as a PNG data URL, so neither client needs a QR library. */
  qrImage: r.str(),
  checkedIn: r.int(),
})
export type CodeData = Out<typeof codeData>

export const checkinResult = r.named(
  'CheckinResult',
  r.obj({
    attendanceId: r.str(),
    activityId: r.str(),
    activityTitle: r.str(),
    status: r.enumOf(ATTENDANCE_STATUSES),
    repeated: r.bool(),
    flags: r.arr(r.str()),
  }),
)
export type CheckinResult = Out<typeof checkinResult>

export const claimView = r.obj({
  itemCode: r.str(),
  itemName: r.str(),
  occurredOn: r.date(),
  minutes: r.opt(r.int()),
  description: r.str(),
  /** Short-lived URLs of the photos, in order; '' where one cannot be shown just now. */
  photos: r.arr(r.str()),
})
export type ClaimView = Out<typeof claimView>

export const attendanceView = r.named(
  'AttendanceView',
  r.obj({
    id: r.str(),
    /** 'claim' for 自主申报 (its activityId is its own id and activityTitle the claimed 事项). */
    kind: r.enumOf(['activity', 'claim'] as const),
    activityId: r.str(),
    activityTitle: r.str(),
    memberId: r.str(),
    memberName: r.str(),
    phone: r.str(),
    checkinAt: r.time(),
    checkoutAt: r.opt(r.time()),
    status: r.enumOf(ATTENDANCE_STATUSES),
    flags: r.arr(r.str()),
    points: r.score(),
    /** Metres from the activity's check-in point, when the activity has one and the check-in sent a location. */
    distanceM: r.opt(r.int()),
    reason: r.opt(r.str()),
    claim: r.opt(claimView),
  }),
)
export type AttendanceView = Out<typeof attendanceView>

export const reviewResult = r.obj({ approved: r.int(), rejected: r.int(), skipped: r.int() })
export type ReviewResult = Out<typeof reviewResult>

/** 补录 lands in review; the times are the ones stored, i.e. capped to the activity. */
export const backfillResult = r.obj({
  attendanceId: r.str(),
  status: r.lit('pending'),
  flags: r.arr(r.str()),
  checkinAt: r.time(),
  checkoutAt: r.opt(r.time()),
})
export type BackfillResult = Out<typeof backfillResult>

export const unitScoreRow = r.named(
  'UnitScoreRow',
  r.obj({
    memberId: r.str(),
    name: r.str(),
    phone: r.str(),
    estateBranchId: r.opt(r.str()),
    raw: r.nullable(r.score()),
    fullScale: r.nullable(r.score()),
    unitScore: r.nullable(r.score()),
  }),
)
export type UnitScoreRow = Out<typeof unitScoreRow>

const ENTRY_STATUSES = ['approved', 'pending', 'rejected', 'revoked'] as const
export const entryView = r.named(
  'EntryView',
  r.obj({
    id: r.str(),
    kind: r.enumOf(['activity', 'reversal', 'adjustment', 'deduction', 'claim'] as const),
    itemCode: r.str(),
    itemName: r.str(),
    category: r.str(),
    points: r.score(),
    status: r.enumOf(ENTRY_STATUSES),
    at: r.time(),
    title: r.str(),
    rulesetVersion: r.opt(r.int()),
    reason: r.opt(r.str()),
    /** On a deduction: the secretary's evidence text, and photos as short-lived URLs (those that can be shown). */
    evidence: r.opt(r.str()),
    photos: r.opt(r.arr(r.str())),
  }),
)
export type EntryView = Out<typeof entryView>

const weights = r.obj({ unit: r.num(), estate: r.num() })

export const scoreMine = r.obj({
  year: r.int(),
  unitScore: r.nullable(r.score()),
  estateScore: r.score(),
  /** Fractions that sum to 1. */
  weights,
  /** null while the unit score is missing (`complete: false`), never 0. */
  total: r.nullable(r.score()),
  complete: r.bool(),
  band: r.nullable(r.str()),
  unitSource: r.nullable(
    r.obj({
      raw: r.score(),
      fullScale: r.score(),
      unitBranchId: r.str(),
      unitBranchName: r.opt(r.str()),
      enteredBy: r.str(),
      /** The person who entered it (their registered name), or their role when they are not a member here. */
      enteredByName: r.str(),
      enteredAt: r.time(),
    }),
  ),
  estateSource: r.obj({
    estateBranchId: r.str(),
    estateBranchName: r.opt(r.str()),
    rulesetId: r.opt(r.str()),
    rulesetVersion: r.opt(r.int()),
    baseScore: r.score(),
    fullScore: r.score(),
  }),
  entries: r.arr(entryView),
  byCategory: r.record(r.score()),
  /** 'YYYY-MM' → points earned that month. */
  byMonth: r.record(r.score()),
  rankInEstate: r.opt(r.nullable(r.int())),
  estateMembers: r.opt(r.int()),
})
export type ScoreMine = Out<typeof scoreMine>

export const scoreRow = r.named(
  'ScoreRow',
  r.obj({
    memberId: r.str(),
    name: r.str(),
    unitBranchId: r.str(),
    estateBranchId: r.str(),
    unitScore: r.nullable(r.score()),
    estateScore: r.score(),
    weights,
    total: r.nullable(r.score()),
    complete: r.bool(),
    band: r.nullable(r.str()),
    rankInEstate: r.nullable(r.int()),
    rankInUnit: r.nullable(r.int()),
  }),
)
export type ScoreRow = Out<typeof scoreRow>

/**
 * `score.list`: a page of rows. A scope of at most 1,000 registered members is computed now and answered whole
 * (only `rows`, unless a rank needs the county: then `mode: 'storedRanks'`); a larger one pages the stored totals
 * of the last 核算 best first (`mode: 'stored'`), `next` being the cursor of the following page.
 */
export const scoreList = r.obj({
  rows: r.arr(scoreRow),
  /** The `cursor` of the next page; absent on the last (or only) page. */
  next: r.opt(r.str()),
  /**
   * Absent: every figure and rank computed now. `storedRanks`: figures computed now, ranks whose population lies
   * beyond the scope (an estate's unit ranks, a unit's estate ranks) from the last 核算 (null where none).
   * `stored`: rows, order, figures and ranks are the totals stored by the last 核算.
   */
  mode: r.opt(r.enumOf(['storedRanks', 'stored'] as const)),
  /** With `mode`: the 核算 the stored figures date from (the oldest among them), null when none was stored. */
  talliedAt: r.opt(r.nullable(r.time())),
})
export type ScoreList = Out<typeof scoreList>

export const tallyResult = r.obj({
  members: r.int(),
  complete: r.int(),
  incomplete: r.int(),
  year: r.int(),
  scopeId: r.str(),
  talliedAt: r.time(),
})
export type TallyResult = Out<typeof tallyResult>

/** `score.tallyStep`: one bounded step of a resumable tally run. */
export const tallyStepResult = r.obj({
  year: r.int(),
  phase: r.str(),
  scored: r.int(),
  ranked: r.int(),
  done: r.bool(),
  startedAt: r.time(),
})
export type TallyStepResult = Out<typeof tallyStepResult>

/** `settings.get` / `settings.set`: the county's settings for a year. */
export const settingsView = r.named(
  'SettingsView',
  r.obj({
    year: r.int(),
    /** Fractions that sum to 1, e.g. { unit: 0.5, estate: 0.5 }. */
    weights,
    /** Highest first; the lowest band starts at 0. */
    bands: r.arr(r.obj({ name: r.str(), min: r.score() })),
    /** The 公示 calendar: the county's saved lists, or the national schedule until the year's calendar is saved. */
    holidays: r.arr(r.date()),
    extraWorkdays: r.arr(r.date()),
    /** Present (true) while the lists are the national schedule, not yet saved by the county. */
    calendarPrefilled: r.opt(r.bool()),
    honourList: r.bool(),
    locked: r.bool(),
    finalisedAt: r.opt(r.time()),
  }),
)
export type SettingsView = Out<typeof settingsView>

const PUBLICITY_STATUSES = ['scheduled', 'open', 'ended'] as const
export type PublicityStatus = (typeof PUBLICITY_STATUSES)[number]

/** An estate's 公示 for a year. */
export const publicityView = r.named(
  'PublicityView',
  r.obj({
    publicityId: r.str(),
    estateBranchId: r.str(),
    year: r.int(),
    startOn: r.date(),
    endOn: r.date(),
    workingDays: r.int(),
    status: r.enumOf(PUBLICITY_STATUSES),
  }),
)
export type PublicityView = Out<typeof publicityView>

const APPEAL_TARGETS = ['entry', 'rejection', 'total'] as const
export type AppealTarget = (typeof APPEAL_TARGETS)[number]
const APPEAL_STATUSES = ['open', 'accepted', 'rejected'] as const
export type AppealStatus = (typeof APPEAL_STATUSES)[number]

export const appealView = r.named(
  'AppealView',
  r.obj({
    appealId: r.str(),
    memberId: r.str(),
    estateBranchId: r.str(),
    year: r.int(),
    target: r.enumOf(APPEAL_TARGETS),
    targetId: r.opt(r.str()),
    reason: r.str(),
    status: r.enumOf(APPEAL_STATUSES),
    createdAt: r.time(),
    answer: r.opt(r.str()),
    resolvedAt: r.opt(r.time()),
    adjustmentId: r.opt(r.str()),
    /** In `appeal.list` (the secretary's view). */
    memberName: r.opt(r.str()),
    /** In `appeal.list`: the title of the appealed entry or check-in. */
    targetTitle: r.opt(r.str()),
  }),
)
export type AppealView = Out<typeof appealView>

/** `unitScore.preview`: what an import would save, what it cannot, and who would still have no unit score. */
export const unitScorePreview = r.obj({
  matched: r.arr(
    r.obj({
      line: r.int(),
      memberId: r.str(),
      name: r.str(),
      raw: r.score(),
      fullScale: r.score(),
      unitScore: r.score(),
      previous: r.nullable(r.score()),
    }),
  ),
  problems: r.arr(r.obj({ line: r.int(), name: r.opt(r.str()), phone: r.opt(r.str()), memberId: r.opt(r.str()), reason: r.str() })),
  unscored: r.arr(r.obj({ memberId: r.str(), name: r.str() })),
})
export type UnitScorePreview = Out<typeof unitScorePreview>

export const feedbackRow = r.named(
  'FeedbackRow',
  r.obj({
    memberId: r.str(),
    name: r.str(),
    registered: r.bool(),
    unitBranchId: r.str(),
    unitBranchName: r.str(),
    estateBranchId: r.str(),
    estateBranchName: r.str(),
    activities: r.int(),
    hours: r.score(),
    estateScore: r.nullable(r.score()),
    remark: r.str(),
    remarkAt: r.opt(r.time()),
  }),
)
export type FeedbackRow = Out<typeof feedbackRow>

/** `feedback.list`: the 在职党员社区表现反馈表 of a unit branch, or of an admin's scope. */
export const feedbackList = r.obj({
  scopeId: r.str(),
  scopeName: r.str(),
  /** Present when the scope is a unit branch. */
  unitBranchId: r.opt(r.str()),
  unitBranchName: r.opt(r.str()),
  year: r.int(),
  rows: r.arr(feedbackRow),
})
export type FeedbackList = Out<typeof feedbackList>

/** Percent (95 = 95 %), null when there is nobody to count. */
const percent = () => r.nullable(r.score())

export const dashboardData = r.obj({
  scopeId: r.str(),
  scopeName: r.str(),
  year: r.int(),
  directoryMembers: r.int(),
  registered: r.int(),
  registrationRate: percent(),
  participants: r.int(),
  participationRate: percent(),
  averageTotal: r.nullable(r.score()),
  /** Complete totals per band name. */
  distribution: r.record(r.int()),
  incomplete: r.int(),
  estates: r.arr(
    r.obj({
      estateBranchId: r.str(),
      name: r.str(),
      directory: r.int(),
      registered: r.int(),
      participants: r.int(),
      participationRate: percent(),
    }),
  ),
  pendingReviews: r.int(),
  openAppeals: r.int(),
})
export type DashboardData = Out<typeof dashboardData>

/** `export.xlsx`: the workbook as base64. */
export const exportFile = r.obj({
  filename: r.str(),
  mime: r.str(),
  rows: r.int(),
  base64: r.str(),
  /** The same file in storage (docs/DESIGN.md#jobs), and a temporary link (an hour) to download it. */
  fileId: r.opt(r.str()),
  url: r.opt(r.str()),
})
export type ExportFile = Out<typeof exportFile>

export const finaliseResult = r.obj({ year: r.int(), locked: r.bool(), members: r.int(), complete: r.int(), incomplete: r.int() })
export type FinaliseResult = Out<typeof finaliseResult>

/** A request to change estate or unit branch (搬家、调动). */
const MOVE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const
export type MoveStatus = (typeof MOVE_STATUSES)[number]
const moveSide = r.obj({
  estateBranchId: r.nullable(r.str()),
  estateBranchName: r.opt(r.str()),
  unitBranchId: r.str(),
  unitBranchName: r.opt(r.str()),
})

export const moveView = r.named(
  'MoveView',
  r.obj({
    requestId: r.str(),
    memberId: r.str(),
    memberName: r.opt(r.str()),
    from: moveSide,
    to: moveSide,
    reason: r.str(),
    status: r.enumOf(MOVE_STATUSES),
    answer: r.opt(r.str()),
    createdAt: r.time(),
    decidedAt: r.opt(r.time()),
  }),
)
export type MoveView = Out<typeof moveView>

/** Kinds of resumable job (docs/DESIGN.md#jobs). */
export const JOB_KINDS = ['tally', 'finalise', 'export', 'import'] as const
export type JobKind = (typeof JOB_KINDS)[number]
export const JOB_STATUSES = ['running', 'done', 'failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** A roster row the directory import's preview found wrong: its row in the sheet and why, in words. */
export const importProblem = r.named('ImportProblem', r.obj({ line: r.int(), reason: r.str(), id: r.opt(r.str()), name: r.opt(r.str()) }))
export type ImportProblem = Out<typeof importProblem>

/** A resumable job's progress (`job.get`, `job.step` and every action that starts one). */
export const jobView = r.named(
  'JobView',
  r.obj({
    id: r.str(),
    kind: r.enumOf(JOB_KINDS),
    status: r.enumOf(JOB_STATUSES),
    /** The kind's phase, e.g. score / rank / lock. */
    phase: r.str(),
    /** Progress in words, e.g. "已核算 3,200 / 10,000 人". */
    label: r.str(),
    done: r.int(),
    total: r.nullable(r.int()),
    /** 0–100; 100 only when the job is done. */
    percent: r.int(),
    counts: r.record(r.int()),
    scopeId: r.str(),
    startedAt: r.time(),
    updatedAt: r.time(),
    finishedAt: r.nullable(r.time()),
    steps: r.int(),
    /** A finished export: its file id and a temporary link (an hour). */
    file: r.opt(r.obj({ fileId: r.str(), name: r.str(), bytes: r.int(), url: r.str() })),
    error: r.opt(r.obj({ code: r.str(), message: r.str() })),
  }),
)
export type JobView = Out<typeof jobView>

// ── 满意度测评 (issue 13 §2; docs/DESIGN.md#satisfaction-surveys) ──
const SURVEY_CHOICE_VALUES = ['satisfied', 'basic', 'dissatisfied'] as const
const SURVEY_OBJECT_VALUES = ['branch', 'committee', 'property'] as const

/** A survey as the community sees it in a list. */
export const surveyView = r.named(
  'SurveyView',
  r.obj({
    surveyId: r.str(),
    estateBranchId: r.str(),
    estateName: r.str(),
    year: r.int(),
    period: r.str(),
    title: r.str(),
    status: r.enumOf(['open', 'closed'] as const),
    /** The sample size so far. */
    answers: r.int(),
    openedAt: r.time(),
    closedAt: r.nullable(r.time()),
  }),
)
export type SurveyView = Out<typeof surveyView>

/** One object's result: counts and 满意率 (a percent with 2 decimals, exact, half-up; null without answers). */
export const surveyObjectResult = r.named(
  'SurveyObjectResult',
  r.obj({
    object: r.enumOf(SURVEY_OBJECT_VALUES),
    label: r.str(),
    satisfied: r.int(),
    basic: r.int(),
    dissatisfied: r.int(),
    rate: r.nullable(r.score()),
    /** What to show: "86.67%", or 样本不足 below 30 answers. */
    shown: r.str(),
  }),
)

export const surveyResults = r.named(
  'SurveyResults',
  r.obj({
    survey: surveyView,
    /** The sample size. */
    answers: r.int(),
    /** answers ≥ 30; below it every rate is shown as 样本不足. */
    enough: r.bool(),
    objects: r.arr(surveyObjectResult),
    overall: r.nullable(r.score()),
    overallShown: r.str(),
    /** Comments, newest first; `respondent` (the openid) only for the county. */
    comments: r.arr(r.obj({ comment: r.str(), at: r.time(), respondent: r.opt(r.str()) })),
  }),
)
export type SurveyResults = Out<typeof surveyResults>

/** What a resident sees: the survey, the questions, and their own answer if they gave one. */
export const surveyForm = r.named(
  'SurveyForm',
  r.obj({
    surveyId: r.str(),
    title: r.str(),
    estateName: r.str(),
    period: r.str(),
    status: r.enumOf(['open', 'closed'] as const),
    objects: r.arr(r.obj({ object: r.enumOf(SURVEY_OBJECT_VALUES), label: r.str() })),
    choices: r.arr(r.obj({ choice: r.enumOf(SURVEY_CHOICE_VALUES), label: r.str() })),
    mine: r.nullable(
      r.obj({
        branch: r.enumOf(SURVEY_CHOICE_VALUES),
        committee: r.enumOf(SURVEY_CHOICE_VALUES),
        property: r.enumOf(SURVEY_CHOICE_VALUES),
        comment: r.opt(r.str()),
        at: r.time(),
      }),
    ),
  }),
)
export type SurveyForm = Out<typeof surveyForm>

/** The printable poster's code: scanning it opens the survey's answer page. */
export const surveyPoster = r.named(
  'SurveyPoster',
  r.obj({
    surveyId: r.str(),
    title: r.str(),
    estateName: r.str(),
    period: r.str(),
    /** The 小程序码 scene (the survey id, ≤ 32 characters). */
    scene: r.str(),
    /** The page a scan opens (local build: the text in the QR). */
    qr: r.str(),
    /** wxacode.getUnlimited on WeChat, a locally rendered QR on the local backend (data URL). */
    qrImage: r.str(),
  }),
)
export type SurveyPoster = Out<typeof surveyPoster>

// ——— 述职 (docs/DESIGN.md#duty-reports): year-end reports up the tree ———

/** Which orgs report, and to whom: an estate branch to its community, a community to its street, a street to the county. */
export const DUTY_REPORT_KINDS = ['estate', 'community', 'street'] as const
export type DutyReportKind = (typeof DUTY_REPORT_KINDS)[number]
/** The level above's grade when it marks a report 已阅. */
export const DUTY_GRADES = ['good', 'fairlyGood', 'average', 'poor'] as const
export type DutyGrade = (typeof DUTY_GRADES)[number]
export const DUTY_GRADE_LABEL: Record<DutyGrade, string> = { good: '好', fairlyGood: '较好', average: '一般', poor: '差' }
/** At most this many characters of text and attachments (photos) per report. */
export const MAX_DUTY_REPORT_CHARS = 5000
export const MAX_DUTY_REPORT_ATTACHMENTS = 9
/** A report is revised at most this often (each version is kept): past it, the level above should read it. */
export const MAX_DUTY_REPORT_VERSIONS = 100

const dutyRead = r.obj({ grade: r.enumOf(DUTY_GRADES), comment: r.str(), at: r.time(), version: r.int() })

/** One org's report of a year, with every version it went through (`report.get`). */
export const dutyReportView = r.named(
  'DutyReportView',
  r.obj({
    orgId: r.str(),
    orgName: r.str(),
    orgKind: r.enumOf(DUTY_REPORT_KINDS),
    parentId: r.str(),
    parentName: r.str(),
    year: r.int(),
    /** none: not reported yet; submitted: revisable; read: 已阅, final. */
    status: r.enumOf(['none', 'submitted', 'read'] as const),
    version: r.int(),
    text: r.str(),
    /** The attachments' ids (to resubmit them) and short-lived links to show them. */
    attachments: r.arr(r.obj({ id: r.str(), url: r.str() })),
    submittedAt: r.nullable(r.time()),
    read: r.nullable(dutyRead),
    /** Earlier versions first; the last is the current one. */
    versions: r.arr(r.obj({ version: r.int(), text: r.str(), attachments: r.int(), at: r.time() })),
    /** May the caller still submit or revise it (the org's own secretary or admin, not yet read). */
    canSubmit: r.bool(),
    /** May the caller mark it 已阅 (the level above). */
    canRead: r.bool(),
  }),
)
export type DutyReportView = Out<typeof dutyReportView>

/** The level above's table of its child orgs and their reports of a year (`report.list`). */
export const dutyReportList = r.named(
  'DutyReportList',
  r.obj({
    orgId: r.str(),
    orgName: r.str(),
    year: r.int(),
    counts: r.obj({ total: r.int(), none: r.int(), submitted: r.int(), read: r.int() }),
    rows: r.arr(
      r.obj({
        orgId: r.str(),
        orgName: r.str(),
        status: r.enumOf(['none', 'submitted', 'read'] as const),
        version: r.int(),
        submittedAt: r.nullable(r.time()),
        grade: r.nullable(r.enumOf(DUTY_GRADES)),
        comment: r.nullable(r.str()),
        /** The last reminder sent to it this year. */
        remindedAt: r.nullable(r.time()),
      }),
    ),
  }),
)
export type DutyReportList = Out<typeof dutyReportList>

// ── 红旗小区 评选 (docs/DESIGN.md#red-flag-estates) ─────────────────────────────────────────────────────────────
export const RF_APPLICATION_STATUSES = ['draft', 'submitted', 'returned', 'endorsed', 'recommended'] as const
export type RfApplicationStatus = (typeof RF_APPLICATION_STATUSES)[number]

export const rfCampaignView = r.named(
  'RfCampaignView',
  r.obj({
    year: r.int(),
    quota: r.int(),
    sharePct: r.int(),
    deadline: r.date(),
    /** Whether streets may still recommend (today ≤ deadline). */
    open: r.bool(),
    criteria: r.arr(r.obj({ code: r.str(), name: r.str(), weight: r.int() })),
    subsidyYuan: r.int(),
    /** False once the first application was submitted: the terms are then fixed. */
    editable: r.bool(),
    streets: r.arr(r.obj({ streetId: r.str(), name: r.str(), estates: r.int(), quota: r.int() })),
  }),
)
export type RfCampaignView = Out<typeof rfCampaignView>

/** The figures frozen with a submitted version; rates in percent with 2 decimals, hours with 2 decimals. */
export const rfSnapshotView = r.obj({
  directory: r.int(),
  registered: r.int(),
  registrationRate: r.nullable(r.score()),
  participants: r.int(),
  participationRate: r.nullable(r.score()),
  activities: r.int(),
  volunteerHours: r.score(),
  averageEstateScore: r.nullable(r.score()),
  /** From the 满意度测评; null until that part is wired (or without a survey). */
  satisfactionRate: r.nullable(r.score()),
  satisfactionSample: r.nullable(r.int()),
  computedAt: r.time(),
})
export type RfSnapshotView = Out<typeof rfSnapshotView>

export const rfScoreView = r.obj({
  /** The reviewer's openid: shown to the county admin and to the reviewer for their own sheet only. */
  reviewer: r.opt(r.str()),
  department: r.str(),
  total: r.score(),
  scores: r.record(r.score()),
  objection: r.opt(r.str()),
  at: r.time(),
})

export const rfApplicationView = r.named(
  'RfApplicationView',
  r.obj({
    applicationId: r.str(),
    year: r.int(),
    estateBranchId: r.str(),
    estateName: r.str(),
    communityId: r.str(),
    streetId: r.str(),
    status: r.enumOf(RF_APPLICATION_STATUSES),
    assessment: r.record(r.str()),
    photos: r.arr(r.str()),
    version: r.int(),
    snapshot: r.nullable(rfSnapshotView),
    returnedReason: r.opt(r.str()),
    streetRank: r.opt(r.int()),
    streetNote: r.opt(r.str()),
    /** The panel: every sheet (county admin, panel reviewers), the exact average, the rank by it and the objections. */
    reviews: r.opt(r.arr(rfScoreView)),
    average: r.opt(r.nullable(r.score())),
    panelRank: r.opt(r.nullable(r.int())),
    objections: r.opt(r.int()),
    updatedAt: r.time(),
  }),
)
export type RfApplicationView = Out<typeof rfApplicationView>

export const rfVersionView = r.obj({
  version: r.int(),
  assessment: r.record(r.str()),
  photos: r.arr(r.str()),
  snapshot: rfSnapshotView,
  submittedAt: r.time(),
  returnedReason: r.opt(r.str()),
  returnedAt: r.opt(r.time()),
})

export const RF_PUBLICITY_STATUSES = ['scheduled', 'open', 'ended'] as const
export const RF_REPORT_STATUSES = ['open', 'upheld', 'dismissed'] as const

/** 公示 of a year's approved 红旗小区, readable by everyone signed in. */
export const rfPublicityView = r.named(
  'RfPublicityView',
  r.obj({
    year: r.int(),
    meetingOn: r.date(),
    startOn: r.date(),
    endOn: r.date(),
    workingDays: r.int(),
    status: r.enumOf(RF_PUBLICITY_STATUSES),
    /** 公示 ended and every report answered: the list is the year's result. */
    final: r.bool(),
    estates: r.arr(r.obj({ estateBranchId: r.str(), name: r.str(), removed: r.bool() })),
    reports: r.int(),
    unanswered: r.int(),
  }),
)
export type RfPublicityView = Out<typeof rfPublicityView>

export const rfReportView = r.named(
  'RfReportView',
  r.obj({
    reportId: r.str(),
    year: r.int(),
    estateBranchId: r.str(),
    estateName: r.str(),
    text: r.str(),
    photos: r.arr(r.str()),
    /** Who filed it: county admins only. */
    reporter: r.opt(r.str()),
    createdAt: r.time(),
    status: r.enumOf(RF_REPORT_STATUSES),
    answer: r.opt(r.str()),
    answeredAt: r.opt(r.time()),
  }),
)
export type RfReportView = Out<typeof rfReportView>

export const rfResultsView = r.named(
  'RfResultsView',
  r.obj({
    year: r.int(),
    final: r.bool(),
    subsidyYuan: r.int(),
    estates: r.arr(
      r.obj({
        estateBranchId: r.str(),
        name: r.str(),
        streetName: r.str(),
        subsidyYuan: r.int(),
        paidOn: r.opt(r.date()),
        paidBy: r.opt(r.str()),
      }),
    ),
  }),
)
export type RfResultsView = Out<typeof rfResultsView>
