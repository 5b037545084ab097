// What the organisation reads (SPEC §3.9–3.10): the 双报告 feedback table for unit branches and dashboards for
// communities, streets and the county.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import { toNumber } from '../../src/core/scoring'
import { presentMinutes } from '../../src/core/presence'
import { toIsoShanghai } from '../../src/core/time'
import {
  ADMIN_ROLES,
  assertYearOpen,
  auditDoc,
  findIn,
  findMembersIn,
  getOrg,
  orgsUnder,
  requireOrg,
  requireScope,
  yearSettings,
  type Ctx,
  type Deps,
  type MemberDoc,
} from '../context'
import { basesOf, presenceOf, type AttendanceDoc } from './activities'
import { frozenMembersOf, scoreMembers } from './scores'

export interface RemarkDoc {
  _id: string
  memberId: string
  year: number
  estateBranchId: string
  remark: string
  by: string
  at: number
}

const remarkId = (year: number, memberId: string) => `RM_${year}_${memberId}`

export async function feedbackRemark(b: BodyOf<'feedback.remark'>, ctx: Ctx, deps: Deps) {
  const member = await deps.store.get<MemberDoc>('members', b.memberId)
  if (!member || member.status !== 'active' || !member.estateBranchId) fail('NOT_FOUND', `党员不存在或尚未完成报到：${b.memberId}`)
  const m = member as MemberDoc
  const estate = await requireOrg(deps.store, m.estateBranchId as string, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate, '其他小区的党员')
  await assertYearOpen(deps.store, b.year)
  const doc: RemarkDoc = {
    _id: remarkId(b.year, m._id),
    memberId: m._id,
    year: b.year,
    estateBranchId: estate._id,
    remark: b.remark,
    by: ctx.openid,
    at: ctx.now,
  }
  await deps.store.transaction(async (tx) => {
    const before = await tx.get<RemarkDoc>('remarks', doc._id)
    await tx.set('remarks', doc)
    await tx.create('audit', auditDoc(ctx, 'feedback.remark', doc._id, before ? { remark: before.remark } : null, { remark: b.remark }))
  })
  return { memberId: m._id, year: b.year, remark: b.remark }
}

/** The estate's 评语 of a year read back: the secretary sees what was sent and who has none yet. */
export async function feedbackRemarks(b: BodyOf<'feedback.remarks'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  const docs = await deps.store.find<RemarkDoc>('remarks', { estateBranchId: estate._id, year: b.year })
  const rows = docs
    .map((d) => ({ memberId: d.memberId, remark: d.remark, at: toIsoShanghai(d.at) }))
    .sort((x, y) => x.memberId.localeCompare(y.memberId))
  return { estateBranchId: estate._id, year: b.year, rows }
}

/** Approved attendances and claims of members in a year, with what each is scored against. */
async function approvedAttendances(deps: Deps, memberIds: string[], year: number) {
  const attendances = (await findIn<AttendanceDoc>(deps.store, 'attendances', 'memberId', memberIds, { year })).filter((a) => a.status === 'approved')
  return { attendances, bases: await basesOf(deps.store, attendances) }
}

/** Who reads the 双报告 table: the unit branch's secretary, and admins for the members of their scope. */
const FEEDBACK_READERS = ['unit_secretary', ...ADMIN_ROLES] as const

/**
 * The 双报告 table: a unit secretary asks for their branch (unitBranchId); a county, street or community admin for
 * a scope (scopeId), which holds every member whose unit branch OR estate branch lies in it.
 */
export async function feedbackList(b: BodyOf<'feedback.list'>, ctx: Ctx, deps: Deps) {
  if (!b.unitBranchId === !b.scopeId)
    fail('VALIDATION', '请指定单位党支部（unitBranchId）或范围（scopeId），二者取其一', { field: b.unitBranchId ? 'scopeId' : 'unitBranchId' })
  const scope = b.unitBranchId
    ? await requireOrg(deps.store, b.unitBranchId, 'unitBranch', '单位党支部')
    : await requireOrg(deps.store, b.scopeId as string, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  requireScope(ctx, FEEDBACK_READERS, scope)
  const under = await orgsUnder(deps.store, scope)
  const unitIds = under.filter((o) => o.kind === 'unitBranch').map((o) => o._id)
  const estateIds = under.filter((o) => o.kind === 'estate').map((o) => o._id)
  // A finalised year reports on the members it was signed off with, where they were then (see score.list).
  const settings = await yearSettings(deps.store, b.year)
  const frozen = await frozenMembersOf(deps.store, settings, estateIds, unitIds)
  const found = new Map<string, MemberDoc>()
  if (frozen) for (const m of frozen) found.set(m._id, m)
  else {
    for (const m of await findMembersIn(deps.store, 'unitBranchId', unitIds)) found.set(m._id, m)
    for (const m of await findMembersIn(deps.store, 'estateBranchId', estateIds)) found.set(m._id, m)
  }
  const members = [...found.values()].filter((m) => m.status !== 'rejected')
  const active = members.filter((m) => m.status === 'active')
  const scored = new Map((await scoreMembers(deps.store, b.year, active, settings)).map((r) => [r.member._id, r]))
  const { attendances, bases } = await approvedAttendances(
    deps,
    active.map((m) => m._id),
    b.year,
  )
  const byMember = new Map<string, AttendanceDoc[]>()
  for (const a of attendances) {
    const list = byMember.get(a.memberId)
    if (list) list.push(a)
    else byMember.set(a.memberId, [a])
  }
  const remarks = new Map(
    (
      await findIn<RemarkDoc>(
        deps.store,
        'remarks',
        'memberId',
        active.map((m) => m._id),
        { year: b.year },
      )
    ).map((r) => [r.memberId, r]),
  )
  const orgNames = new Map(under.map((o) => [o._id, o.name]))
  for (const id of new Set(members.flatMap((m) => [m.estateBranchId, m.unitBranchId]).filter((x): x is string => !!x))) {
    if (!orgNames.has(id)) orgNames.set(id, (await getOrg(deps.store, id))?.name ?? id)
  }
  const rows = members.map((m) => {
    const mine = byMember.get(m._id) ?? []
    const minutes = mine.reduce((sum, a) => {
      const basis = bases.get(a._id)
      return sum + (basis ? presentMinutes(presenceOf(a, basis)) : 0)
    }, 0)
    const s = scored.get(m._id)
    const remark = remarks.get(m._id)
    return {
      memberId: m._id,
      name: m.name,
      registered: m.status === 'active',
      unitBranchId: m.unitBranchId,
      unitBranchName: orgNames.get(m.unitBranchId) ?? '',
      estateBranchId: m.estateBranchId ?? '',
      estateBranchName: m.estateBranchId ? (orgNames.get(m.estateBranchId) ?? '') : '',
      activities: mine.length,
      hours: Math.round(minutes / 6) / 10,
      estateScore: s ? toNumber(s.estate.estateScore) : null,
      remark: remark?.remark ?? '',
      ...(remark ? { remarkAt: toIsoShanghai(remark.at) } : {}),
    }
  })
  rows.sort((x, y) => Number(y.registered) - Number(x.registered) || x.name.localeCompare(y.name, 'zh'))
  const branch = scope.kind === 'unitBranch' ? { unitBranchId: scope._id, unitBranchName: scope.name } : {}
  return { scopeId: scope._id, scopeName: scope.name, ...branch, year: b.year, rows }
}

export async function dashboardGet(b: BodyOf<'dashboard.get'>, ctx: Ctx, deps: Deps) {
  const scope = await requireOrg(deps.store, b.scopeId, ['county', 'street', 'community', 'estate'], '范围')
  requireScope(ctx, ['estate_secretary', 'community_admin', 'street_admin', 'county_admin'], scope)
  const estates = (await orgsUnder(deps.store, scope)).filter((o) => o.kind === 'estate')
  const members = await findMembersIn(
    deps.store,
    'estateBranchId',
    estates.map((e) => e._id),
  )
  const inDirectory = members.filter((m) => m.inDirectory)
  // Registration is today's state; who is scored and counted as taking part is, for a finalised year, the roster
  // it was signed off with (as in score.list), else today's registered members.
  const settings = await yearSettings(deps.store, b.year)
  const registered =
    (await frozenMembersOf(
      deps.store,
      settings,
      estates.map((e) => e._id),
      [],
    )) ?? members.filter((m) => m.status === 'active')
  const scored = await scoreMembers(deps.store, b.year, registered, settings)
  const { attendances } = await approvedAttendances(
    deps,
    registered.map((m) => m._id),
    b.year,
  )
  const participants = new Set(attendances.map((a) => a.memberId))
  const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n * 10000) / d) / 100)

  const distribution: Record<string, number> = Object.fromEntries(settings.bands.map((x) => [x.name, 0]))
  let incomplete = 0
  let sum = 0
  let complete = 0
  for (const r of scored) {
    if (r.total === null || r.band === null) incomplete++
    else {
      distribution[r.band] = (distribution[r.band] ?? 0) + 1
      sum += r.total
      complete++
    }
  }
  const pendingReviews = (
    await findIn<AttendanceDoc>(
      deps.store,
      'attendances',
      'estateBranchId',
      estates.map((e) => e._id),
      { status: 'pending' },
    )
  ).length
  const openAppeals = (
    await findIn<{ _id: string }>(
      deps.store,
      'appeals',
      'estateBranchId',
      estates.map((e) => e._id),
      { year: b.year, status: 'open' },
    )
  ).length
  const byEstate = estates
    .map((e) => {
      const regs = registered.filter((m) => m.estateBranchId === e._id)
      const dir = inDirectory.filter((m) => m.estateBranchId === e._id)
      const parts = regs.filter((m) => participants.has(m._id)).length
      return {
        estateBranchId: e._id,
        name: e.name,
        directory: dir.length,
        registered: regs.length,
        participants: parts,
        participationRate: rate(parts, regs.length),
      }
    })
    .sort((x, y) => (y.participationRate ?? -1) - (x.participationRate ?? -1) || x.name.localeCompare(y.name, 'zh'))
  return {
    scopeId: scope._id,
    scopeName: scope.name,
    year: b.year,
    directoryMembers: inDirectory.length,
    registered: registered.length,
    /** registered ÷ in-service members in the directory, in percent. */
    registrationRate: rate(inDirectory.filter((m) => m.status === 'active').length, inDirectory.length),
    participants: participants.size,
    participationRate: rate(participants.size, registered.length),
    averageTotal: complete ? toNumber(Math.round(sum / complete)) : null,
    distribution,
    incomplete,
    estates: byEstate,
    pendingReviews,
    openAppeals,
  }
}
