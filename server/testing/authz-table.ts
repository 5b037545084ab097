// The authorization matrix (docs/DESIGN.md#authorization): for every action, a valid body for a target inside the caller's
// scope and the targets outside it. Who may call an action is NOT declared here: it is read from
// ACTIONS[action].who, so the contract stays the one source of truth. The table is typed as a record over every
// action name and the matrix test also checks its keys against ACTION_NAMES, so a new action without a row fails.
import type { ActionName, Caller } from '../../src/core/contracts'
import { demoRuleset } from '../local/seed'
import { HOUR, MINUTE, toIsoShanghai } from '../../src/core/time'
import { ok, type TestServer } from './harness'

/** Who calls: no token, a signed-in WeChat user with no member record, and one demo account per role. */
export const PRINCIPALS = [
  'anonymous',
  'stranger',
  'member',
  'estate_secretary',
  'unit_secretary',
  'community_admin',
  'street_admin',
  'county_admin',
  'panel_reviewer',
] as const
export type Principal = (typeof PRINCIPALS)[number]
/** A principal that holds a token. */
export type SignedIn = Exclude<Principal, 'anonymous'>

/** Scopes: member = active member of E1; CM1 covers E1, E2; S1 covers CM1, CM2 (E1–E4); county covers all. */
export const OPENID: Record<SignedIn, string> = {
  stranger: 'authz-stranger',
  member: 'demo-member-1',
  estate_secretary: 'demo-secretary-e1',
  unit_secretary: 'demo-unitsec-ub1',
  community_admin: 'demo-community-cm1',
  street_admin: 'demo-street-s1',
  county_admin: 'demo-admin',
  panel_reviewer: 'demo-panel-1',
}

/** Whether the contract lets this principal call an action (role only; scope is the use case's business). */
export function mayCall(p: Principal, who: readonly Caller[]): boolean {
  if (p === 'anonymous') return false
  if (who.includes('anyone')) return true
  return p !== 'stranger' && who.includes(p)
}

export type Body = Record<string, unknown>

export interface Fixtures {
  /** One published activity per estate, in its check-in window: E1…E6. */
  act: Record<string, string>
  /** E1 activity member 1 has not checked in to. */
  actCheckin: string
  /** E1 activity member 1 has checked in to, not out. */
  actCheckout: string
  /** Pending registrations (no directory match). */
  pendingE1: string
  pendingE1b: string
  pendingE2: string
  /** Draft rule sets for 2026. */
  draftE1: string
  draftE2: string
  /** Pending attendances. */
  attE1: string
  attE1b: string
  attE2: string
  /** Activities starting tomorrow: E1 open for sign-up, E1 with member 1 signed up, E2 (out of scope). */
  actFuture: string
  actSigned: string
  actFutureE2: string
  /** Draft activities (publish) and an E1 activity reserved for cancelling. */
  draftActE1: string
  draftActE2: string
  actCancelE1: string
  /** Approved attendances (revoke). */
  approvedE1: string
  approvedE2: string
  /** Open appeals during the E1 / E2 公示 of 2025. */
  appealE1: string
  appealE2: string
  /** Pending move requests: an E2 member into E1 (E1 decides), an E1 member into E2 (E2 decides). */
  moveToE1: string
  moveToE2: string
  /** A finished 核算 job (2025) of each org a role is granted on: E1, UB1, CM1, S1, county (and E2, CM2, S2, U1). */
  tallyJob: Record<string, string>
  /** The rotating code an estate secretary's screen shows now. */
  code(activityId: string): { qr: string; shortCode: string }
  /** The county admin's directory imports: one still waiting for its rows, one whose preview is done. */
  importUploading: string
  importPreviewed: string
  /** 满意度测评: an open survey per estate E1…E6 (E1, E2 opened by CM1; the others written into the store). */
  survey: Record<string, string>
  /** An open E1 survey reserved for closing. */
  surveyClose: string
  /** 红旗小区: an open 问题反映 against E1 during the 2024 公示. */
  rfReport: string
}

/**
 * 红旗小区 (docs/DESIGN.md#red-flag-estates): campaigns for 2025 and 2026 (2027 is left for campaignSave). In 2025 E1's
 * application waits for its community, E2's is endorsed and recommended by S1 (so the panel may read and score it);
 * in 2026 E1 has a complete draft.
 */
export const RF_CRITERIA = [
  { code: 'A', name: '党建引领', weight: 60 },
  { code: 'B', name: '物业服务', weight: 40 },
]
const RF_ASSESSMENT = { A: '矩阵自评：党建', B: '矩阵自评：物业' }

export interface OutTarget {
  label: string
  body: Body
  /** 403 for a target that exists outside the caller's scope, 404 for one that does not exist. */
  status: 403 | 404
}

export interface AuthzRow {
  /** A valid body whose target is in the scope of `as` (an allowed caller; 'member' for `anyone` actions). */
  inScope(as: Exclude<SignedIn, 'stranger'> | 'stranger', fx: Fixtures): Body
  /** Targets outside the scope of `as`, and ones that do not exist. */
  outOfScope(as: SignedIn, fx: Fixtures): OutTarget[]
  /** The action has no target but the caller (me.get, score.mine): nothing can be out of scope. */
  selfScoped?: true
  /** A successful in-scope call writes (others must leave the database untouched even on success). */
  writes?: true
  /** Runs after every other row: it changes who the caller is (registration binds the openid). */
  last?: true
}

const NOPE = 'NOPE99'
const nope = (label: string, body: Body): OutTarget => ({ label: `${label} does not exist`, body, status: 404 })

/** An estate each role covers, and estates it does not (E99 does not exist). */
const ESTATE_IN: Partial<Record<SignedIn, string>> = {
  member: 'E1',
  estate_secretary: 'E1',
  community_admin: 'E2',
  street_admin: 'E3',
  county_admin: 'E6',
  // 红旗小区: the panel reads recommended applications only (E2's in the fixtures).
  panel_reviewer: 'E2',
}
const ESTATE_OUT: Partial<Record<SignedIn, string[]>> = {
  member: ['E2', 'E6'],
  estate_secretary: ['E2', 'E5'],
  community_admin: ['E3', 'E5'],
  street_admin: ['E5', 'E6'],
  county_admin: [],
  panel_reviewer: ['E1'],
}
/** The org each role is granted on, and orgs above, beside or outside it. */
const ORG_IN: Partial<Record<SignedIn, string>> = {
  estate_secretary: 'E1',
  unit_secretary: 'UB1',
  community_admin: 'CM1',
  street_admin: 'S1',
  county_admin: 'county',
  panel_reviewer: 'county',
}
const ORG_OUT: Partial<Record<SignedIn, string[]>> = {
  estate_secretary: ['E2', 'CM1', 'county', 'UB1'],
  unit_secretary: ['UB2', 'U1', 'E1', 'county'],
  community_admin: ['CM2', 'E3', 'S1', 'UB1'],
  street_admin: ['S2', 'E5', 'county', 'UB1'],
  county_admin: [],
  // 红旗小区: the panel lists the whole county only.
  panel_reviewer: ['S1'],
}

/** Dashboards cover the geographic tree only: targets above or beside the caller's own node. */
const DASHBOARD_OUT: Partial<Record<SignedIn, string[]>> = {
  estate_secretary: ['E2', 'CM1', 'county'],
  community_admin: ['CM2', 'E3', 'S1'],
  street_admin: ['S2', 'E5', 'county'],
  county_admin: [],
}

const need = <T>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`authz table: no ${what}`)
  return v
}
const estateIn = (as: SignedIn) => need(ESTATE_IN[as], `in-scope estate for ${as}`)
const estatesOut = (as: SignedIn) => need(ESTATE_OUT[as], `out-of-scope estates for ${as}`)
const orgIn = (as: SignedIn) => need(ORG_IN[as], `in-scope org for ${as}`)
const orgsOut = (as: SignedIn) => need(ORG_OUT[as], `out-of-scope orgs for ${as}`)

const YEAR = 2025
const tomorrow = (hours: number) => ({
  startAt: toIsoShanghai(Date.parse('2025-07-02T09:00:00+08:00')),
  endAt: toIsoShanghai(Date.parse('2025-07-02T09:00:00+08:00') + hours * HOUR),
})

/** Estate-targeted reads: in = the role's estate; out = the others, and E99. */
function estateRead(make: (estateId: string, fx: Fixtures) => Body, missing: (fx: Fixtures) => Body): Pick<AuthzRow, 'inScope' | 'outOfScope'> {
  return {
    inScope: (as, fx) => make(estateIn(as), fx),
    outOfScope: (as, fx) => [
      ...estatesOut(as).map((e) => ({ label: `estate ${e}`, body: make(e, fx), status: 403 as const })),
      nope('the target', missing(fx)),
    ],
  }
}

/** job.get / job.step: the tally job of the caller's own scope; jobs of scopes above or beside it are refused. */
function jobRow(): Pick<AuthzRow, 'inScope' | 'outOfScope'> {
  return {
    inScope: (as, fx) => ({ jobId: need(fx.tallyJob[orgIn(as)], `a tally job of ${orgIn(as)}`) }),
    outOfScope: (as, fx) => [
      ...orgsOut(as)
        .filter((o) => fx.tallyJob[o])
        .map((o) => ({ label: `the tally job of ${o}`, body: { jobId: fx.tallyJob[o] }, status: 403 as const })),
      nope('job', { jobId: 'JB_NOPE99' }),
    ],
  }
}

/** Org-targeted reads (member.list, score.list): in = the granted org; out = above, beside, outside. */
function orgRead(make: (scopeId: string) => Body): Pick<AuthzRow, 'inScope' | 'outOfScope'> {
  return {
    inScope: (as) => make(orgIn(as)),
    outOfScope: (as) => [...orgsOut(as).map((o) => ({ label: `scope ${o}`, body: make(o), status: 403 as const })), nope('scope', make(NOPE))],
  }
}

/** 述职 fixtures and targets: E1, CM1 and S1 have reported 2025 (read by the level above in the matrix). */
export const DUTY_TEXT = '矩阵测试述职：全年组织志愿服务十二次，党员报到率百分之九十。'
const DUTY_OUT: Partial<Record<SignedIn, string[]>> = {
  estate_secretary: ['E2', 'CM1'],
  community_admin: ['E3', 'CM2', 'S1'],
  street_admin: ['S2', 'E5', 'CM3'],
  county_admin: [],
}
const DUTY_SUBMIT_OUT: Partial<Record<SignedIn, string[]>> = {
  estate_secretary: ['E2', 'CM1'],
  community_admin: ['CM2', 'E1', 'S1'],
  street_admin: ['S2', 'CM1'],
}
const DUTY_LIST_OUT: Partial<Record<SignedIn, string[]>> = {
  community_admin: ['CM2', 'S1', 'county'],
  street_admin: ['S2', 'county', 'CM3'],
  county_admin: [],
}
/** The reported child each reader marks 已阅, and the children it may not read (beside, or not its level). */
const DUTY_CHILD: Partial<Record<SignedIn, string>> = { community_admin: 'E1', street_admin: 'CM1', county_admin: 'S1' }
const DUTY_UNREPORTED: Partial<Record<SignedIn, string>> = { community_admin: 'E2', street_admin: 'CM2', county_admin: 'S2' }
const DUTY_READ_OUT: Partial<Record<SignedIn, string[]>> = {
  community_admin: ['E3', 'CM1'],
  street_admin: ['CM3', 'E1', 'S1'],
  county_admin: [],
}

export const AUTHZ_TABLE: Record<ActionName, AuthzRow> = {
  'me.get': { inScope: () => ({}), outOfScope: () => [], selfScoped: true },
  'org.list': { inScope: () => ({ kind: 'estate' }), outOfScope: () => [], selfScoped: true },
  'admin.importDirectory': {
    inScope: () => ({
      orgs: [
        { id: 'AZ_S9', kind: 'street', name: '矩阵测试街道' },
        { id: 'AZ_E9', kind: 'estate', name: '矩阵测试小区党支部', parentId: 'AZ_S9' },
      ],
      members: [{ id: 'AZ_M1', name: '矩阵测试', phone: '13900009999', unitBranchId: 'UB1', estateBranchId: 'AZ_E9' }],
      roles: [{ openid: 'authz-granted', role: 'estate_secretary', scopeId: 'AZ_E9' }],
    }),
    outOfScope: () => [
      nope('parent org', { orgs: [{ id: 'AZ_C8', kind: 'community', name: '无上级社区', parentId: NOPE }] }),
      nope('scope of a role', { roles: [{ openid: 'authz-granted-2', role: 'estate_secretary', scopeId: NOPE }] }),
    ],
    writes: true,
  },
  'admin.importStart': {
    inScope: () => ({ fileName: '名册.xlsx', rows: 10 }),
    outOfScope: () => [],
    selfScoped: true,
    writes: true,
  },
  'admin.importChunk': {
    inScope: (_as, fx) => ({
      jobId: fx.importUploading,
      index: 0,
      rows: [{ line: 2, id: 'AZ_M3', name: '矩阵上传', phone: '13900009997', unitBranchId: 'UB1' }],
    }),
    outOfScope: () => [nope('job', { jobId: NOPE, index: 0, rows: [{ line: 2 }] })],
    writes: true,
  },
  'admin.importProblems': {
    inScope: (_as, fx) => ({ jobId: fx.importPreviewed, page: 0 }),
    outOfScope: () => [nope('job', { jobId: NOPE, page: 0 })],
  },
  'admin.importApply': {
    inScope: (_as, fx) => ({ jobId: fx.importPreviewed }),
    outOfScope: () => [nope('job', { jobId: NOPE })],
    writes: true,
  },
  'member.register': {
    inScope: (as) =>
      as === 'member'
        ? // demo-member-1 is D001: registering again with identical details is a retry, answered the same.
          { name: '张建国', phone: '13800000001', unitBranchId: 'UB1', estateBranchId: 'E1' }
        : { name: '矩阵报到', phone: `139${String(PRINCIPALS.indexOf(as)).padStart(8, '0')}`, unitBranchId: 'UB1', estateBranchId: 'E1' },
    outOfScope: (as) =>
      as === 'member' ? [] : [nope('estate', { name: '矩阵报到', phone: '13911110000', unitBranchId: 'UB1', estateBranchId: 'E99' })],
    selfScoped: true,
    writes: true,
    last: true,
  },
  'member.list': orgRead((scopeId) => ({ scopeId })),
  'member.review': {
    inScope: (_as, fx) => ({ memberIds: [fx.pendingE1], decision: 'approve' }),
    outOfScope: (_as, fx) => [
      { label: 'a pending member of E2', body: { memberIds: [fx.pendingE2], decision: 'approve' }, status: 403 },
      {
        label: 'a batch with one E2 member',
        body: { memberIds: [fx.pendingE1b, fx.pendingE2], decision: 'reject', reason: '信息不符' },
        status: 403,
      },
      nope('member', { memberIds: [NOPE], decision: 'approve' }),
    ],
    writes: true,
  },
  // The member asks to move to E2 (a request only; nothing moves until E2's secretary agrees), then withdraws it.
  'member.requestMove': { inScope: () => ({ estateBranchId: 'E2', reason: '矩阵测试：搬家' }), outOfScope: () => [], selfScoped: true, writes: true },
  'member.myMove': { inScope: () => ({}), outOfScope: () => [], selfScoped: true },
  'member.withdrawMove': { inScope: () => ({}), outOfScope: () => [], selfScoped: true, writes: true },
  'member.moveList': {
    inScope: () => ({ estateBranchId: 'E1' }),
    outOfScope: () => [{ label: 'estate E2', body: { estateBranchId: 'E2' }, status: 403 }, nope('estate', { estateBranchId: NOPE })],
  },
  'member.resolveMove': {
    inScope: (_as, fx) => ({ requestId: fx.moveToE1, decision: 'approve' }),
    outOfScope: (_as, fx) => [
      { label: 'a move into E2', body: { requestId: fx.moveToE2, decision: 'approve' }, status: 403 },
      nope('request', { requestId: NOPE, decision: 'approve' }),
    ],
    writes: true,
  },
  'ruleset.save': {
    inScope: () => demoRuleset('E1', 2026),
    outOfScope: () => [{ label: 'estate E2', body: demoRuleset('E2', 2026), status: 403 }, nope('estate', demoRuleset('E99', 2026))],
    writes: true,
  },
  'ruleset.adopt': {
    inScope: (_as, fx) => ({ rulesetId: fx.draftE1, adoptedOn: '2025-06-30', attendees: 30, note: '矩阵测试' }),
    outOfScope: (_as, fx) => [
      { label: 'a draft of E2', body: { rulesetId: fx.draftE2, adoptedOn: '2025-06-30' }, status: 403 },
      nope('rule set', { rulesetId: NOPE, adoptedOn: '2025-06-30' }),
    ],
    writes: true,
  },
  'ruleset.get': estateRead(
    (e) => ({ estateBranchId: e, year: YEAR }),
    () => ({ estateBranchId: 'E99', year: YEAR }),
  ),
  // The county template is one per year for the whole county: nothing to be out of scope of.
  'ruleset.template': { inScope: () => ({ year: YEAR }), outOfScope: () => [], selfScoped: true },
  'ruleset.saveTemplate': {
    inScope: () => {
      const { estateBranchId: _estate, ...terms } = demoRuleset('E1', 2026)
      return { ...terms, baseScore: 55 }
    },
    outOfScope: () => [],
    selfScoped: true,
    writes: true,
  },
  'activity.create': {
    inScope: () => ({ estateBranchId: 'E1', title: '矩阵测试活动', itemCode: 'V01', ...tomorrow(2) }),
    outOfScope: () => [
      { label: 'estate E2', body: { estateBranchId: 'E2', title: '越权活动', itemCode: 'V01', ...tomorrow(2) }, status: 403 },
      nope('estate', { estateBranchId: 'E99', title: '越权活动', itemCode: 'V01', ...tomorrow(2) }),
    ],
    writes: true,
  },
  'activity.list': estateRead(
    (e) => ({ estateBranchId: e }),
    () => ({ estateBranchId: 'E99' }),
  ),
  'activity.get': estateRead(
    (e, fx) => ({ activityId: fx.act[e] }),
    () => ({ activityId: NOPE }),
  ),
  'activity.code': {
    inScope: (_as, fx) => ({ activityId: fx.act.E1 }),
    outOfScope: (_as, fx) => [
      { label: 'an E2 activity', body: { activityId: fx.act.E2 }, status: 403 },
      { label: 'an E5 activity', body: { activityId: fx.act.E5 }, status: 403 },
      nope('activity', { activityId: NOPE }),
    ],
  },
  'activity.checkin': {
    inScope: (_as, fx) => ({ code: fx.code(fx.actCheckin).qr }),
    outOfScope: (_as, fx) => [
      { label: 'the QR of an E2 activity', body: { code: fx.code(fx.act.E2).qr }, status: 403 },
      { label: 'the short code of an E2 activity', body: { activityId: fx.act.E2, shortCode: fx.code(fx.act.E2).shortCode }, status: 403 },
      nope('activity (validly signed code)', { code: fx.code(NOPE).qr }),
    ],
    writes: true,
  },
  'activity.checkout': {
    inScope: (_as, fx) => ({ code: fx.code(fx.actCheckout).qr }),
    outOfScope: (_as, fx) => [
      { label: 'the QR of an E2 activity', body: { code: fx.code(fx.act.E2).qr }, status: 403 },
      nope('activity (validly signed code)', { activityId: NOPE, shortCode: fx.code(NOPE).shortCode }),
    ],
    writes: true,
  },
  'attendance.list': {
    inScope: () => ({ estateBranchId: 'E1', status: 'pending' }),
    outOfScope: (_as, fx) => [
      { label: 'estate E2', body: { estateBranchId: 'E2' }, status: 403 },
      { label: 'estate E2, filtered by an E1 activity', body: { estateBranchId: 'E2', activityId: fx.act.E1 }, status: 403 },
      nope('estate', { estateBranchId: 'E99' }),
    ],
  },
  'attendance.review': {
    inScope: (_as, fx) => ({ attendanceIds: [fx.attE1], decision: 'approve' }),
    outOfScope: (_as, fx) => [
      { label: 'an E2 attendance', body: { attendanceIds: [fx.attE2], decision: 'approve' }, status: 403 },
      { label: 'a batch with one E2 attendance', body: { attendanceIds: [fx.attE1b, fx.attE2], decision: 'approve' }, status: 403 },
      nope('attendance', { attendanceIds: [NOPE], decision: 'approve' }),
    ],
    writes: true,
  },
  'attendance.mine': { inScope: () => ({}), outOfScope: () => [], selfScoped: true },
  // The estate is the caller's own; another person's photo is refused as VALIDATION (tested in claims.test.ts).
  'claim.submit': {
    inScope: () => ({ itemCode: 'V02', occurredOn: '2025-06-28', title: '清理楼道杂物', description: '和邻居一起清理了 3 号楼楼道堆放的杂物' }),
    outOfScope: () => [],
    selfScoped: true,
    writes: true,
  },
  'unitScore.import': {
    inScope: () => ({ unitBranchId: 'UB1', year: YEAR, fullScale: 100, scores: [{ memberId: 'D005', score: 88.5 }] }),
    outOfScope: () => [
      { label: 'unit branch UB2', body: { unitBranchId: 'UB2', year: YEAR, scores: [{ memberId: 'D002', score: 80 }] }, status: 403 },
      { label: 'a UB2 member under UB1', body: { unitBranchId: 'UB1', year: YEAR, scores: [{ memberId: 'D002', score: 80 }] }, status: 403 },
      nope('unit branch', { unitBranchId: 'UB99', year: YEAR, scores: [{ memberId: 'D001', score: 80 }] }),
    ],
    writes: true,
  },
  'unitScore.list': {
    inScope: () => ({ unitBranchId: 'UB1', year: YEAR }),
    outOfScope: () => [
      { label: 'unit branch UB2', body: { unitBranchId: 'UB2', year: YEAR }, status: 403 },
      nope('unit branch', { unitBranchId: 'UB99', year: YEAR }),
    ],
  },
  'score.tally': {
    inScope: () => ({ year: YEAR, scopeId: 'E1' }),
    outOfScope: () => [nope('scope', { year: YEAR, scopeId: NOPE })],
    writes: true,
  },
  'score.mine': { inScope: () => ({ year: YEAR }), outOfScope: () => [], selfScoped: true },
  'score.tallyJob': {
    inScope: () => ({ year: YEAR, scopeId: 'E1' }),
    outOfScope: () => [nope('scope', { year: YEAR, scopeId: NOPE })],
    writes: true,
  },
  'score.tallyStep': { inScope: () => ({ year: YEAR }), outOfScope: () => [], selfScoped: true, writes: true },
  'score.list': orgRead((scopeId) => ({ year: YEAR, scopeId })),
  'activity.signup': {
    inScope: (_as, fx) => ({ activityId: fx.actFuture }),
    outOfScope: (_as, fx) => [{ label: 'an E2 activity', body: { activityId: fx.actFutureE2 }, status: 403 }, nope('activity', { activityId: NOPE })],
    writes: true,
  },
  'activity.cancelSignup': {
    inScope: (_as, fx) => ({ activityId: fx.actSigned }),
    outOfScope: (_as, fx) => [{ label: 'an E2 activity', body: { activityId: fx.actFutureE2 }, status: 403 }, nope('activity', { activityId: NOPE })],
    writes: true,
  },
  'activity.publish': {
    inScope: (_as, fx) => ({ activityId: fx.draftActE1 }),
    outOfScope: (_as, fx) => [{ label: 'an E2 draft', body: { activityId: fx.draftActE2 }, status: 403 }, nope('activity', { activityId: NOPE })],
    writes: true,
  },
  'activity.cancel': {
    inScope: (_as, fx) => ({ activityId: fx.actCancelE1, reason: '矩阵测试取消' }),
    outOfScope: (_as, fx) => [
      { label: 'an E2 activity', body: { activityId: fx.act.E2, reason: '越权取消' }, status: 403 },
      nope('activity', { activityId: NOPE, reason: '不存在' }),
    ],
    writes: true,
  },
  'activity.staticCode': {
    inScope: (_as, fx) => ({ activityId: fx.act.E1 }),
    outOfScope: (_as, fx) => [{ label: 'an E2 activity', body: { activityId: fx.act.E2 }, status: 403 }, nope('activity', { activityId: NOPE })],
  },
  'attendance.revoke': {
    inScope: (_as, fx) => ({ attendanceIds: [fx.approvedE1], reason: '矩阵测试撤销' }),
    outOfScope: (_as, fx) => [
      { label: 'an E2 approval', body: { attendanceIds: [fx.approvedE2], reason: '越权' }, status: 403 },
      { label: 'a batch with one E2 approval', body: { attendanceIds: [fx.approvedE1, fx.approvedE2], reason: '越权' }, status: 403 },
      nope('attendance', { attendanceIds: [NOPE], reason: '不存在' }),
    ],
    writes: true,
  },
  'attendance.backfill': {
    inScope: (_as, fx) => ({
      activityId: fx.act.E1,
      memberId: 'D005',
      checkinAt: toIsoShanghai(Date.parse('2025-07-01T10:00:00+08:00')),
      reason: '矩阵测试补录',
    }),
    outOfScope: (_as, fx) => [
      {
        label: 'an E2 activity',
        body: { activityId: fx.act.E2, memberId: 'D012', checkinAt: toIsoShanghai(Date.parse('2025-07-01T10:00:00+08:00')), reason: '越权' },
        status: 403,
      },
      {
        label: 'an E2 member on an E1 activity',
        body: { activityId: fx.act.E1, memberId: 'D012', checkinAt: toIsoShanghai(Date.parse('2025-07-01T10:00:00+08:00')), reason: '越权' },
        status: 403,
      },
      nope('activity', { activityId: NOPE, memberId: 'D005', checkinAt: toIsoShanghai(Date.parse('2025-07-01T10:00:00+08:00')), reason: '不存在' }),
    ],
    writes: true,
  },
  'notice.mine': { inScope: () => ({}), outOfScope: () => [], selfScoped: true },
  'unitScore.preview': {
    inScope: () => ({ unitBranchId: 'UB1', year: YEAR, rows: [{ line: 2, memberId: 'D001', score: 80 }] }),
    outOfScope: () => [
      { label: 'unit branch UB2', body: { unitBranchId: 'UB2', year: YEAR, rows: [{ line: 2, memberId: 'D002', score: 80 }] }, status: 403 },
      nope('unit branch', { unitBranchId: 'UB99', year: YEAR, rows: [{ line: 2, memberId: 'D001', score: 80 }] }),
    ],
  },
  'settings.set': { inScope: () => ({ year: 2023, honourList: true }), outOfScope: () => [], selfScoped: true, writes: true },
  'settings.get': { inScope: () => ({ year: YEAR }), outOfScope: () => [], selfScoped: true },
  'publicity.open': {
    inScope: () => ({ estateBranchId: 'E1', year: 2026, startOn: '2025-07-01' }),
    outOfScope: () => [
      { label: 'estate E2', body: { estateBranchId: 'E2', year: 2026, startOn: '2025-07-01' }, status: 403 },
      nope('estate', { estateBranchId: 'E99', year: 2026, startOn: '2025-07-01' }),
    ],
    writes: true,
  },
  'publicity.get': estateRead(
    (e) => ({ estateBranchId: e, year: YEAR }),
    () => ({ estateBranchId: 'E99', year: YEAR }),
  ),
  'appeal.create': {
    // A member can only ever name their own records: another member's or a missing one is simply not found.
    inScope: () => ({ year: YEAR, target: 'total', reason: '矩阵测试：对总分申诉' }),
    outOfScope: () => [nope('ledger entry', { year: YEAR, target: 'entry', targetId: NOPE, reason: '矩阵测试：不存在的流水' })],
    selfScoped: true,
    writes: true,
  },
  'appeal.mine': { inScope: () => ({ year: YEAR }), outOfScope: () => [], selfScoped: true },
  'appeal.list': estateRead(
    (e) => ({ estateBranchId: e, year: YEAR }),
    () => ({ estateBranchId: 'E99', year: YEAR }),
  ),
  'appeal.resolve': {
    inScope: (_as, fx) => ({ appealId: fx.appealE1, decision: 'reject', reason: '矩阵测试答复' }),
    outOfScope: (_as, fx) => [
      { label: 'an E2 appeal', body: { appealId: fx.appealE2, decision: 'reject', reason: '越权' }, status: 403 },
      nope('appeal', { appealId: NOPE, decision: 'reject', reason: '不存在' }),
    ],
    writes: true,
  },
  'deduction.record': {
    inScope: () => ({ memberId: 'D006', itemCode: 'N01', occurredOn: '2025-06-20', reason: '矩阵测试扣分' }),
    outOfScope: () => [
      { label: 'an E2 member', body: { memberId: 'D012', itemCode: 'N01', occurredOn: '2025-06-20', reason: '越权' }, status: 403 },
      nope('member', { memberId: NOPE, itemCode: 'N01', occurredOn: '2025-06-20', reason: '不存在' }),
    ],
    writes: true,
  },
  'year.finalise': { inScope: () => ({ year: 2024 }), outOfScope: () => [], selfScoped: true, writes: true },
  // 2023 stays open for the job (year.finalise locks 2024 in its own row).
  'year.finaliseJob': { inScope: () => ({ year: 2023 }), outOfScope: () => [], selfScoped: true, writes: true },
  'adjustment.record': {
    inScope: () => ({ memberId: 'D001', year: 2024, points: 1, reason: '矩阵测试审计调整' }),
    outOfScope: () => [nope('member', { memberId: NOPE, year: 2024, points: 1, reason: '矩阵测试不存在' })],
    writes: true,
  },
  // A unit secretary asks for the branch (unitBranchId); admins for a scope (scopeId), as member.list.
  'feedback.list': {
    inScope: (as) => (as === 'unit_secretary' ? { unitBranchId: 'UB1', year: YEAR } : { scopeId: orgIn(as), year: YEAR }),
    outOfScope: (as) => [
      ...(as === 'unit_secretary'
        ? [
            { label: 'unit branch UB2', body: { unitBranchId: 'UB2', year: YEAR }, status: 403 as const },
            nope('unit branch', { unitBranchId: 'UB99', year: YEAR }),
          ]
        : []),
      ...orgsOut(as).map((o) => ({ label: `scope ${o}`, body: { scopeId: o, year: YEAR }, status: 403 as const })),
      nope('scope', { scopeId: NOPE, year: YEAR }),
    ],
  },
  'feedback.remark': {
    inScope: () => ({ memberId: 'D001', year: YEAR, remark: '矩阵测试评语' }),
    outOfScope: () => [
      { label: 'an E2 member', body: { memberId: 'D012', year: YEAR, remark: '越权' }, status: 403 },
      nope('member', { memberId: NOPE, year: YEAR, remark: '不存在' }),
    ],
    writes: true,
  },
  'feedback.remarks': {
    inScope: () => ({ estateBranchId: 'E1', year: YEAR }),
    outOfScope: () => [
      { label: 'estate E2', body: { estateBranchId: 'E2', year: YEAR }, status: 403 },
      nope('estate', { estateBranchId: NOPE, year: YEAR }),
    ],
  },
  'dashboard.get': {
    inScope: (as) => ({ scopeId: orgIn(as), year: YEAR }),
    outOfScope: (as) => [
      ...need(DASHBOARD_OUT[as], `dashboard targets for ${as}`).map((o) => ({
        label: `scope ${o}`,
        body: { scopeId: o, year: YEAR },
        status: 403 as const,
      })),
      nope('scope', { scopeId: NOPE, year: YEAR }),
    ],
  },
  // Runs an export job to its end: leaves the finished job and its file.
  'export.xlsx': { ...orgRead((scopeId) => ({ kind: 'totals', scopeId, year: YEAR })), writes: true },
  'export.start': { ...orgRead((scopeId) => ({ kind: 'totals', scopeId, year: YEAR })), writes: true },
  // A 核算 job per role's scope (started by the county admin in createFixtures): whoever reads a scope's scores may
  // follow and drive its tally; a job above or beside the caller's scope is not theirs.
  'job.get': jobRow(),
  'job.step': { ...jobRow(), writes: true },
  'job.list': { inScope: () => ({}), outOfScope: () => [], selfScoped: true },
  'job.drive': { inScope: () => ({}), outOfScope: () => [], selfScoped: true, writes: true },
  // 订阅消息
  'notify.config': { inScope: () => ({}), outOfScope: () => [], selfScoped: true },
  'notify.subscribe': { inScope: () => ({ accepted: ['review_result'] }), outOfScope: () => [], selfScoped: true, writes: true },
  'notify.mine': { inScope: () => ({}), outOfScope: () => [], selfScoped: true },
  'notify.list': { inScope: () => ({}), outOfScope: () => [], selfScoped: true },
  'notify.deliver': { inScope: () => ({}), outOfScope: () => [], selfScoped: true, writes: true },
  // ── 满意度测评 ──
  'survey.open': {
    inScope: () => ({ estateBranchId: 'E2', year: YEAR, period: '矩阵测试期' }),
    outOfScope: () => [
      { label: 'estate E3', body: { estateBranchId: 'E3', year: YEAR, period: '越权' }, status: 403 },
      { label: 'estate E5', body: { estateBranchId: 'E5', year: YEAR, period: '越权' }, status: 403 },
      nope('estate', { estateBranchId: 'E99', year: YEAR, period: '不存在' }),
    ],
    writes: true,
  },
  'survey.close': {
    inScope: (_as, fx) => ({ surveyId: fx.surveyClose }),
    outOfScope: (_as, fx) => [{ label: 'an E3 survey', body: { surveyId: fx.survey.E3 }, status: 403 }, nope('survey', { surveyId: NOPE })],
    writes: true,
  },
  'survey.list': orgRead((scopeId) => ({ scopeId, year: YEAR })),
  'survey.results': estateRead(
    (e, fx) => ({ surveyId: need(fx.survey[e], `a survey in ${e}`) }),
    () => ({ surveyId: NOPE }),
  ),
  'survey.poster': {
    inScope: (_as, fx) => ({ surveyId: fx.survey.E2 }),
    outOfScope: (_as, fx) => [
      { label: 'an E3 survey', body: { surveyId: fx.survey.E3 }, status: 403 },
      { label: 'an E5 survey', body: { surveyId: fx.survey.E5 }, status: 403 },
      nope('survey', { surveyId: NOPE }),
    ],
  },
  // Any signed-in WeChat user may open and answer any open survey (that is the point of the poster): nothing is out
  // of anyone's scope, only a survey that does not exist.
  'survey.form': { inScope: (_as, fx) => ({ surveyId: fx.survey.E1 }), outOfScope: () => [nope('survey', { surveyId: NOPE })], selfScoped: true },
  'survey.answer': {
    inScope: (_as, fx) => ({ surveyId: fx.survey.E1, branch: 'satisfied', committee: 'basic', property: 'dissatisfied' }),
    outOfScope: () => [nope('survey', { surveyId: NOPE, branch: 'satisfied', committee: 'basic', property: 'dissatisfied' })],
    selfScoped: true,
    writes: true,
  },
  // ——— 述职 (issue 13 §3): the fixtures hold a 2025 report of E1, CM1 and S1 (DUTY_TEXT), none of the others ———
  'report.get': {
    inScope: (as) => ({ orgId: as === 'county_admin' ? 'S1' : orgIn(as), year: YEAR }),
    outOfScope: (as) => [
      ...(DUTY_OUT[as] ?? []).map((o) => ({ label: `org ${o}`, body: { orgId: o, year: YEAR }, status: 403 as const })),
      nope('org', { orgId: NOPE, year: YEAR }),
    ],
  },
  'report.submit': {
    // The fixture's own text again: a retry answers the stored report even once it has been read.
    inScope: (as) => ({ orgId: orgIn(as), year: YEAR, text: DUTY_TEXT }),
    outOfScope: (as) => [
      ...(DUTY_SUBMIT_OUT[as] ?? []).map((o) => ({ label: `org ${o}`, body: { orgId: o, year: YEAR, text: DUTY_TEXT }, status: 403 as const })),
      nope('org', { orgId: NOPE, year: YEAR, text: DUTY_TEXT }),
    ],
    writes: true,
  },
  'report.list': {
    inScope: (as) => ({ orgId: orgIn(as), year: YEAR }),
    outOfScope: (as) => [
      ...(DUTY_LIST_OUT[as] ?? []).map((o) => ({ label: `org ${o}`, body: { orgId: o, year: YEAR }, status: 403 as const })),
      nope('org', { orgId: NOPE, year: YEAR }),
    ],
  },
  'report.review': {
    inScope: (as) => ({
      orgId: need(DUTY_CHILD[as], `a reported child of ${as}`),
      year: YEAR,
      version: 1,
      grade: 'fairlyGood',
      comment: '矩阵测试评语',
    }),
    outOfScope: (as) => [
      ...(DUTY_READ_OUT[as] ?? []).map((o) => ({
        label: `org ${o}`,
        body: { orgId: o, year: YEAR, version: 1, grade: 'good', comment: '越权' },
        status: 403 as const,
      })),
      nope('org', { orgId: NOPE, year: YEAR, version: 1, grade: 'good', comment: '不存在' }),
    ],
    writes: true,
  },
  'report.remind': {
    inScope: (as) => ({ orgId: need(DUTY_UNREPORTED[as], `an unreported child of ${as}`), year: YEAR }),
    outOfScope: (as) => [
      ...(DUTY_READ_OUT[as] ?? []).map((o) => ({ label: `org ${o}`, body: { orgId: o, year: YEAR }, status: 403 as const })),
      nope('org', { orgId: NOPE, year: YEAR }),
    ],
    writes: true,
  },
  // ── 红旗小区 评选 ──
  'redflag.campaignSave': { inScope: () => ({ year: 2027, criteria: RF_CRITERIA }), outOfScope: () => [], selfScoped: true, writes: true },
  'redflag.campaignGet': { inScope: () => ({ year: 2025 }), outOfScope: () => [], selfScoped: true },
  'redflag.extendDeadline': {
    inScope: () => ({ year: 2025, deadline: '2026-01-10' }),
    outOfScope: () => [nope('campaign', { year: 2030, deadline: '2030-12-31' })],
    writes: true,
  },
  'redflag.saveDraft': {
    inScope: () => ({ year: 2026, estateBranchId: 'E1', assessment: RF_ASSESSMENT }),
    outOfScope: () => [
      { label: 'estate E2', body: { year: 2026, estateBranchId: 'E2', assessment: RF_ASSESSMENT }, status: 403 },
      nope('estate', { year: 2026, estateBranchId: 'E99', assessment: RF_ASSESSMENT }),
    ],
    writes: true,
  },
  'redflag.submit': {
    inScope: () => ({ year: 2026, estateBranchId: 'E1' }),
    outOfScope: () => [
      { label: 'estate E2', body: { year: 2026, estateBranchId: 'E2' }, status: 403 },
      nope('estate', { year: 2026, estateBranchId: 'E99' }),
    ],
    writes: true,
  },
  'redflag.get': estateRead(
    (e) => ({ year: YEAR, estateBranchId: e }),
    () => ({ year: YEAR, estateBranchId: 'E99' }),
  ),
  'redflag.list': orgRead((scopeId) => ({ year: YEAR, scopeId })),
  'redflag.review': {
    inScope: () => ({ year: YEAR, estateBranchId: 'E1', decision: 'endorse' }),
    outOfScope: () => [
      { label: 'estate E3 (CM2)', body: { year: YEAR, estateBranchId: 'E3', decision: 'endorse' }, status: 403 },
      nope('estate', { year: YEAR, estateBranchId: 'E99', decision: 'endorse' }),
    ],
    writes: true,
  },
  'redflag.recommend': {
    inScope: () => ({ year: YEAR, streetId: 'S1', picks: [{ estateBranchId: 'E2', note: '矩阵实地评估' }] }),
    outOfScope: () => [
      { label: 'street S2', body: { year: YEAR, streetId: 'S2', picks: [] }, status: 403 },
      nope('street', { year: YEAR, streetId: NOPE, picks: [] }),
    ],
    writes: true,
  },
  'redflag.panelName': { inScope: () => ({ openid: 'demo-panel-9', department: '宣传部' }), outOfScope: () => [], selfScoped: true, writes: true },
  'redflag.score': {
    inScope: () => ({ year: YEAR, estateBranchId: 'E2', scores: { A: 50, B: 30 } }),
    outOfScope: () => [
      { label: 'estate E1 (not recommended)', body: { year: YEAR, estateBranchId: 'E1', scores: { A: 50, B: 30 } }, status: 403 },
      nope('estate', { year: YEAR, estateBranchId: 'E99', scores: { A: 50, B: 30 } }),
    ],
    writes: true,
  },
  'redflag.decide': {
    inScope: () => ({ year: YEAR, meetingOn: '2025-07-01', note: '矩阵常委会', approved: ['E2'] }),
    outOfScope: () => [nope('campaign', { year: 2030, meetingOn: '2030-01-05', note: '无', approved: ['E2'] })],
    writes: true,
  },
  'redflag.publicityOpen': {
    inScope: () => ({ year: YEAR, startOn: '2025-07-02' }),
    outOfScope: () => [nope('campaign', { year: 2030, startOn: '2030-07-02' })],
    writes: true,
  },
  'redflag.publicity': { inScope: () => ({ year: 2024 }), outOfScope: () => [], selfScoped: true },
  // Anyone signed in may report on any estate of the list: there is no scope to be outside of.
  'redflag.report': {
    inScope: () => ({ year: 2024, estateBranchId: 'E1', text: '矩阵测试：问题反映' }),
    outOfScope: () => [],
    selfScoped: true,
    writes: true,
  },
  'redflag.reports': { inScope: () => ({ year: 2024 }), outOfScope: () => [], selfScoped: true },
  'redflag.answer': {
    inScope: (_as, fx) => ({ reportId: fx.rfReport, verdict: 'dismissed', answer: '矩阵测试：经核实不属实' }),
    outOfScope: () => [nope('report', { reportId: 'RFR_NOPE99', verdict: 'dismissed', answer: '矩阵测试' })],
    writes: true,
  },
  'redflag.results': { inScope: () => ({ year: 2023 }), outOfScope: () => [], selfScoped: true },
  'redflag.subsidyPaid': {
    inScope: () => ({ year: 2023, estateBranchId: 'E1', paidOn: '2024-03-01', paidBy: '县财政局' }),
    outOfScope: () => [nope('estate', { year: 2023, estateBranchId: 'E99', paidOn: '2024-03-01', paidBy: '县财政局' })],
    writes: true,
  },
  'redflag.honours': { inScope: () => ({}), outOfScope: () => [], selfScoped: true },
  // Writes the file (the local backend records who it was produced for).
  'redflag.export': { inScope: () => ({ year: 2023 }), outOfScope: () => [], selfScoped: true, writes: true },
}
/** Everything the rows point at, created through the API the way users would. */
export async function createFixtures(srv: TestServer): Promise<Fixtures> {
  const now = srv.clock.t
  const window = { startAt: toIsoShanghai(now - 5 * MINUTE), endAt: toIsoShanghai(now + 3 * HOUR) }
  const activity = async (estate: number, title: string) =>
    ok(await srv.call(`demo-secretary-e${estate}`, 'activity.create', { estateBranchId: `E${estate}`, title, itemCode: 'V01', ...window }))
      .activityId as string
  const act: Record<string, string> = {}
  for (let k = 1; k <= 6; k++) act[`E${k}`] = await activity(k, `矩阵活动 E${k}`)
  const actCheckin = await activity(1, '矩阵签到')
  const actCheckout = await activity(1, '矩阵签退')
  const checkin = async (openid: string, activityId: string) =>
    ok(await srv.call(openid, 'activity.checkin', { code: srv.codeFor(activityId).qr })).attendanceId as string
  await checkin('demo-member-1', actCheckout)
  const attE1 = await checkin('demo-member-2', act.E1)
  const attE1b = await checkin('demo-member-3', act.E1)
  const attE2 = await checkin('member-d011', act.E2)

  const pending = async (openid: string, estate: string, phone: string) => {
    const r = ok(await srv.call(openid, 'member.register', { name: '待审核者', phone, unitBranchId: 'UB3', estateBranchId: estate }))
    if (r.status !== 'pending') throw new Error(`fixture: ${openid} should be pending`)
    return r.memberId as string
  }
  const pendingE1 = await pending('authz-pending-e1a', 'E1', '13700000001')
  const pendingE1b = await pending('authz-pending-e1b', 'E1', '13700000002')
  const pendingE2 = await pending('authz-pending-e2', 'E2', '13700000003')

  const draftE1 = ok(await srv.call('demo-secretary-e1', 'ruleset.save', demoRuleset('E1', 2026))).rulesetId as string
  const draftE2 = ok(await srv.call('demo-secretary-e2', 'ruleset.save', demoRuleset('E2', 2026))).rulesetId as string

  const future = { startAt: toIsoShanghai(now + 24 * HOUR), endAt: toIsoShanghai(now + 26 * HOUR) }
  const create = async (estate: number, title: string, extra: Record<string, unknown> = {}) =>
    ok(await srv.call(`demo-secretary-e${estate}`, 'activity.create', { estateBranchId: `E${estate}`, title, itemCode: 'V01', ...future, ...extra }))
      .activityId as string
  const actFuture = await create(1, '矩阵报名')
  const actSigned = await create(1, '矩阵已报名')
  ok(await srv.call('demo-member-1', 'activity.signup', { activityId: actSigned }))
  const actFutureE2 = await create(2, '矩阵报名 E2')
  const draftActE1 = await create(1, '矩阵草稿', { draft: true })
  const draftActE2 = await create(2, '矩阵草稿 E2', { draft: true })
  const actCancelE1 = await create(1, '矩阵待取消')

  const approvedE1 = await checkin('demo-member-4', act.E1)
  ok(await srv.call('demo-secretary-e1', 'attendance.review', { attendanceIds: [approvedE1], decision: 'approve' }))
  const approvedE2 = await checkin('member-d012', act.E2)
  ok(await srv.call('demo-secretary-e2', 'attendance.review', { attendanceIds: [approvedE2], decision: 'approve' }))

  const today = toIsoShanghai(now).slice(0, 10)
  for (const k of [1, 2]) ok(await srv.call(`demo-secretary-e${k}`, 'publicity.open', { estateBranchId: `E${k}`, year: 2025, startOn: today }))
  const appealE1 = ok(await srv.call('demo-member-2', 'appeal.create', { year: 2025, target: 'total', reason: '矩阵测试：请核实总分' }))
    .appealId as string
  const appealE2 = ok(await srv.call('member-d011', 'appeal.create', { year: 2025, target: 'total', reason: '矩阵测试：请核实总分' }))
    .appealId as string
  // 2024's (and 2023's) 公示 ended long ago in every estate, so the county may finalise those years in the matrix. Nobody can
  // back-date a 公示 through the API, so this history is written straight into the store.
  for (let k = 1; k <= 6; k++) {
    // 2023 likewise, for the 定稿 job's row.
    for (const year of [2023, 2024]) {
      await srv.deps.store.set('publicity', {
        _id: `PUB_E${k}_${year}`,
        estateBranchId: `E${k}`,
        year,
        startOn: `${year + 1}-01-06`,
        endOn: `${year + 1}-01-10`,
        workingDays: 5,
        openedBy: `demo-secretary-e${k}`,
        openedAt: now - 200 * 24 * HOUR,
      })
    }
  }

  const moveToE1 = ok(await srv.call('member-d013', 'member.requestMove', { estateBranchId: 'E1', reason: '矩阵测试：搬到幸福里' }))
    .requestId as string
  const moveToE2 = ok(await srv.call('demo-member-5', 'member.requestMove', { estateBranchId: 'E2', reason: '矩阵测试：搬到 E2' }))
    .requestId as string

  const importUploading = ok(await srv.call('demo-admin', 'admin.importStart', { fileName: '矩阵名册.csv', rows: 1000 })).id as string
  const importPreviewed = ok(await srv.call('demo-admin', 'admin.importStart', { fileName: '矩阵名册2.csv', rows: 1 })).id as string
  const matrixRow = { line: 2, id: 'AZ_M2', name: '矩阵导入', phone: '13900009998', unitBranchId: 'UB1', estateBranchId: 'E1' }
  ok(await srv.call('demo-admin', 'admin.importChunk', { jobId: importPreviewed, index: 0, rows: [matrixRow] }))
  ok(await srv.call('demo-admin', 'job.step', { jobId: importPreviewed }))

  // 红旗小区 (see RF_CRITERIA).
  for (const y of [2025, 2026]) ok(await srv.call('demo-admin', 'redflag.campaignSave', { year: y, criteria: RF_CRITERIA }))
  for (const [e, y] of [
    ['E1', 2025],
    ['E2', 2025],
    ['E1', 2026],
  ] as const)
    ok(await srv.call(`demo-secretary-${e.toLowerCase()}`, 'redflag.saveDraft', { year: y, estateBranchId: e, assessment: RF_ASSESSMENT }))
  for (const e of ['E1', 'E2']) ok(await srv.call(`demo-secretary-${e.toLowerCase()}`, 'redflag.submit', { year: 2025, estateBranchId: e }))
  ok(await srv.call('demo-community-cm1', 'redflag.review', { year: 2025, estateBranchId: 'E2', decision: 'endorse' }))
  ok(await srv.call('demo-street-s1', 'redflag.recommend', { year: 2025, streetId: 'S1', picks: [{ estateBranchId: 'E2', note: '矩阵实地评估' }] }))
  ok(await srv.call('demo-admin', 'redflag.decide', { year: 2025, meetingOn: '2025-07-01', note: '矩阵常委会', approved: ['E2'] }))
  // Earlier years' campaigns cannot be walked through the API at today's date (their deadlines are past), so their
  // end states are written straight into the store: 2024 is in 公示 (E1, E3 approved), 2023 is final (E1).
  const past = (year: number, approved: string[], publicity: { startOn: string; endOn: string }) =>
    srv.deps.store.set('rfCampaigns', {
      _id: `RFC_${year}`,
      year,
      quota: 20,
      sharePct: 20,
      deadline: `${year}-12-30`,
      criteria: RF_CRITERIA,
      subsidyYuan: 5000,
      firstSubmittedAt: now - 300 * 24 * HOUR,
      decision: { meetingOn: `${year + 1}-01-10`, note: '县委常委会审定', approved, by: 'demo-admin', at: now - 200 * 24 * HOUR },
      publicity: { ...publicity, workingDays: 5, by: 'demo-admin', at: now - 200 * 24 * HOUR },
      createdBy: 'demo-admin',
      createdAt: now - 400 * 24 * HOUR,
      updatedAt: now - 200 * 24 * HOUR,
    })
  await past(2023, ['E1'], { startOn: '2024-01-15', endOn: '2024-01-19' })
  await past(2024, ['E1', 'E3'], { startOn: '2025-06-30', endOn: '2025-07-04' })
  const rfReport = ok(await srv.call('demo-member-2', 'redflag.report', { year: 2024, estateBranchId: 'E3', text: '矩阵测试：物业收费不公开' }))
    .reportId as string

  // One 核算 job per scope the roles are granted on or refused: the county admin starts them; each is done at once.
  const tallyJob: Record<string, string> = {}
  for (const scopeId of ['county', 'S1', 'S2', 'CM1', 'CM2', 'E1', 'E2', 'UB1', 'UB2', 'U1']) {
    tallyJob[scopeId] = ok(await srv.call('demo-admin', 'score.tallyJob', { year: 2025, scopeId })).id as string
  }

  // 满意度测评: CM1 opens E1's and E2's surveys; the other estates' communities have no admin in the demo, so theirs
  // are written straight into the store.
  const survey: Record<string, string> = {}
  for (const e of ['E1', 'E2'])
    survey[e] = ok(await srv.call('demo-community-cm1', 'survey.open', { estateBranchId: e, year: 2025, period: '矩阵' })).surveyId as string
  const surveyClose = ok(await srv.call('demo-community-cm1', 'survey.open', { estateBranchId: 'E1', year: 2025, period: '矩阵待结束' }))
    .surveyId as string
  for (const e of ['E3', 'E4', 'E5', 'E6']) {
    survey[e] = `SV_AZ_${e}`
    await srv.deps.store.set('surveys', {
      _id: survey[e],
      estateBranchId: e,
      year: 2025,
      period: '矩阵',
      title: '矩阵测评',
      status: 'open',
      openedBy: 'authz',
      openedAt: now,
    })
  }

  // 述职 of 2025 by E1, CM1 and S1 (report.* rows).
  for (const [openid, orgId] of [
    ['demo-secretary-e1', 'E1'],
    ['demo-community-cm1', 'CM1'],
    ['demo-street-s1', 'S1'],
  ]) {
    ok(await srv.call(openid, 'report.submit', { orgId, year: 2025, text: DUTY_TEXT }))
  }

  return {
    survey,
    surveyClose,
    rfReport,
    importUploading,
    importPreviewed,
    tallyJob,
    act,
    actCheckin,
    actCheckout,
    pendingE1,
    pendingE1b,
    pendingE2,
    draftE1,
    draftE2,
    attE1,
    attE1b,
    attE2,
    actFuture,
    actSigned,
    actFutureE2,
    draftActE1,
    draftActE2,
    actCancelE1,
    approvedE1,
    approvedE2,
    appealE1,
    appealE2,
    moveToE1,
    moveToE2,
    code: (id) => srv.codeFor(id),
  }
}
