// The action contract (docs/DESIGN.md#the-action-contract): every action's body schema, result shape, callers,
// errors and the cloud function that hosts it. The server validates with the schemas and must answer the result
// type, the app uses both for forms and reads, docs/API.md is generated from them, the tests check every answer
// against them, and the authorization matrix walks this one table — an action cannot exist without declaring them.
import { s, phoneSchema, type Infer, type Schema } from './schema'
import type { ErrorCode } from './errors'

import { ORG_KINDS, PANEL_DEPARTMENTS, ROLES, type Role } from './roles'
import { RF_MAX_PHOTOS, RF_MAX_REPORT_PHOTOS } from './redflag'
import { r, type Out, type Shape } from './shape'
import {
  activityView,
  appealView,
  attendanceView,
  backfillResult,
  checkinResult,
  codeData,
  dashboardData,
  exportFile,
  feedbackList,
  finaliseResult,
  meData,
  memberView,
  moveView,
  noticeView,
  orgView,
  publicityView,
  registerResult,
  reviewResult,
  ruleTemplateView,
  rulesetGetResult,
  scoreMine,
  scoreList,
  settingsView,
  staticCodeData,
  tallyResult,
  tallyStepResult,
  importProblem,
  jobView,
  rfApplicationView,
  rfCampaignView,
  rfPublicityView,
  rfReportView,
  rfResultsView,
  rfVersionView,
  unitScorePreview,
  unitScoreRow,
  surveyForm,
  surveyPoster,
  surveyResults,
  surveyView,
  DUTY_GRADES,
  MAX_DUTY_REPORT_ATTACHMENTS,
  MAX_DUTY_REPORT_CHARS,
  MAX_DUTY_REPORT_VERSIONS,
  dutyReportList,
  dutyReportView,
} from './api-types'
import { MESSAGE_STATUSES, TEMPLATE_KEYS, deliverResult, messageView, notifyConfigView, subscriptionView } from './notify'
import { SURVEY_CHOICES, SURVEY_COMMENT_MAX } from './survey'

export { ORG_KINDS, type OrgKind, ROLE_LABEL, ROLES, type Role } from './roles'

/** `anyone` = any signed-in WeChat user; `member` = a registered, active member. */
export type Caller = 'anyone' | Role
export type CloudFunctionName = 'user' | 'activity' | 'ruleset' | 'score' | 'notify'

export interface ActionDef<S extends Schema<unknown>, R extends Shape<unknown>> {
  fn: CloudFunctionName
  who: readonly Caller[]
  summary: string
  body: S
  /** What the action answers (the `data` of an ok envelope); tests check every real answer against it. */
  result: R
  /** Every error code the action itself can answer (besides the ones every action may: see docs/API.md). */
  errors: readonly ErrorCode[]
}

const def = <S extends Schema<unknown>, R extends Shape<unknown>>(d: ActionDef<S, R>) => d

/** Everyone who runs something for an org (not plain members). */
const STAFF = ['estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin'] as const

const year = s.int({ label: '年度', min: 2000, max: 2100 })
const name = (label: string) => s.str({ label, min: 1, max: 40 })
const reason = s.opt(s.str({ label: '理由', min: 1, max: 200, multiline: true }))
const idList = (label: string) => s.arr(s.id(label), { label, min: 1, max: 500 })
const location = s.obj({
  lat: s.num({ label: '纬度', min: -90, max: 90 }),
  lng: s.num({ label: '经度', min: -180, max: 180 }),
})
const codeBody = s.obj({
  code: s.opt(s.str({ label: '二维码内容', min: 1, max: 200 })),
  activityId: s.opt(s.id('活动')),
  shortCode: s.opt(s.str({ label: '签到码', min: 6, max: 6, pattern: /^\d{6}$/, patternHint: '必须是 6 位数字' })),
  location: s.opt(location),
  queued: s.opt(s.bool('离线排队')),
  /** With `queued: true` and a 6-digit code only: when the member scanned/typed it; the code is checked against that slot. */
  scannedAt: s.opt(s.datetime('扫码时间')),
})

/** How many photos a claim may carry (docs/DESIGN.md#the-ledger); a deduction's evidence photos use the same limit. */
export const MAX_CLAIM_PHOTOS = 3
/**
 * A photo reference: a local upload id (`F…`) or a WeChat cloud storage fileID under claims/<openid>/.
 * Deduction evidence (deduction.record) reuses this folder on purpose: claims/<openid>/ is simply "photos this
 * openid uploaded" — the server only accepts ids in the caller's own folder — so one prefix serves a member's
 * claim and a secretary's evidence alike, and the schema, the cloud adapter and the weapp upload stay as they are.
 */
export const fileIdSchema = s.str({
  label: '照片',
  min: 2,
  max: 300,
  pattern: /^(F[A-Za-z0-9_-]{12,32}|cloud:\/\/[A-Za-z0-9._-]+\/claims\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9._-]{1,80})$/,
  patternHint: '不是有效的照片编号',
})

/**
 * Scores per `unitScore.import` call: each row costs about 4 cloud database requests (read, write and audit record in
 * one transaction), so 100 rows are ~400 requests, ~10 s at 25 ms (the score function allows 60 s). A larger sheet is
 * saved in several calls by the app (server/cloud/import.test.ts measures it).
 */
export const UNIT_SCORE_IMPORT_ROWS = 100
/** Rows per chunk of a directory import: one chunk is one bounded apply unit (~260 database requests). */
export const IMPORT_CHUNK_ROWS = 250
/** Rows one roster file may have (a county of 10,000 members with room to spare). */
export const IMPORT_MAX_ROWS = 50_000
/** A cell of a roster row as read from the file: any text (checked row by row into problems, not refused whole). */
const cell = (label: string) => s.opt(s.str({ label, min: 0, max: 100 }))
/** One roster row: the sheet's row number and its cells; `problem` is what the app found reading the file. */
const rosterRow = s.obj({
  line: s.int({ label: '行号', min: 1, max: 1_000_000 }),
  id: cell('党员编号'),
  name: cell('姓名'),
  phone: cell('手机号'),
  unitBranchId: cell('单位党支部'),
  estateBranchId: cell('小区党支部'),
  problem: s.opt(s.str({ label: '问题', min: 1, max: 100 })),
})
export type RosterRow = Infer<typeof rosterRow>

const ruleItem = s.obj({
  code: s.id('细则编号'),
  name: name('细则名称'),
  category: name('类别'),
  points: s.hundredths({ label: '分值', min: -100, max: 100 }),
  perHour: s.opt(s.bool('按小时计分')),
  capPerYear: s.opt(s.hundredths({ label: '年度上限', min: 0, max: 100 })),
  requiresApproval: s.opt(s.bool('需要审核')),
  evidenceRequired: s.opt(s.bool('需要佐证')),
})

/** A rule set's terms as typed: an estate's draft and the county template share them. */
const ruleTerms = {
  baseScore: s.hundredths({ label: '基础分', min: 0, max: 100 }),
  fullScore: s.hundredths({ label: '满分', min: 1, max: 100 }),
  items: s.arr(ruleItem, { label: '积分细则', min: 1, max: 100 }),
  categoryCaps: s.opt(s.record(name('类别'), s.hundredths({ label: '类别上限', min: 0, max: 100 }), { label: '类别上限', max: 30 })),
  minPresenceRatio: s.opt(s.num({ label: '最低在场比例', min: 0, max: 1 })),
}

export const ACTIONS = {
  'me.get': def({
    fn: 'user',
    who: ['anyone'],
    summary: '当前用户：openid、绑定的党员信息与角色',
    body: s.obj({}),
    result: meData,
    errors: ['UNAUTHENTICATED'],
  }),
  'org.list': def({
    fn: 'user',
    who: ['anyone'],
    summary: '组织机构列表（报到时选择单位支部与小区支部）',
    body: s.obj({ kind: s.opt(s.enumOf(ORG_KINDS, '类型')) }),
    result: r.arr(orgView),
    errors: ['VALIDATION'],
  }),
  'admin.importDirectory': def({
    fn: 'user',
    who: ['county_admin'],
    summary: '导入组织、党员名册与角色授权（按 id 幂等）',
    body: s.obj({
      orgs: s.opt(
        s.arr(
          s.obj({
            id: s.id('组织编号'),
            kind: s.enumOf(['street', 'community', 'estate', 'unit', 'unitBranch'] as const, '组织类型'),
            name: name('组织名称'),
            parentId: s.opt(s.id('上级组织')),
          }),
          { label: '组织', max: 2000 },
        ),
      ),
      members: s.opt(
        s.arr(
          s.obj({
            id: s.id('党员编号'),
            name: name('姓名'),
            phone: phoneSchema(),
            unitBranchId: s.id('单位党支部'),
            estateBranchId: s.opt(s.id('小区党支部')),
          }),
          { label: '党员', max: 5000 },
        ),
      ),
      roles: s.opt(s.arr(s.obj({ openid: s.id('openid'), role: s.enumOf(ROLES, '角色'), scopeId: s.id('管辖范围') }), { label: '角色', max: 2000 })),
    }),
    result: r.obj({ orgs: r.int(), members: r.int(), roles: r.int() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'admin.importStart': def({
    fn: 'user',
    who: ['county_admin'],
    summary:
      '分块导入名册（docs/DESIGN.md#directory-import）第一步：登记文件名与总行数，返回预检作业；随后用 admin.importChunk 逐块上传，用 job.step 推进到预检完成',
    body: s.obj({ fileName: s.str({ label: '文件名', min: 1, max: 100 }), rows: s.int({ label: '总行数', min: 1, max: IMPORT_MAX_ROWS }) }),
    result: jobView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'admin.importChunk': def({
    fn: 'user',
    who: ['county_admin'],
    summary: `上传名册的一块（≤ ${IMPORT_CHUNK_ROWS} 行，按 (jobId, index) 幂等：重复上传同一块不改变任何内容），按名册导入的规则逐行预检，返回本块的问题行数；不写入名册`,
    body: s.obj({
      jobId: s.id('作业'),
      index: s.int({ label: '块序号', min: 0, max: IMPORT_MAX_ROWS - 1 }),
      rows: s.arr(rosterRow, { label: '名册行', min: 1, max: IMPORT_CHUNK_ROWS }),
    }),
    result: r.obj({ index: r.int(), rows: r.int(), problems: r.int(), repeated: r.bool() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'admin.importProblems': def({
    fn: 'user',
    who: ['county_admin'],
    summary: '预检发现的问题行，按块分页（第 N 行 + 原因），只读',
    body: s.obj({ jobId: s.id('作业'), page: s.int({ label: '页码', min: 0, max: IMPORT_MAX_ROWS }) }),
    result: r.obj({ page: r.int(), pages: r.int(), problems: r.arr(importProblem) }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'admin.importApply': def({
    fn: 'user',
    who: ['county_admin'],
    summary: '确认导入：按预检过的分块写入名册（新增、更新、未变、问题行跳过），返回导入作业；用 job.step 推进到完成。重复确认返回同一作业',
    body: s.obj({ jobId: s.id('预检作业') }),
    result: jobView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'member.register': def({
    fn: 'user',
    who: ['anyone'],
    summary:
      '双报到：登记姓名、手机号、单位支部与小区支部；与名册一致则立即生效，否则待小区书记审核。小程序中手机号来自微信验证（phoneCode），本地后端接受填写的 phone',
    body: s.obj({
      name: s.str({ label: '姓名', min: 2, max: 20 }),
      phone: s.opt(phoneSchema()),
      phoneCode: s.opt(s.str({ label: '手机号验证码', min: 1, max: 128, pattern: /^[A-Za-z0-9_-]+$/, patternHint: '格式不正确' })),
      unitBranchId: s.id('单位党支部'),
      estateBranchId: s.id('小区党支部'),
    }),
    result: registerResult,
    errors: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
  }),
  'member.list': def({
    fn: 'user',
    who: ['estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '范围内的党员（可按状态筛选，如待审核的报到）',
    body: s.obj({ scopeId: s.id('管辖范围'), status: s.opt(s.enumOf(['pending', 'active', 'rejected'] as const, '状态')) }),
    result: r.arr(memberView),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'member.review': def({
    fn: 'user',
    who: ['estate_secretary'],
    summary: '审核报到：批量通过或驳回（驳回需理由）',
    body: s.obj({ memberIds: idList('党员'), decision: s.enumOf(['approve', 'reject'] as const, '审核结果'), reason }),
    result: reviewResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'member.requestMove': def({
    fn: 'user',
    who: ['member'],
    summary: '申请变更报到（搬家换小区、工作调动换单位支部）：由迁入小区的书记审核（仅换单位时由本小区书记审核）；已得积分留在原支部',
    body: s.obj({
      estateBranchId: s.opt(s.id('新的小区党支部')),
      unitBranchId: s.opt(s.id('新的单位党支部')),
      reason: s.str({ label: '变更原因', min: 2, max: 200, multiline: true }),
    }),
    result: moveView,
    errors: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
  }),
  'member.myMove': def({
    fn: 'user',
    who: ['member'],
    summary: '我最近一次变更报到申请及其结果（没有则为 null）',
    body: s.obj({}),
    result: r.nullable(moveView),
    errors: [],
  }),
  'member.withdrawMove': def({
    fn: 'user',
    who: ['member'],
    summary: '撤回待审核的变更报到申请',
    body: s.obj({}),
    result: moveView,
    errors: ['CONFLICT'],
  }),
  'member.moveList': def({
    fn: 'user',
    who: ['estate_secretary'],
    summary: '待本小区书记处理的变更报到申请（迁入本小区，或本小区党员换单位）',
    body: s.obj({ estateBranchId: s.id('小区党支部'), status: s.opt(s.enumOf(['pending', 'approved', 'rejected', 'withdrawn'] as const, '状态')) }),
    result: r.arr(moveView),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'member.resolveMove': def({
    fn: 'user',
    who: ['estate_secretary'],
    summary: '同意或不同意变更报到（不同意需理由）；同意后党员的支部立即变更，原支部记入历史',
    body: s.obj({ requestId: s.id('变更申请'), decision: s.enumOf(['approve', 'reject'] as const, '处理结果'), reason }),
    result: moveView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'YEAR_LOCKED'],
  }),
  'ruleset.save': def({
    fn: 'ruleset',
    who: ['estate_secretary'],
    summary: '保存积分明细草稿（新版本）',
    body: s.obj({
      estateBranchId: s.id('小区党支部'),
      year,
      ...ruleTerms,
    }),
    result: r.obj({ rulesetId: r.str(), version: r.int() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'YEAR_LOCKED', 'CONFLICT'],
  }),
  'ruleset.adopt': def({
    fn: 'ruleset',
    who: ['estate_secretary'],
    summary: '经党员大会通过后采用积分明细（采用后不可修改）',
    body: s.obj({
      rulesetId: s.id('积分明细'),
      adoptedOn: s.date('党员大会日期'),
      attendees: s.opt(s.int({ label: '到会人数', min: 0, max: 100000 })),
      note: s.opt(s.str({ label: '备注', max: 500, multiline: true })),
    }),
    result: r.obj({ rulesetId: r.str(), version: r.int(), status: r.lit('adopted'), adoptedOn: r.date() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'YEAR_LOCKED'],
  }),
  'ruleset.get': def({
    fn: 'ruleset',
    who: ['member', 'estate_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '小区某年度的积分明细（现行版本与草稿）',
    body: s.obj({ estateBranchId: s.id('小区党支部'), year }),
    result: rulesetGetResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'ruleset.template': def({
    fn: 'ruleset',
    who: ['estate_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '县级积分明细模板（本年度保存的，否则往年最近保存的，否则系统默认）',
    body: s.obj({ year }),
    result: ruleTemplateView,
    errors: ['VALIDATION'],
  }),
  'ruleset.saveTemplate': def({
    fn: 'ruleset',
    who: ['county_admin'],
    summary: '保存县级积分明细模板（各小区起草时使用；不改变任何小区已采用的积分明细）',
    body: s.obj({
      year,
      ...ruleTerms,
    }),
    result: ruleTemplateView,
    errors: ['VALIDATION', 'FORBIDDEN', 'YEAR_LOCKED', 'NOT_FOUND'],
  }),
  'activity.create': def({
    fn: 'activity',
    who: ['estate_secretary'],
    summary: '创建志愿服务活动（默认立即发布，draft: true 存为草稿）',
    body: s.obj({
      estateBranchId: s.id('小区党支部'),
      title: s.str({ label: '活动名称', min: 1, max: 40 }),
      description: s.opt(s.str({ label: '活动说明', max: 1000, multiline: true })),
      startAt: s.datetime('开始时间'),
      endAt: s.datetime('结束时间'),
      itemCode: s.id('积分细则'),
      capacity: s.opt(s.int({ label: '人数上限', min: 1, max: 10000 })),
      requireCheckout: s.opt(s.bool('需要签退')),
      draft: s.opt(s.bool('草稿')),
      location: s.opt(
        s.obj({
          lat: s.num({ label: '纬度', min: -90, max: 90 }),
          lng: s.num({ label: '经度', min: -180, max: 180 }),
          radiusM: s.opt(s.int({ label: '签到半径', min: 50, max: 5000 })),
          address: s.opt(s.str({ label: '地址', max: 100 })),
        }),
      ),
    }),
    result: r.obj({ activityId: r.str(), status: r.enumOf(['draft', 'published'] as const) }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'YEAR_LOCKED', 'CONFLICT'],
  }),
  'activity.list': def({
    fn: 'activity',
    who: ['member', 'estate_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '小区的活动（党员默认看本小区）',
    body: s.obj({ estateBranchId: s.opt(s.id('小区党支部')) }),
    result: r.arr(activityView),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'activity.get': def({
    fn: 'activity',
    who: ['member', 'estate_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '活动详情（含本人签到状态与签到人数）',
    body: s.obj({ activityId: s.id('活动') }),
    result: activityView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'activity.code': def({
    fn: 'activity',
    who: ['estate_secretary'],
    summary: '当前轮换签到码：二维码与 6 位数字码，约 30 秒一换',
    body: s.obj({ activityId: s.id('活动') }),
    result: codeData,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'OUT_OF_WINDOW'],
  }),
  'activity.checkin': def({
    fn: 'activity',
    who: ['member'],
    summary:
      '签到：扫码（code）或输入 6 位码（activityId + shortCode），可附位置；离线排队补交（queued: true）的 6 位码附 scannedAt，按扫码时的时段核验',
    body: codeBody,
    result: checkinResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CODE_INVALID', 'CODE_EXPIRED', 'OUT_OF_WINDOW', 'RATE_LIMITED', 'YEAR_LOCKED'],
  }),
  'activity.checkout': def({
    fn: 'activity',
    who: ['member'],
    summary: '签退：与签到相同的方式',
    body: codeBody,
    result: checkinResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CODE_INVALID', 'CODE_EXPIRED', 'OUT_OF_WINDOW', 'RATE_LIMITED', 'CONFLICT'],
  }),
  'activity.signup': def({
    fn: 'activity',
    who: ['member'],
    summary: '报名参加活动（在人数上限内，活动开始前）',
    body: s.obj({ activityId: s.id('活动') }),
    result: r.obj({ status: r.lit('signed_up'), repeated: r.bool(), signedUp: r.int(), capacity: r.nullable(r.int()) }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'OUT_OF_WINDOW'],
  }),
  'activity.cancelSignup': def({
    fn: 'activity',
    who: ['member'],
    summary: '取消报名（活动开始前）',
    body: s.obj({ activityId: s.id('活动') }),
    result: r.obj({ status: r.lit('cancelled'), signedUp: r.int() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'OUT_OF_WINDOW'],
  }),
  'activity.publish': def({
    fn: 'activity',
    who: ['estate_secretary'],
    summary: '发布草稿活动',
    body: s.obj({ activityId: s.id('活动') }),
    result: r.obj({ status: r.lit('published'), repeated: r.bool() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'activity.cancel': def({
    fn: 'activity',
    who: ['estate_secretary'],
    summary: '取消活动（需理由），已报名的党员会收到通知；已有签到记录保留',
    body: s.obj({ activityId: s.id('活动'), reason: s.str({ label: '取消理由', min: 1, max: 200, multiline: true }) }),
    result: r.obj({ status: r.lit('cancelled'), notified: r.int(), repeated: r.bool() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'activity.staticCode': def({
    fn: 'activity',
    who: ['estate_secretary'],
    summary: '可打印的静态小程序码（scene ≤ 32 字符）；仅在签到时段内有效，扫码签到一律进入审核',
    body: s.obj({ activityId: s.id('活动') }),
    result: staticCodeData,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'OUT_OF_WINDOW'],
  }),
  'claim.submit': def({
    fn: 'activity',
    who: ['member'],
    summary:
      '自主申报：未在活动中签到的志愿服务，选择积分细则、说明经过并附最多 3 张照片（小程序上传到云存储，本地后端 POST /files），与签到一样进入审核；同一细则同一天只能申报一次（重试幂等）',
    body: s.obj({
      itemCode: s.id('积分细则'),
      occurredOn: s.date('服务日期'),
      minutes: s.opt(s.int({ label: '服务时长（分钟）', min: 10, max: 24 * 60 })),
      title: s.str({ label: '事项', min: 2, max: 40 }),
      description: s.str({ label: '经过说明', min: 5, max: 500, multiline: true }),
      photos: s.opt(s.arr(fileIdSchema, { label: '照片', max: MAX_CLAIM_PHOTOS })),
    }),
    result: checkinResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'YEAR_LOCKED'],
  }),
  'attendance.list': def({
    fn: 'activity',
    who: ['estate_secretary'],
    summary: '审核队列：小区的签到记录（默认待审核）',
    body: s.obj({
      estateBranchId: s.id('小区党支部'),
      status: s.opt(s.enumOf(['pending', 'approved', 'rejected', 'revoked'] as const, '状态')),
      activityId: s.opt(s.id('活动')),
    }),
    result: r.arr(attendanceView),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'attendance.review': def({
    fn: 'activity',
    who: ['estate_secretary'],
    summary: '批量审核签到：通过（记入积分流水）或驳回（需理由）',
    body: s.obj({ attendanceIds: idList('签到记录'), decision: s.enumOf(['approve', 'reject'] as const, '审核结果'), reason }),
    result: reviewResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'YEAR_LOCKED'],
  }),
  'attendance.revoke': def({
    fn: 'activity',
    who: ['estate_secretary'],
    summary: '撤销已通过的签到：追加一条冲正流水，原记录保留',
    body: s.obj({ attendanceIds: idList('签到记录'), reason: s.str({ label: '撤销理由', min: 1, max: 200, multiline: true }) }),
    result: r.obj({ revoked: r.int(), skipped: r.int() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'YEAR_LOCKED'],
  }),
  'attendance.backfill': def({
    fn: 'activity',
    who: ['estate_secretary'],
    summary: '补录签到（需理由）：时长不超过活动时长，进入审核；已签到但未签退（或被自动签退）的，可补录签退时间（已通过的须先撤销）',
    body: s.obj({
      activityId: s.id('活动'),
      memberId: s.id('党员'),
      checkinAt: s.datetime('签到时间'),
      checkoutAt: s.opt(s.datetime('签退时间')),
      reason: s.str({ label: '补录理由', min: 1, max: 200, multiline: true }),
    }),
    result: backfillResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'OUT_OF_WINDOW', 'YEAR_LOCKED'],
  }),
  'attendance.mine': def({
    fn: 'activity',
    who: ['member'],
    summary: '我的签到记录',
    body: s.obj({}),
    result: r.arr(attendanceView),
    errors: [],
  }),
  'notice.mine': def({
    fn: 'activity',
    who: ['member', ...STAFF],
    summary: '我的通知（如活动取消；书记、管理员还收到述职催报）',
    body: s.obj({}),
    result: r.arr(noticeView),
    errors: [],
  }),
  'unitScore.import': def({
    fn: 'score',
    who: ['unit_secretary'],
    summary: `录入或导入单位积分（按单位满分折算为百分制）；每次至多 ${UNIT_SCORE_IMPORT_ROWS} 人，大表由小程序分批提交（按党员幂等）`,
    body: s.obj({
      unitBranchId: s.id('单位党支部'),
      year,
      fullScale: s.opt(s.hundredths({ label: '单位满分', min: 1, max: 10000 })),
      scores: s.arr(s.obj({ memberId: s.id('党员'), score: s.hundredths({ label: '单位积分', min: 0, max: 10000 }) }), {
        label: '积分',
        min: 1,
        max: UNIT_SCORE_IMPORT_ROWS,
      }),
    }),
    result: r.obj({ imported: r.int(), created: r.int(), updated: r.int() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'YEAR_LOCKED'],
  }),
  'unitScore.preview': def({
    fn: 'score',
    who: ['unit_secretary'],
    summary: '导入前预览：按党员编号或姓名+手机号匹配本支部党员，列出匹配不上和超出范围的行；不保存任何内容',
    body: s.obj({
      unitBranchId: s.id('单位党支部'),
      year,
      fullScale: s.opt(s.hundredths({ label: '单位满分', min: 1, max: 10000 })),
      rows: s.arr(
        s.obj({
          line: s.int({ label: '行号', min: 1, max: 100000 }),
          name: s.opt(s.str({ label: '姓名', max: 40 })),
          phone: s.opt(s.str({ label: '手机号', max: 20 })),
          memberId: s.opt(s.str({ label: '党员编号', max: 64 })),
          score: s.opt(s.hundredths({ label: '单位积分', min: -1000000, max: 1000000 })),
          fullScale: s.opt(s.hundredths({ label: '满分', min: 1, max: 10000 })),
          problem: s.opt(s.str({ label: '问题', max: 100 })),
        }),
        { label: '表格行', min: 1, max: 2000 },
      ),
    }),
    result: unitScorePreview,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'unitScore.list': def({
    fn: 'score',
    who: ['unit_secretary'],
    summary: '单位支部党员与已录入的单位积分',
    body: s.obj({ unitBranchId: s.id('单位党支部'), year }),
    result: r.arr(unitScoreRow),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'score.tally': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '核算年度双积分（可限定范围）',
    body: s.obj({ year, scopeId: s.opt(s.id('范围')) }),
    result: tallyResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'YEAR_LOCKED', 'CONFLICT'],
  }),
  'score.tallyStep': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '全县核算作业的一步（与 score.tallyJob 同一作业；restart 在上次完成后重新开始）：先逐页计分，再写有变化的排名；可中断续算，不会重复计分',
    body: s.obj({ year, restart: s.opt(s.bool('重新开始')) }),
    result: tallyStepResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'YEAR_LOCKED', 'NOT_FOUND'],
  }),
  'score.tallyJob': def({
    fn: 'score',
    who: ['county_admin'],
    summary:
      '开始核算作业（全县或指定范围，docs/DESIGN.md#jobs）：逐页计分（只写有变化的总分），再在小区、单位支部内排名（只写有变化的名次）；同一年度同一范围正在核算时返回那一个作业。用 job.step 推进',
    body: s.obj({ year, scopeId: s.opt(s.id('范围')) }),
    result: jobView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'YEAR_LOCKED'],
  }),
  'score.mine': def({
    fn: 'score',
    who: ['member'],
    summary: '我的积分：总分、两部分及权重、来源与积分流水',
    body: s.obj({ year }),
    result: scoreMine,
    errors: ['VALIDATION', 'NOT_FOUND'],
  }),
  'score.list': def({
    fn: 'score',
    who: ['estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary:
      '范围内每位已报到党员的积分、排名与等次。不超过 1,000 人的范围当场计算、一次答完；需要范围外人群的排名（小区名单的单位内排名、单位名单的小区内排名）在该人群超过 1,000 人时取自最近一次核算存下的结果（mode: storedRanks，没有则为 null）；超过 1,000 人的范围按最近一次核算存下的总分从高到低分页（mode: stored，每页 500 人，next 为下一页的 cursor，talliedAt 为核算时间）',
    body: s.obj({
      year,
      scopeId: s.id('范围'),
      cursor: s.opt(s.str({ label: '翻页标记', max: 300, pattern: /^c1\.[A-Za-z0-9_.-]+$/, patternHint: '请从第一页重新加载' })),
    }),
    result: scoreList,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'settings.set': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '年度设置：权重（和为 1）、等次分数线、公示的节假日与调休工作日、是否启用小区内光荣榜',
    body: s.obj({
      year,
      weights: s.opt(s.obj({ unit: s.num({ label: '单位权重', min: 0, max: 1 }), estate: s.num({ label: '小区权重', min: 0, max: 1 }) })),
      bands: s.opt(
        s.arr(s.obj({ name: s.str({ label: '等次名称', max: 10 }), min: s.hundredths({ label: '等次分数线', min: 0, max: 100 }) }), {
          label: '等次',
          min: 1,
          max: 8,
        }),
      ),
      holidays: s.opt(s.arr(s.date('节假日'), { label: '节假日', max: 60 })),
      extraWorkdays: s.opt(s.arr(s.date('调休工作日'), { label: '调休工作日', max: 20 })),
      honourList: s.opt(s.bool('小区内光荣榜')),
    }),
    result: settingsView,
    errors: ['VALIDATION', 'FORBIDDEN', 'YEAR_LOCKED', 'NOT_FOUND'],
  }),
  'settings.get': def({
    fn: 'score',
    who: ['member', 'estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '年度设置（权重、等次、是否已定稿）',
    body: s.obj({ year }),
    result: settingsView,
    errors: ['VALIDATION'],
  }),
  'publicity.open': def({
    fn: 'score',
    who: ['estate_secretary'],
    summary: '开始小区年度积分公示（不少于 5 个工作日，周末与节假日不计）',
    body: s.obj({
      estateBranchId: s.id('小区党支部'),
      year,
      startOn: s.date('公示开始日期'),
      workingDays: s.opt(s.int({ label: '公示工作日数', min: 5, max: 30 })),
    }),
    result: publicityView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'YEAR_LOCKED'],
  }),
  'publicity.get': def({
    fn: 'score',
    who: ['member', 'estate_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '小区年度公示的起止日期与状态',
    body: s.obj({ estateBranchId: s.id('小区党支部'), year }),
    result: r.nullable(publicityView),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'appeal.create': def({
    fn: 'score',
    who: ['member'],
    summary: '公示期内申诉：针对一条积分流水、一次驳回或总分',
    body: s.obj({
      year,
      target: s.enumOf(['entry', 'rejection', 'total'] as const, '申诉对象'),
      targetId: s.opt(s.id('申诉的记录')),
      reason: s.str({ label: '申诉理由', min: 5, max: 500, multiline: true }),
    }),
    result: appealView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'OUT_OF_WINDOW', 'CONFLICT', 'YEAR_LOCKED'],
  }),
  'appeal.mine': def({
    fn: 'score',
    who: ['member'],
    summary: '我的申诉及答复',
    body: s.obj({ year }),
    result: r.arr(appealView),
    errors: ['VALIDATION'],
  }),
  'appeal.list': def({
    fn: 'score',
    who: ['estate_secretary'],
    summary: '小区的申诉（默认待处理）',
    body: s.obj({ estateBranchId: s.id('小区党支部'), year, status: s.opt(s.enumOf(['open', 'accepted', 'rejected'] as const, '状态')) }),
    result: r.arr(appealView),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'appeal.resolve': def({
    fn: 'score',
    who: ['estate_secretary'],
    summary: '答复申诉（需理由）；采纳时可追加一条调整流水',
    body: s.obj({
      appealId: s.id('申诉'),
      decision: s.enumOf(['accept', 'reject'] as const, '答复结果'),
      reason: s.str({ label: '答复理由', min: 1, max: 500, multiline: true }),
      points: s.opt(s.hundredths({ label: '调整分值', min: -100, max: 100 })),
    }),
    result: appealView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'YEAR_LOCKED'],
  }),
  'deduction.record': def({
    fn: 'score',
    who: ['estate_secretary'],
    summary: '按负面清单记录扣分（需理由，可附佐证说明和最多 3 张佐证照片，照片须由本人先上传，与自主申报相同）；本人在“我的积分”中可见佐证',
    body: s.obj({
      memberId: s.id('党员'),
      itemCode: s.id('负面清单条目'),
      occurredOn: s.date('发生日期'),
      reason: s.str({ label: '扣分理由', min: 1, max: 500, multiline: true }),
      evidence: s.opt(s.str({ label: '佐证说明', max: 500, multiline: true })),
      photos: s.opt(s.arr(fileIdSchema, { label: '佐证照片', max: MAX_CLAIM_PHOTOS })),
    }),
    result: r.obj({ entryId: r.str(), points: r.score(), year: r.int() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'YEAR_LOCKED'],
  }),
  'year.finalise': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '公示结束后定稿年度：锁定，之后只能通过审计调整更正',
    body: s.obj({ year }),
    result: finaliseResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'CONFLICT', 'NOT_FOUND'],
  }),
  'year.finaliseJob': def({
    fn: 'score',
    who: ['county_admin'],
    summary:
      '开始定稿作业（docs/DESIGN.md#jobs）：先检查各小区公示已结束、申诉均已答复，再分步核算全县，最后一次原子写入锁定年度；中断后可继续，未锁定前年度保持开放。用 job.step 推进',
    body: s.obj({ year }),
    result: jobView,
    errors: ['VALIDATION', 'FORBIDDEN', 'CONFLICT', 'NOT_FOUND'],
  }),
  'adjustment.record': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '定稿后的更正：追加一条留痕的调整流水（需理由）',
    body: s.obj({
      memberId: s.id('党员'),
      year,
      points: s.hundredths({ label: '调整分值', min: -100, max: 100 }),
      reason: s.str({ label: '调整理由', min: 5, max: 500, multiline: true }),
    }),
    result: r.obj({ entryId: r.str(), points: r.score() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'feedback.list': def({
    fn: 'score',
    who: ['unit_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary:
      '双报告：党员在小区的表现反馈表。单位书记按本单位支部（unitBranchId）；县、街道、社区按范围（scopeId：单位支部或小区支部在范围内的党员）。二者取其一',
    body: s.obj({ unitBranchId: s.opt(s.id('单位党支部')), scopeId: s.opt(s.id('范围')), year }),
    result: feedbackList,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'feedback.remark': def({
    fn: 'score',
    who: ['estate_secretary'],
    summary: '小区书记对本小区报到党员的年度评语（反馈给单位）',
    body: s.obj({ memberId: s.id('党员'), year, remark: s.str({ label: '评语', min: 1, max: 300, multiline: true }) }),
    result: r.obj({ memberId: r.str(), year: r.int(), remark: r.str() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'YEAR_LOCKED'],
  }),
  'feedback.remarks': def({
    fn: 'score',
    who: ['estate_secretary'],
    summary: '读取本小区某年度已写的双报告评语',
    body: s.obj({ estateBranchId: s.id('小区党支部'), year }),
    result: r.obj({ estateBranchId: r.str(), year: r.int(), rows: r.arr(r.obj({ memberId: r.str(), remark: r.str(), at: r.time() })) }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'dashboard.get': def({
    fn: 'score',
    who: ['estate_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '看板：报到率、参与率、总分分布、各小区参与排名、待审核与待处理申诉',
    body: s.obj({ scopeId: s.id('范围'), year }),
    result: dashboardData,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'export.xlsx': def({
    fn: 'score',
    who: ['estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '导出 Excel：名册、积分流水、年度总分、双报告反馈表（范围内）',
    body: s.obj({ kind: s.enumOf(['roster', 'ledger', 'totals', 'feedback'] as const, '导出内容'), scopeId: s.id('范围'), year }),
    result: exportFile,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'export.start': def({
    fn: 'score',
    who: ['estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '开始导出作业（任意规模）：分步整理行、生成 Excel 存入文件存储；用 job.step 推进，完成后 file 给出文件 id 与临时下载链接（1 小时）',
    body: s.obj({ kind: s.enumOf(['roster', 'ledger', 'totals', 'feedback'] as const, '导出内容'), scopeId: s.id('范围'), year }),
    result: jobView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'job.get': def({
    fn: 'score',
    who: STAFF,
    summary: '作业进度：核算、定稿、导出、导入等长任务（docs/DESIGN.md#jobs），只读',
    body: s.obj({ jobId: s.id('作业') }),
    result: jobView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'job.step': def({
    fn: 'score',
    who: STAFF,
    summary: '推进作业一步（每步有界，约 8 秒内）并返回进度；重复调用不会重复计数，另一端正在推进时只返回进度',
    body: s.obj({ jobId: s.id('作业') }),
    result: jobView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'job.list': def({
    fn: 'score',
    who: STAFF,
    summary: '我发起的作业（最近 20 个，最新在前），离开页面后可据此继续',
    body: s.obj({}),
    result: r.obj({ jobs: r.arr(jobView) }),
    errors: ['VALIDATION'],
  }),
  'job.drive': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '推进无人推进的作业（定时任务用；超过 1 分钟没有进展的运行中作业各推进一步）',
    body: s.obj({}),
    result: r.obj({ driven: r.int(), jobs: r.arr(jobView) }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  // --- 订阅消息 (docs/DESIGN.md#reminders) ---
  'notify.config': def({
    fn: 'notify',
    who: ['anyone'],
    summary: '订阅消息配置：本部署已配置的模板（小程序据此调用 requestSubscribeMessage）',
    body: s.obj({}),
    result: notifyConfigView,
    errors: ['VALIDATION'],
  }),
  'notify.subscribe': def({
    fn: 'notify',
    who: ['anyone'],
    summary: '记录用户在 requestSubscribeMessage 中接受的模板（每接受一次，该模板可发送一条消息）与“总是拒绝”的模板',
    body: s.obj({
      accepted: s.arr(s.enumOf(TEMPLATE_KEYS, '消息模板'), { label: '接受的模板', max: 6 }),
      rejectedForever: s.opt(s.arr(s.enumOf(TEMPLATE_KEYS, '消息模板'), { label: '总是拒绝的模板', max: 6 })),
    }),
    result: r.obj({ subscriptions: r.arr(subscriptionView) }),
    errors: ['VALIDATION'],
  }),
  'notify.mine': def({
    fn: 'notify',
    who: ['anyone'],
    summary: '我的消息：发给我的订阅消息（最近 100 条）与我的订阅余量',
    body: s.obj({}),
    result: r.obj({ messages: r.arr(messageView), subscriptions: r.arr(subscriptionView) }),
    errors: ['VALIDATION'],
  }),
  'notify.list': def({
    fn: 'notify',
    who: ['county_admin'],
    summary: '消息记录：全县订阅消息的发送情况（按状态筛选，最近 200 条）与各状态数量',
    body: s.obj({ status: s.opt(s.enumOf(MESSAGE_STATUSES, '状态')) }),
    result: r.obj({ messages: r.arr(messageView), counts: r.record(r.int()) }),
    errors: ['VALIDATION', 'FORBIDDEN'],
  }),
  'notify.deliver': def({
    fn: 'notify',
    who: ['county_admin'],
    summary: '发送到期的订阅消息（定时任务用；免打扰时段 22:00–07:00 不发送）',
    body: s.obj({}),
    result: deliverResult,
    errors: ['VALIDATION', 'FORBIDDEN', 'CONFLICT'],
  }),
  // --- end 订阅消息 ---
  // ── 满意度测评 (issue 13 §2; docs/DESIGN.md#satisfaction-surveys): the community opens a survey per estate and
  // period; any signed-in WeChat user answers it (one answer per openid, changeable until it closes). ──
  'survey.open': def({
    fn: 'user',
    who: ['community_admin'],
    summary: '开启满意度测评：本社区的一个小区、一个年度的一期（期别如“2026年上半年”）；同一小区同一期只有一份，重复开启返回原测评',
    body: s.obj({
      estateBranchId: s.id('小区党支部'),
      year,
      period: s.str({ label: '期别', min: 1, max: 20 }),
      title: s.opt(s.str({ label: '标题', min: 1, max: 40 })),
    }),
    result: r.obj({ surveyId: r.str(), repeated: r.bool() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'survey.close': def({
    fn: 'user',
    who: ['community_admin'],
    summary: '结束测评：此后不再接受作答或修改，结果定格',
    body: s.obj({ surveyId: s.id('测评') }),
    result: r.obj({ status: r.lit('closed'), answers: r.int(), repeated: r.bool() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'survey.list': def({
    fn: 'user',
    who: ['community_admin', 'street_admin', 'county_admin'],
    summary: '范围内各小区的满意度测评（可按年度），含已作答人数，只读',
    body: s.obj({ scopeId: s.id('范围'), year: s.opt(year) }),
    result: r.obj({ surveys: r.arr(surveyView) }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'survey.results': def({
    fn: 'user',
    who: ['community_admin', 'street_admin', 'county_admin'],
    summary:
      '测评结果：三个测评对象各自的满意、基本满意、不满意人数与满意率（(满意+基本满意)÷作答人数，百分数保留两位、四舍五入），样本量；不足 30 份显示“样本不足”；意见留言（作答人仅县委组织部可见）',
    body: s.obj({ surveyId: s.id('测评') }),
    result: surveyResults,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'survey.poster': def({
    // The activity function holds the wxacode.getUnlimited permission (cloudfunctions/activity/config.json).
    fn: 'activity',
    who: ['community_admin'],
    summary: '测评的可打印静态小程序码（scene 为测评编号），居民扫码即可作答，无需报到',
    body: s.obj({ surveyId: s.id('测评') }),
    result: surveyPoster,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'survey.form': def({
    fn: 'user',
    who: ['anyone'],
    summary: '居民打开测评：题目、选项与本人已提交的答卷（无需报到）',
    body: s.obj({ surveyId: s.id('测评') }),
    result: surveyForm,
    errors: ['VALIDATION', 'NOT_FOUND'],
  }),
  'survey.answer': def({
    fn: 'user',
    who: ['anyone'],
    summary:
      '居民作答（无需报到）：对小区党支部、业主委员会、物业服务企业各选满意 / 基本满意 / 不满意，可留意见；每个微信身份每期一份，结束前可修改（再次提交即覆盖）；同一身份 10 分钟内最多提交 10 次',
    body: s.obj({
      surveyId: s.id('测评'),
      branch: s.enumOf(SURVEY_CHOICES, '对小区党支部'),
      committee: s.enumOf(SURVEY_CHOICES, '对业主委员会'),
      property: s.enumOf(SURVEY_CHOICES, '对物业服务企业'),
      comment: s.opt(s.str({ label: '意见建议', min: 1, max: SURVEY_COMMENT_MAX, multiline: true })),
    }),
    result: r.obj({ surveyId: r.str(), changed: r.bool(), at: r.time() }),
    errors: ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'],
  }),
  // ——— 述职 (issue 13 §3, docs/DESIGN.md#duty-reports): estate → community → street → county, once a year ———
  'report.get': def({
    fn: 'score',
    who: ['estate_secretary', 'community_admin', 'street_admin', 'county_admin'],
    summary: '某组织某年度的述职报告（含各版本）：本组织的书记/管理员与上级管理员可读；未提交时 status 为 none',
    body: s.obj({ orgId: s.id('组织'), year }),
    result: dutyReportView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'report.submit': def({
    fn: 'score',
    who: ['estate_secretary', 'community_admin', 'street_admin'],
    summary: `提交或修改本组织的年度述职（小区党支部→社区，社区→街道，街道→县）：正文 ≤ ${MAX_DUTY_REPORT_CHARS} 字，附件/照片 ≤ ${MAX_DUTY_REPORT_ATTACHMENTS} 个；每次修改保留为新版本（至多 ${MAX_DUTY_REPORT_VERSIONS} 版），上级已阅后不能再改；内容不变的重试不增加版本`,
    body: s.obj({
      orgId: s.id('组织'),
      year,
      text: s.str({ label: '述职报告', min: 10, max: MAX_DUTY_REPORT_CHARS, multiline: true }),
      attachments: s.opt(s.arr(fileIdSchema, { label: '附件', max: MAX_DUTY_REPORT_ATTACHMENTS })),
      /** The version being revised (omit for the first submission): a revision of an older one is refused. */
      baseVersion: s.opt(s.int({ label: '所修改的版本', min: 1, max: MAX_DUTY_REPORT_VERSIONS })),
    }),
    result: dutyReportView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'report.list': def({
    fn: 'score',
    who: ['community_admin', 'street_admin', 'county_admin'],
    summary: '下级述职情况：本组织的下级（社区→小区党支部，街道→社区，县→街道）逐个列出 未报 / 已报 / 已阅、评定等次、评语与最近催报时间',
    body: s.obj({ orgId: s.id('组织'), year }),
    result: dutyReportList,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'report.review': def({
    fn: 'score',
    who: ['community_admin', 'street_admin', 'county_admin'],
    summary:
      '上级阅定下级的述职：标记已阅并给出评语和等次（good 好 / fairlyGood 较好 / average 一般 / poor 差）；须注明所阅版本，已被修改则拒绝；已阅后可更正评语与等次（留痕）',
    body: s.obj({
      orgId: s.id('组织'),
      year,
      version: s.int({ label: '所阅版本', min: 1, max: MAX_DUTY_REPORT_VERSIONS }),
      grade: s.enumOf(DUTY_GRADES, '等次'),
      comment: s.str({ label: '评语', min: 1, max: 500, multiline: true }),
    }),
    result: dutyReportView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'report.remind': def({
    fn: 'score',
    who: ['community_admin', 'street_admin', 'county_admin'],
    summary: '催报：给尚未提交述职的下级组织的书记/管理员发站内通知（每个组织每天至多一次，重复点击不重复发送）',
    body: s.obj({ orgId: s.id('组织'), year }),
    result: r.obj({ orgId: r.str(), sent: r.int(), repeated: r.bool(), remindedAt: r.time() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  // ── 红旗小区 评选 (docs/DESIGN.md#red-flag-estates): hosted by the score function ───────────────────────────
  'redflag.campaignSave': def({
    fn: 'score',
    who: ['county_admin'],
    summary:
      '开启或修改年度红旗小区评选：县级名额（默认 20）、街道推荐比例（默认 20%，四舍五入，至少 1）、截止日期（默认 12-30）、评选标准（权重合计 100）、每个小区补助（默认 5000 元）；第一份申报提交后不可再改',
    body: s.obj({
      year,
      quota: s.opt(s.int({ label: '县级名额', min: 1, max: 500 })),
      sharePct: s.opt(s.int({ label: '街道推荐比例', min: 1, max: 100 })),
      deadline: s.opt(s.date('推荐截止日期')),
      criteria: s.arr(
        s.obj({ code: s.id('标准编号'), name: s.str({ label: '标准名称', min: 1, max: 60 }), weight: s.int({ label: '权重', min: 1, max: 100 }) }),
        { label: '评选标准', min: 1, max: 20 },
      ),
      subsidyYuan: s.opt(s.int({ label: '补助金额', min: 0, max: 1_000_000 })),
    }),
    result: rfCampaignView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.campaignGet': def({
    fn: 'score',
    who: ['anyone'],
    summary: '某年度的红旗小区评选（各街道的推荐名额随之给出），尚未开启为 null',
    body: s.obj({ year }),
    result: r.nullable(rfCampaignView),
    errors: ['VALIDATION'],
  }),
  'redflag.extendDeadline': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '延长街道推荐截止日期（只能延后）',
    body: s.obj({ year, deadline: s.date('新的截止日期') }),
    result: rfCampaignView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'redflag.saveDraft': def({
    fn: 'score',
    who: ['estate_secretary'],
    summary: `保存申报表草稿：按评选标准逐项自评（文字），最多 ${RF_MAX_PHOTOS} 张照片；已提交待审或已通过的申报不能修改`,
    body: s.obj({
      year,
      estateBranchId: s.id('小区党支部'),
      assessment: s.record(s.id('标准编号'), s.str({ label: '自评', min: 0, max: 1000, multiline: true }), { label: '自评', max: 20 }),
      photos: s.opt(s.arr(fileIdSchema, { label: '照片', max: RF_MAX_PHOTOS })),
    }),
    result: rfApplicationView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.submit': def({
    fn: 'score',
    who: ['estate_secretary'],
    summary: '提交申报到社区：应用计算并冻结本小区的数据快照（报到率、参与率、活动数、志愿时长、平均小区积分、满意率及样本量），形成新的版本',
    body: s.obj({ year, estateBranchId: s.id('小区党支部') }),
    result: rfApplicationView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.get': def({
    fn: 'score',
    who: ['estate_secretary', 'community_admin', 'street_admin', 'county_admin', 'panel_reviewer'],
    summary: '一份申报及其历次提交的版本（含退回理由），照片的临时链接（photoUrls，1 小时）；尚未申报为 null',
    body: s.obj({ year, estateBranchId: s.id('小区党支部') }),
    result: r.nullable(r.obj({ application: rfApplicationView, versions: r.arr(rfVersionView), photoUrls: r.record(r.str()) })),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'redflag.list': def({
    fn: 'score',
    who: ['estate_secretary', 'community_admin', 'street_admin', 'county_admin', 'panel_reviewer'],
    summary: '范围内的申报（草稿只给本小区）；评选组与县委组织部看到各评审的打分、精确平均分、排名与异议',
    body: s.obj({ year, scopeId: s.id('范围') }),
    result: r.obj({ year: r.int(), scopeId: r.str(), applications: r.arr(rfApplicationView) }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'redflag.review': def({
    fn: 'score',
    who: ['community_admin'],
    summary: '社区把关：同意上报，或退回（须写理由）后由小区修改重新提交',
    body: s.obj({
      year,
      estateBranchId: s.id('小区党支部'),
      decision: s.enumOf(['endorse', 'return'] as const, '意见'),
      reason,
    }),
    result: rfApplicationView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.recommend': def({
    fn: 'score',
    who: ['street_admin'],
    summary: '街道审核：按排序推荐社区同意上报的小区（每个附实地评估意见），不超过本街道名额；截止日期前可重新提交，替换原推荐',
    body: s.obj({
      year,
      streetId: s.id('街道'),
      picks: s.arr(s.obj({ estateBranchId: s.id('小区党支部'), note: s.str({ label: '实地评估意见', min: 1, max: 500, multiline: true }) }), {
        label: '推荐名单',
        min: 0,
        max: 100,
      }),
    }),
    result: r.obj({ year: r.int(), streetId: r.str(), quota: r.int(), recommended: r.arr(r.str()) }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.panelName': def({
    fn: 'score',
    who: ['county_admin'],
    summary: `任命红旗小区评选组成员（县级 panel_reviewer 角色，注明所在部门，如 ${PANEL_DEPARTMENTS.slice(1, 6).join('、')}）；重复任命更新部门`,
    body: s.obj({ openid: s.id('openid'), department: s.str({ label: '部门', min: 2, max: 20 }) }),
    result: r.obj({ openid: r.str(), department: r.str(), active: r.bool() }),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'redflag.score': def({
    fn: 'score',
    who: ['panel_reviewer'],
    summary: '评选组成员为街道推荐的小区逐项打分（0 至该项权重），可提出异议（有异议须写理由）；可修改至县委常委会审定',
    body: s.obj({
      year,
      estateBranchId: s.id('小区党支部'),
      scores: s.record(s.id('标准编号'), s.hundredths({ label: '得分', min: 0, max: 100 }), { label: '得分', max: 20 }),
      objection: s.opt(s.str({ label: '异议理由', min: 1, max: 500, multiline: true })),
    }),
    result: rfApplicationView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'redflag.decide': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '县委常委会审定：记录会议日期、说明与审定名单（不超过县级名额，须为街道推荐的小区）；公示开始后不可再改',
    body: s.obj({
      year,
      meetingOn: s.date('会议日期'),
      note: s.str({ label: '会议说明', min: 1, max: 500, multiline: true }),
      approved: s.arr(s.id('小区党支部'), { label: '审定名单', min: 1, max: 500 }),
    }),
    result: rfCampaignView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.publicityOpen': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '在全县公示审定名单（至少 5 个工作日，按工作日历计算结束日期）；每年一次',
    body: s.obj({ year, startOn: s.date('公示开始日期'), workingDays: s.opt(s.int({ label: '公示工作日数', min: 5, max: 30 })) }),
    result: rfPublicityView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.publicity': def({
    fn: 'score',
    who: ['anyone'],
    summary: '红旗小区公示（所有登录用户可看）：名单、起止日期、问题反映数；未公示为 null',
    body: s.obj({ year }),
    result: r.nullable(rfPublicityView),
    errors: ['VALIDATION'],
  }),
  'redflag.report': def({
    fn: 'score',
    who: ['anyone'],
    summary: `公示期间对名单上的小区反映问题（文字，最多 ${RF_MAX_REPORT_PHOTOS} 张照片）；反映人只有县委组织部可见`,
    body: s.obj({
      year,
      estateBranchId: s.id('小区党支部'),
      text: s.str({ label: '反映内容', min: 5, max: 1000, multiline: true }),
      photos: s.opt(s.arr(fileIdSchema, { label: '照片', max: RF_MAX_REPORT_PHOTOS })),
    }),
    result: rfReportView,
    errors: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.reports': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '某年度公示期间的问题反映（含反映人）及答复',
    body: s.obj({ year }),
    result: r.arr(rfReportView),
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'redflag.answer': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '答复问题反映：属实（upheld）则该小区取消资格且名额不递补；不属实（dismissed）则保留并写明理由',
    body: s.obj({
      reportId: s.id('问题反映'),
      verdict: s.enumOf(['upheld', 'dismissed'] as const, '核实结论'),
      answer: s.str({ label: '答复', min: 2, max: 500, multiline: true }),
    }),
    result: rfReportView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.results': def({
    fn: 'score',
    who: ['anyone'],
    summary: '某年度红旗小区结果（公示结束且问题反映全部答复后为最终名单），含每个小区的补助及发放情况；历年可查',
    body: s.obj({ year }),
    result: r.nullable(rfResultsView),
    errors: ['VALIDATION'],
  }),
  'redflag.subsidyPaid': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '登记补助发放（发放日期、发放单位）；仅限最终名单上的小区',
    body: s.obj({
      year,
      estateBranchId: s.id('小区党支部'),
      paidOn: s.date('发放日期'),
      paidBy: s.str({ label: '发放单位', min: 2, max: 40 }),
    }),
    result: rfResultsView,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'redflag.honours': def({
    fn: 'score',
    who: ['member'],
    summary: '本人报到小区获得的红旗小区称号（首页荣誉徽章）',
    body: s.obj({}),
    result: r.arr(r.obj({ year: r.int(), estateBranchId: r.str(), name: r.str() })),
    errors: [],
  }),
  'redflag.export': def({
    fn: 'score',
    who: ['county_admin'],
    summary: '导出某年度红旗小区申报汇总表与评选结果（.xlsx，两个工作表）',
    body: s.obj({ year }),
    result: exportFile,
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  }),
} as const

export type ActionName = keyof typeof ACTIONS
export type BodyOf<A extends ActionName> = Infer<(typeof ACTIONS)[A]['body']>
/** What an action answers: the server must return it, the app reads it. */
export type ResultOf<A extends ActionName> = Out<(typeof ACTIONS)[A]['result']>
export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[]

export const isActionName = (x: string): x is ActionName => Object.prototype.hasOwnProperty.call(ACTIONS, x)

/** Bodies over this many UTF-8 bytes (not characters: a Chinese character is 3) are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024

/** The UTF-8 size of a text, as a body is counted against MAX_BODY_BYTES (platform-free: no Buffer, no TextEncoder). */
export function utf8Bytes(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4 // a surrogate pair: one character outside the BMP
      i++
    } else n += 3 // the rest of the BMP, and a lone surrogate (written as U+FFFD)
  }
  return n
}

/** Photo uploads (local backend `POST /files`): at most this many bytes, one of these types (checked by content). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type UploadType = (typeof UPLOAD_TYPES)[number]

/** The type a photo really is, from its first bytes (never from the name or the declared Content-Type). */
export function sniffImageType(bytes: Uint8Array): UploadType | null {
  const at = (i: number, ...b: number[]) => b.every((x, k) => bytes[i + k] === x)
  if (bytes.length > 3 && at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (bytes.length > 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (bytes.length > 12 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp'
  return null
}
