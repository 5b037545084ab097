// Representative answers for every read the weapp pages make, typed by src/core/api-types so they have the shapes
// the server answers; `answerFor` also checks each request body against the action's schema and each answer
// against its declared result shape (src/core/contracts.ts), so a fixture cannot drift from the contract.
// One person holds every role (member of 幸福里小区, its secretary, a unit secretary and the admins), so every page
// shows its content rather than a "not for you" notice.
import type {
  ActivityView,
  AppealView,
  AttendanceView,
  CodeData,
  DashboardData,
  FeedbackList,
  MeData,
  MemberView,
  MoveView,
  NoticeView,
  OrgView,
  PublicityView,
  RfApplicationView,
  RfCampaignView,
  RulesetGetResult,
  RuleSetView,
  RuleTemplateView,
  ScoreMine,
  ScoreRow,
  SettingsView,
  StaticCodeData,
  SurveyForm,
  SurveyPoster,
  SurveyResults,
  SurveyView,
  UnitScoreRow,
} from '../../src/core/api-types'
import { ACTIONS, type ActionName, type ResultOf } from '../../src/core/contracts'
import { shapeProblems } from '../../src/core/shape'
import type { CloudCall } from './taro-simulate'

const HOUR = 3600_000
/** ISO 8601 with +08:00 for a moment, as the server writes times. */
export function iso(t: number): string {
  const s = new Date(t + 8 * HOUR).toISOString()
  return `${s.slice(0, 19)}+08:00`
}
const NOW = Date.now()
export const YEAR = Number(iso(NOW).slice(0, 4))

export const ESTATE = { id: 'E1', name: '幸福里小区党支部' }
export const UNIT = { id: 'UB1', name: '县税务局机关党支部' }
const COUNTY = { id: 'C0', name: '示范县' }
const STREET = { id: 'S1', name: '城关街道' }
const COMMUNITY = { id: 'CM1', name: '幸福社区' }

export const me: MeData = {
  openid: 'o-all-roles',
  member: {
    id: 'M1',
    name: '张建国',
    phone: '13800000001',
    unitBranchId: UNIT.id,
    estateBranchId: ESTATE.id,
    status: 'active',
    unitBranchName: UNIT.name,
    estateBranchName: ESTATE.name,
  },
  roles: [
    { role: 'member', scopeId: ESTATE.id },
    { role: 'estate_secretary', scopeId: ESTATE.id, scopeName: ESTATE.name },
    { role: 'unit_secretary', scopeId: UNIT.id, scopeName: UNIT.name },
    { role: 'community_admin', scopeId: COMMUNITY.id, scopeName: COMMUNITY.name },
    { role: 'street_admin', scopeId: STREET.id, scopeName: STREET.name },
    { role: 'county_admin', scopeId: COUNTY.id, scopeName: COUNTY.name },
    { role: 'panel_reviewer', scopeId: COUNTY.id, scopeName: COUNTY.name },
  ],
}

const orgs: OrgView[] = [
  { id: COUNTY.id, kind: 'county', name: COUNTY.name },
  { id: STREET.id, kind: 'street', name: STREET.name, parentId: COUNTY.id },
  { id: COMMUNITY.id, kind: 'community', name: COMMUNITY.name, parentId: STREET.id },
  { id: ESTATE.id, kind: 'estate', name: ESTATE.name, parentId: COMMUNITY.id },
  { id: 'E2', kind: 'estate', name: '兰亭小区党支部', parentId: COMMUNITY.id },
  { id: 'U1', kind: 'unit', name: '县税务局' },
  { id: UNIT.id, kind: 'unitBranch', name: UNIT.name, parentId: 'U1' },
  { id: 'UB2', kind: 'unitBranch', name: '县卫健委机关党支部' },
]

/** Ongoing (check-in open), upcoming (signed up) and past (attended, approved). */
const activity = (id: string, title: string, startAt: number, hours: number, extra: Partial<ActivityView> = {}): ActivityView => ({
  id,
  estateBranchId: ESTATE.id,
  estateBranchName: ESTATE.name,
  title,
  description: '清理楼道堆放物，请自带手套。',
  startAt: iso(startAt),
  endAt: iso(startAt + hours * HOUR),
  checkinOpensAt: iso(startAt - HOUR / 2),
  itemCode: 'V01',
  itemName: '志愿服务',
  points: 2,
  perHour: false,
  capacity: 20,
  requireCheckout: false,
  location: { lat: 30.27, lng: 120.15, radiusM: 300, address: '3 号楼架空层' },
  status: 'published',
  checkedIn: 5,
  signedUp: 12,
  mySignup: false,
  ...extra,
})
export const ONGOING = activity('A1', '楼道清洁志愿服务', NOW - HOUR / 6, 2, { status: 'in_progress' })
const UPCOMING = activity('A2', '垃圾分类宣传', NOW + 26 * HOUR, 2, { mySignup: true, checkedIn: 0 })
const PAST = activity('A3', '敬老院慰问', NOW - 30 * 24 * HOUR, 3, {
  status: 'ended',
  mine: { attendanceId: 'AT3', status: 'approved', checkinAt: iso(NOW - 30 * 24 * HOUR + 60_000) },
})
const activities = [ONGOING, UPCOMING, PAST]

const attendances: AttendanceView[] = [
  {
    id: 'AT1',
    kind: 'activity',
    activityId: ONGOING.id,
    activityTitle: ONGOING.title,
    memberId: 'M2',
    memberName: '李秀英',
    phone: '13800000002',
    checkinAt: iso(NOW - 5 * 60_000),
    status: 'pending',
    flags: ['outside_radius'],
    points: 2,
    distanceM: 850,
  },
  {
    id: 'AT2',
    kind: 'claim',
    activityId: 'AT2',
    activityTitle: '义务献血',
    memberId: 'M3',
    memberName: '王伟',
    phone: '13800000003',
    checkinAt: iso(NOW - 3 * 24 * HOUR),
    status: 'pending',
    flags: ['claim'],
    points: 3,
    claim: {
      itemCode: 'V03',
      itemName: '义务献血',
      occurredOn: iso(NOW - 3 * 24 * HOUR).slice(0, 10),
      description: '县中心血站献血 300 毫升',
      photos: [],
    },
  },
  {
    id: 'AT3',
    kind: 'activity',
    activityId: PAST.id,
    activityTitle: PAST.title,
    memberId: 'M1',
    memberName: '张建国',
    phone: '13800000001',
    checkinAt: iso(NOW - 30 * 24 * HOUR + 60_000),
    status: 'approved',
    flags: [],
    points: 2,
  },
]

const members: MemberView[] = [
  {
    id: 'M1',
    name: '张建国',
    phone: '13800000001',
    unitBranchId: UNIT.id,
    estateBranchId: ESTATE.id,
    status: 'active',
    registeredAt: iso(NOW - 90 * 24 * HOUR),
  },
  {
    id: 'M2',
    name: '李秀英',
    phone: '13800000002',
    unitBranchId: 'UB2',
    estateBranchId: ESTATE.id,
    status: 'active',
    registeredAt: iso(NOW - 80 * 24 * HOUR),
  },
  {
    id: 'M4',
    name: '刘洋',
    phone: '13800000004',
    unitBranchId: UNIT.id,
    estateBranchId: ESTATE.id,
    status: 'pending',
    registeredAt: iso(NOW - 2 * HOUR),
  },
]

const items = [
  { code: 'V01', name: '志愿服务', category: '志愿服务', points: 2 },
  { code: 'V02', name: '文明劝导', category: '志愿服务', points: 1.5, perHour: true, capPerYear: 20 },
  { code: 'V03', name: '义务献血', category: '公益', points: 3, requiresApproval: true, evidenceRequired: true },
  { code: 'D01', name: '违反小区公约', category: '扣分', points: -2 },
]
const ruleset: RuleSetView = {
  id: 'RS1',
  estateBranchId: ESTATE.id,
  year: YEAR,
  version: 2,
  status: 'adopted',
  baseScore: 60,
  fullScore: 100,
  items,
  categoryCaps: { 志愿服务: 30 },
  minPresenceRatio: 0.6,
  adoptedOn: `${YEAR}-01-15`,
  attendees: 23,
  note: '党员大会表决通过',
}
const rulesetGet: RulesetGetResult = { current: ruleset, versions: [ruleset, { ...ruleset, id: 'RS0', version: 1, adoptedOn: `${YEAR}-01-05` }] }

const template: RuleTemplateView = {
  year: YEAR,
  source: 'county',
  templateYear: YEAR,
  savedAt: iso(NOW - 40 * 24 * HOUR),
  savedBy: '县委组织部',
  baseScore: 60,
  fullScore: 100,
  minPresenceRatio: 0.6,
  items,
  categoryCaps: { 志愿服务: 30 },
}

// 0.5 × 90 + 0.5 × 87.25 = 88.625 → 88.63 (half-up), band 合格.
const scoreMine = (year: number): ScoreMine => ({
  year,
  unitScore: 90,
  estateScore: 87.25,
  weights: { unit: 0.5, estate: 0.5 },
  total: 88.63,
  complete: true,
  band: '合格',
  unitSource: {
    raw: 90,
    fullScale: 100,
    unitBranchId: UNIT.id,
    unitBranchName: UNIT.name,
    enteredBy: 'o-unitsec',
    enteredByName: '李书记',
    enteredAt: `${year}-12-20T10:00:00+08:00`,
  },
  estateSource: { estateBranchId: ESTATE.id, estateBranchName: ESTATE.name, rulesetId: 'RS1', rulesetVersion: 2, baseScore: 60, fullScore: 100 },
  entries: [
    {
      id: 'le-1',
      kind: 'activity',
      itemCode: 'V01',
      itemName: '志愿服务',
      category: '志愿服务',
      points: 2,
      status: 'approved',
      at: `${year}-05-18T09:30:00+08:00`,
      title: '敬老院慰问',
      rulesetVersion: 2,
    },
    {
      id: 'le-2',
      kind: 'deduction',
      itemCode: 'D01',
      itemName: '违反小区公约',
      category: '扣分',
      points: -2,
      status: 'approved',
      at: `${year}-06-02T15:00:00+08:00`,
      title: '违反小区公约',
      reason: '楼道堆放杂物',
      evidence: '多次提醒未改',
    },
  ],
  byCategory: { 志愿服务: 27.25 },
  byMonth: { [`${year}-05`]: 2, [`${year}-06`]: -2 },
  rankInEstate: 3,
  estateMembers: 12,
})

const scoreRows: ScoreRow[] = [
  {
    memberId: 'M1',
    name: '张建国',
    unitBranchId: UNIT.id,
    estateBranchId: ESTATE.id,
    unitScore: 90,
    estateScore: 87.25,
    weights: { unit: 0.5, estate: 0.5 },
    total: 88.63,
    complete: true,
    band: '合格',
    rankInEstate: 1,
    rankInUnit: 1,
  },
  {
    memberId: 'M2',
    name: '李秀英',
    unitBranchId: 'UB2',
    estateBranchId: ESTATE.id,
    unitScore: null,
    estateScore: 71.5,
    weights: { unit: 0.5, estate: 0.5 },
    total: null,
    complete: false,
    band: null,
    rankInEstate: null,
    rankInUnit: null,
  },
]

const settings = (year: number): SettingsView => ({
  year,
  weights: { unit: 0.5, estate: 0.5 },
  bands: [
    { name: '优秀', min: 90 },
    { name: '合格', min: 70 },
    { name: '基本合格', min: 60 },
    { name: '不合格', min: 0 },
  ],
  holidays: [`${year}-10-01`, `${year}-10-02`],
  extraWorkdays: [`${year}-09-28`],
  honourList: true,
  locked: false,
})

const publicity = (year: number): PublicityView => ({
  publicityId: 'P1',
  estateBranchId: ESTATE.id,
  year,
  startOn: `${year}-12-22`,
  endOn: `${year}-12-28`,
  workingDays: 5,
  status: 'open',
})

const appeals = (year: number): AppealView[] => [
  {
    appealId: 'AP1',
    memberId: 'M2',
    estateBranchId: ESTATE.id,
    year,
    target: 'rejection',
    targetId: 'AT1',
    reason: '当天在场，定位偏差',
    status: 'open',
    createdAt: iso(NOW - 2 * HOUR),
    memberName: '李秀英',
    targetTitle: ONGOING.title,
  },
]

const move: MoveView = {
  requestId: 'MV1',
  memberId: 'M4',
  memberName: '刘洋',
  from: { estateBranchId: 'E2', estateBranchName: '兰亭小区党支部', unitBranchId: UNIT.id, unitBranchName: UNIT.name },
  to: { estateBranchId: ESTATE.id, estateBranchName: ESTATE.name, unitBranchId: UNIT.id, unitBranchName: UNIT.name },
  reason: '搬家到幸福里小区',
  status: 'pending',
  createdAt: iso(NOW - 24 * HOUR),
}

const notices: NoticeView[] = [
  { id: 'N1', title: '签到已通过', body: '您在「敬老院慰问」的签到已审核通过，积分 +2.00。', at: iso(NOW - 29 * 24 * HOUR), activityId: PAST.id },
]

const unitRows: UnitScoreRow[] = [
  { memberId: 'M1', name: '张建国', phone: '13800000001', estateBranchId: ESTATE.id, raw: 90, fullScale: 100, unitScore: 90 },
  { memberId: 'M5', name: '陈静', phone: '13800000005', raw: null, fullScale: null, unitScore: null },
]

const feedback = (year: number): FeedbackList => ({
  scopeId: UNIT.id,
  scopeName: UNIT.name,
  unitBranchId: UNIT.id,
  unitBranchName: UNIT.name,
  year,
  rows: [
    {
      memberId: 'M1',
      name: '张建国',
      registered: true,
      unitBranchId: UNIT.id,
      unitBranchName: UNIT.name,
      estateBranchId: ESTATE.id,
      estateBranchName: ESTATE.name,
      activities: 6,
      hours: 14.5,
      estateScore: 87.25,
      remark: '积极参加楼道清洁',
      remarkAt: iso(NOW - 10 * 24 * HOUR),
    },
  ],
})

const dashboard = (scopeId: string, year: number): DashboardData => ({
  scopeId,
  scopeName: orgs.find((o) => o.id === scopeId)?.name ?? COUNTY.name,
  year,
  directoryMembers: 120,
  registered: 96,
  registrationRate: 80,
  participants: 72,
  participationRate: 75,
  averageTotal: 84.5,
  distribution: { 优秀: 20, 合格: 40, 基本合格: 8, 不合格: 2 },
  incomplete: 26,
  estates: [{ estateBranchId: ESTATE.id, name: ESTATE.name, directory: 60, registered: 50, participants: 40, participationRate: 80 }],
  pendingReviews: 2,
  openAppeals: 1,
})

const staticCode: StaticCodeData = {
  scene: 'a=A1',
  qr: 'DSJ1.S.A1',
  qrImage: 'data:image/png;base64,iVBORw0KGgo=',
  validFrom: ONGOING.checkinOpensAt,
  validUntil: ONGOING.endAt,
}
const code: CodeData = {
  qr: 'DSJ1.A1.123456',
  shortCode: '482915',
  expiresAt: iso(NOW + 30_000),
  qrImage: 'data:image/png;base64,iVBORw0KGgo=',
  checkedIn: 5,
}

/** A reminder that was sent, as 我的消息 and 消息记录 show it. */
const sentReminder = {
  id: 'MSG_1',
  template: 'activity_reminder' as const,
  heading: '活动开始提醒',
  event: 'reminder:A1',
  status: 'sent' as const,
  values: { title: '楼道清洁志愿服务', time: iso(NOW + HOUR), place: '幸福里 3 号楼' },
  dueAt: iso(NOW - HOUR / 2),
  sentAt: iso(NOW - HOUR / 2),
  attempts: 1,
  to: '张三',
  scopeId: ESTATE.id,
}

// 满意度测评: an open survey of 幸福里 with 36 answers (enough), and one of 兰亭 with 12 (样本不足).
export const SURVEY: SurveyView = {
  surveyId: 'SVrepresentative0000000001',
  estateBranchId: ESTATE.id,
  estateName: ESTATE.name,
  year: YEAR,
  period: `${YEAR}年上半年`,
  title: `${ESTATE.name}${YEAR}年上半年满意度测评`,
  status: 'open',
  answers: 36,
  openedAt: iso(NOW - 5 * 24 * HOUR),
  closedAt: null,
}
const surveys: SurveyView[] = [
  SURVEY,
  {
    ...SURVEY,
    surveyId: 'SVrepresentative0000000002',
    estateBranchId: 'E2',
    estateName: '兰亭小区党支部',
    title: `兰亭小区党支部${YEAR}年上半年满意度测评`,
    answers: 12,
    status: 'closed',
    closedAt: iso(NOW - 24 * HOUR),
  },
]
const surveyResults: SurveyResults = {
  survey: SURVEY,
  answers: 36,
  enough: true,
  objects: [
    { object: 'branch', label: '小区党支部', satisfied: 24, basic: 9, dissatisfied: 3, rate: 91.67, shown: '91.67%' },
    { object: 'committee', label: '业主委员会', satisfied: 12, basic: 12, dissatisfied: 12, rate: 66.67, shown: '66.67%' },
    { object: 'property', label: '物业服务企业', satisfied: 10, basic: 10, dissatisfied: 16, rate: 55.56, shown: '55.56%' },
  ],
  overall: 71.3,
  overallShown: '71.30%',
  comments: [{ comment: '地下车库照明不足，希望物业尽快维修', at: iso(NOW - 2 * HOUR) }],
}
const surveyForm: SurveyForm = {
  surveyId: SURVEY.surveyId,
  title: SURVEY.title,
  estateName: ESTATE.name,
  period: SURVEY.period,
  status: 'open',
  objects: [
    { object: 'branch', label: '小区党支部' },
    { object: 'committee', label: '业主委员会' },
    { object: 'property', label: '物业服务企业' },
  ],
  choices: [
    { choice: 'satisfied', label: '满意' },
    { choice: 'basic', label: '基本满意' },
    { choice: 'dissatisfied', label: '不满意' },
  ],
  mine: null,
}
const surveyPoster: SurveyPoster = {
  surveyId: SURVEY.surveyId,
  title: SURVEY.title,
  estateName: ESTATE.name,
  period: SURVEY.period,
  scene: SURVEY.surveyId,
  qr: `/packages/survey/answer/index?scene=${SURVEY.surveyId}`,
  qrImage: 'data:image/png;base64,iVBORw0KGgo=',
}

/** 述职: the estate's report (submitted, second version) and the community's table of its estates. */
const dutyReport = (orgId: string, year: number): ResultOf<'report.get'> => ({
  orgId,
  orgName: orgId === 'E2' ? '兰亭小区党支部' : ESTATE.name,
  orgKind: 'estate',
  parentId: COMMUNITY.id,
  parentName: COMMUNITY.name,
  year,
  status: 'submitted',
  version: 2,
  text: '全年组织志愿服务 12 次，在职党员报到 40 人，解决楼道照明等问题 8 件。',
  attachments: [{ id: 'Fabcdefghijklmn', url: 'https://example.invalid/photo.png' }],
  submittedAt: iso(NOW - 2 * 24 * HOUR),
  read: null,
  versions: [
    { version: 1, text: '全年组织志愿服务 12 次。', attachments: 1, at: iso(NOW - 5 * 24 * HOUR) },
    { version: 2, text: '全年组织志愿服务 12 次，在职党员报到 40 人，解决楼道照明等问题 8 件。', attachments: 1, at: iso(NOW - 2 * 24 * HOUR) },
  ],
  canSubmit: orgId === ESTATE.id,
  canRead: orgId !== ESTATE.id,
})
const dutyList = (orgId: string, year: number): ResultOf<'report.list'> => ({
  orgId,
  orgName: COMMUNITY.name,
  year,
  counts: { total: 2, none: 1, submitted: 0, read: 1 },
  rows: [
    {
      orgId: ESTATE.id,
      orgName: ESTATE.name,
      status: 'read',
      version: 2,
      submittedAt: iso(NOW - 2 * 24 * HOUR),
      grade: 'fairlyGood',
      comment: '工作扎实',
      remindedAt: null,
    },
    {
      orgId: 'E2',
      orgName: '兰亭小区党支部',
      status: 'none',
      version: 0,
      submittedAt: null,
      grade: null,
      comment: null,
      remindedAt: iso(NOW - 24 * HOUR),
    },
  ],
})

type Body = Record<string, unknown>
const yearOf = (b: Body) => (typeof b.year === 'number' ? b.year : YEAR)

/** What each read answers (the `data` of an ok envelope), typed by the contract's result. */
// 红旗小区 评选: a campaign; E1's application waits for its community, E2's is recommended and scored twice, one objecting.
const rfCampaign = (year: number): RfCampaignView => ({
  year,
  quota: 20,
  sharePct: 20,
  deadline: `${year}-12-30`,
  open: true,
  criteria: [
    { code: 'C1', name: '党建引领有力', weight: 60 },
    { code: 'C2', name: '物业服务优质', weight: 40 },
  ],
  subsidyYuan: 5000,
  editable: false,
  streets: [{ streetId: STREET.id, name: STREET.name, estates: 8, quota: 2 }],
})
const rfSnapshot = {
  directory: 10,
  registered: 9,
  registrationRate: 90,
  participants: 6,
  participationRate: 66.67,
  activities: 12,
  volunteerHours: 86.5,
  averageEstateScore: 84.25,
  satisfactionRate: null,
  satisfactionSample: null,
  computedAt: iso(NOW - 3 * 24 * HOUR),
}
const rfApplications = (year: number): RfApplicationView[] => [
  {
    applicationId: `RFA_${year}_E2`,
    year,
    estateBranchId: 'E2',
    estateName: '兰亭小区党支部',
    communityId: COMMUNITY.id,
    streetId: STREET.id,
    status: 'recommended',
    assessment: { C1: '党员亮身份', C2: '物业纳入联建' },
    photos: [],
    version: 1,
    snapshot: rfSnapshot,
    streetRank: 1,
    streetNote: '实地查看楼道与议事记录',
    reviews: [
      { reviewer: me.openid, department: '纪委监委', total: 80.05, scores: { C1: 55.05, C2: 25 }, at: iso(NOW - HOUR) },
      { department: '住建局', total: 80.1, scores: { C1: 55.1, C2: 25 }, objection: '物业收费公示不及时', at: iso(NOW - HOUR) },
    ],
    average: 80.08,
    panelRank: 1,
    objections: 1,
    updatedAt: iso(NOW - HOUR),
  },
  {
    applicationId: `RFA_${year}_E1`,
    year,
    estateBranchId: ESTATE.id,
    estateName: ESTATE.name,
    communityId: COMMUNITY.id,
    streetId: STREET.id,
    status: 'submitted',
    assessment: { C1: '每月主题党日', C2: '物业服务企业纳入党建联建' },
    photos: [],
    version: 2,
    snapshot: rfSnapshot,
    updatedAt: iso(NOW - 2 * HOUR),
  },
]

export const READS: { [A in ActionName]?: (body: Body) => ResultOf<A> } = {
  'me.get': () => me,
  'redflag.campaignGet': (b) => rfCampaign(yearOf(b)),
  'redflag.honours': () => [{ year: YEAR - 1, estateBranchId: ESTATE.id, name: ESTATE.name }],
  'redflag.publicity': (b) => ({
    year: yearOf(b),
    meetingOn: `${yearOf(b)}-12-28`,
    startOn: iso(NOW).slice(0, 10),
    endOn: iso(NOW + 7 * 24 * HOUR).slice(0, 10),
    workingDays: 5,
    status: 'open',
    final: false,
    estates: [
      { estateBranchId: 'E2', name: '兰亭小区党支部', removed: false },
      { estateBranchId: ESTATE.id, name: ESTATE.name, removed: true },
    ],
    reports: 2,
    unanswered: 1,
  }),
  'redflag.reports': (b) => [
    {
      reportId: 'RFR1',
      year: yearOf(b),
      estateBranchId: ESTATE.id,
      estateName: ESTATE.name,
      text: '物业收费未按规定公示',
      photos: [],
      reporter: 'o-resident-1',
      createdAt: iso(NOW - HOUR),
      status: 'upheld',
      answer: '经核实属实，取消资格',
      answeredAt: iso(NOW - 30 * 60_000),
    },
    {
      reportId: 'RFR2',
      year: yearOf(b),
      estateBranchId: 'E2',
      estateName: '兰亭小区党支部',
      text: '楼道堆物',
      photos: [],
      reporter: 'o-resident-2',
      createdAt: iso(NOW - HOUR),
      status: 'open',
    },
  ],
  'redflag.results': (b) => ({
    year: yearOf(b),
    final: true,
    subsidyYuan: 5000,
    estates: [
      {
        estateBranchId: 'E2',
        name: '兰亭小区党支部',
        streetName: STREET.name,
        subsidyYuan: 5000,
        paidOn: `${yearOf(b) + 1}-01-20`,
        paidBy: '县财政局',
      },
    ],
  }),
  'redflag.list': (b) => ({ year: yearOf(b), scopeId: String(b.scopeId), applications: rfApplications(yearOf(b)) }),
  'redflag.get': (b) => {
    const a = rfApplications(yearOf(b)).find((x) => x.estateBranchId === b.estateBranchId) ?? rfApplications(yearOf(b))[1]
    return {
      application: a,
      photoUrls: {},
      versions: [
        {
          version: 1,
          assessment: a.assessment,
          photos: [],
          snapshot: rfSnapshot,
          submittedAt: iso(NOW - 5 * 24 * HOUR),
          returnedReason: '请补充物业服务做法',
        },
        { version: 2, assessment: a.assessment, photos: [], snapshot: rfSnapshot, submittedAt: iso(NOW - 2 * HOUR) },
      ],
    }
  },
  'org.list': (b) => (b.kind ? orgs.filter((o) => o.kind === b.kind) : orgs),
  'activity.list': () => activities,
  'activity.get': (b) => activities.find((a) => a.id === b.activityId) ?? ONGOING,
  'activity.code': () => code,
  'activity.staticCode': () => staticCode,
  'attendance.mine': () => attendances.filter((a) => a.memberId === me.member?.id),
  'attendance.list': () => attendances.filter((a) => a.status === 'pending'),
  'notice.mine': () => notices,
  'member.list': () => members,
  'member.myMove': () => null,
  'member.moveList': () => [move],
  'ruleset.get': () => rulesetGet,
  'ruleset.template': (b) => ({ ...template, year: yearOf(b) }),
  'score.mine': (b) => scoreMine(yearOf(b)),
  'score.list': () => ({ rows: scoreRows }),
  'settings.get': (b) => settings(yearOf(b)),
  'publicity.get': (b) => publicity(yearOf(b)),
  'appeal.mine': () => [],
  'appeal.list': (b) => appeals(yearOf(b)),
  'feedback.remarks': (b) => ({
    estateBranchId: ESTATE.id,
    year: yearOf(b),
    rows: [{ memberId: 'M1', remark: '积极参加楼道清洁', at: iso(NOW - 10 * 24 * HOUR) }],
  }),
  'feedback.list': (b) => feedback(yearOf(b)),
  'dashboard.get': (b) => dashboard(String(b.scopeId), yearOf(b)),
  'unitScore.list': () => unitRows,
  'notify.config': () => ({
    channel: 'wechat',
    templates: [{ key: 'activity_reminder', id: 'TPL_REMINDER', title: '活动开始提醒', label: '活动开始前提醒我' }],
  }),
  'notify.mine': () => ({ messages: [sentReminder], subscriptions: [{ template: 'activity_reminder', credits: 1, rejectedForever: false }] }),
  'notify.list': () => ({ messages: [sentReminder], counts: { sent: 1 } }),
  'survey.list': () => ({ surveys }),
  'survey.results': () => surveyResults,
  'survey.form': () => surveyForm,
  'survey.poster': () => surveyPoster,
  'report.get': (b) => dutyReport(String(b.orgId), yearOf(b)),
  'report.list': (b) => dutyList(String(b.orgId), yearOf(b)),
}

/** Calls the pages made that the contract or the fixtures do not allow (each fails the test that made it). */
export interface Misfit {
  call: string
  problem: string
}

/**
 * Answers one cloud call as the server would: the action must exist, be hosted by the function called, have a body
 * its schema accepts and a fixture; the fixture must match the declared result shape. Anything else is a misfit
 * (recorded, and answered with an error envelope as the server would).
 */
export function answerFor(call: CloudCall, misfits: Misfit[]): unknown {
  const { action, ...body } = call.data
  const label = `${call.name}:${String(action)}`
  const refuse = (problem: string, code = 'VALIDATION') => {
    misfits.push({ call: label, problem })
    return { ok: false, error: { code, message: problem } }
  }
  if (typeof action !== 'string' || !(action in ACTIONS)) return refuse('no such action in src/core/contracts.ts', 'NOT_FOUND')
  const def = ACTIONS[action as ActionName]
  if (def.fn !== call.name) return refuse(`hosted by the ${def.fn} cloud function, called on ${call.name}`)
  try {
    def.body.parse(body, '')
  } catch (e) {
    return refuse(`body refused by its schema: ${(e as Error).message}`)
  }
  const read = READS[action as ActionName] as ((b: Body) => unknown) | undefined
  if (!read) return refuse('no representative answer for this action in test/weapp/representative.ts', 'NOT_FOUND')
  const data = read(body)
  const problems = shapeProblems(def.result, data)
  if (problems.length) return refuse(`fixture does not match the contract's result: ${problems.join('; ')}`, 'INTERNAL')
  return { ok: true, data }
}
