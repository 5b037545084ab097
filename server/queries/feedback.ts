// The 双报告 table, read on its screen (feedback.list) and exported (export.xlsx) alike.
import { ADMIN_ROLES } from '../context/authz'
import type { Deps } from '../context/deps'
import { toNumber } from '../../src/core/scoring'
import { presentMinutes } from '../../src/core/presence'
import { toIsoShanghai } from '../../src/core/time'
import type { AttendanceDoc } from '../model/activity'
import type { OrgDoc } from '../model/org'
import { basesOf, presenceOf } from './activities'
import { findIn, findMembersIn, getOrg, orgsUnder } from './orgs'
import { frozenMembersOf, scoreMembers, type RosterMember } from './scores'
import { yearSettings } from './year-settings'

/** Approved attendances and claims of members in a year, with what each is scored against. */
export async function approvedAttendances(deps: Deps, memberIds: string[], year: number) {
  const attendances = (await findIn(deps.store, 'attendances', 'memberId', memberIds, { year })).filter((a) => a.status === 'approved')
  return { attendances, bases: await basesOf(deps.store, attendances) }
}

/** Who reads the 双报告 table: the unit branch's secretary, and admins for the members of their scope. */
export const FEEDBACK_READERS = ['unit_secretary', ...ADMIN_ROLES] as const

/** The 双报告 table of a scope, for a reader whose scope was checked (FEEDBACK_READERS). */
export async function feedbackTable(deps: Deps, scope: OrgDoc, year: number) {
  const under = await orgsUnder(deps.store, scope)
  const unitIds = under.filter((o) => o.kind === 'unitBranch').map((o) => o._id)
  const estateIds = under.filter((o) => o.kind === 'estate').map((o) => o._id)
  // A finalised year reports on the members it was signed off with, where they were then (see score.list).
  const settings = await yearSettings(deps.store, year)
  const frozen = await frozenMembersOf(deps.store, settings, estateIds, unitIds)
  const found = new Map<string, RosterMember>()
  if (frozen) for (const m of frozen) found.set(m._id, m)
  else {
    for (const m of await findMembersIn(deps.store, 'unitBranchId', unitIds)) found.set(m._id, m)
    for (const m of await findMembersIn(deps.store, 'estateBranchId', estateIds)) found.set(m._id, m)
  }
  const members = [...found.values()].filter((m) => m.status !== 'rejected')
  const active = members.filter((m) => m.status === 'active')
  const scored = new Map((await scoreMembers(deps.store, year, active, settings)).map((r) => [r.member._id, r]))
  const { attendances, bases } = await approvedAttendances(
    deps,
    active.map((m) => m._id),
    year,
  )
  const byMember = new Map<string, AttendanceDoc[]>()
  for (const a of attendances) {
    const list = byMember.get(a.memberId)
    if (list) list.push(a)
    else byMember.set(a.memberId, [a])
  }
  const remarks = new Map(
    (
      await findIn(
        deps.store,
        'remarks',
        'memberId',
        active.map((m) => m._id),
        { year: year },
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
  return { scopeId: scope._id, scopeName: scope.name, ...branch, year: year, rows }
}
