// Dashboards for communities, streets and the county: registration, participation and the band distribution.
import type { BodyOf } from '../../src/core/contracts'
import { toNumber } from '../../src/core/scoring'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { approvedAttendances } from '../queries/feedback'
import { findIn, findMembersIn, orgsUnder, requireOrg } from '../queries/orgs'
import { frozenMembersOf, scoreMembers } from '../queries/scores'
import { yearSettings } from '../queries/year-settings'

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
  // it was signed off with (like score.list), else today's registered members.
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
    await findIn(
      deps.store,
      'attendances',
      'estateBranchId',
      estates.map((e) => e._id),
      { status: 'pending' },
    )
  ).length
  const openAppeals = (
    await findIn(
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
