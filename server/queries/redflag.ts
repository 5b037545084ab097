// 红旗小区 评选 reads (docs/DESIGN.md#red-flag-estates): the campaign, street quotas, and the estate figures an
// application freezes at submission.
import { fail } from '../../src/core/errors'
import { panelAverage, rateHundredths, streetQuota } from '../../src/core/redflag'
import { estateSatisfaction } from './surveys'
import { divRoundHalfUp } from '../../src/core/scoring'
import { yearCalendar } from '../../src/core/holiday-calendar'
import { MINUTE } from '../../src/core/time'
import type { Deps } from '../context/deps'
import type { OrgDoc } from '../model/org'
import type { RfCampaignDoc, RfSnapshot } from '../model/redflag'
import type { Store, TxStore } from '../ports/store.port'
import { approvedAttendances } from './feedback'
import { findMembersIn } from './orgs'
import { scoreMembers } from './scores'
import { yearSettings } from './year-settings'

export const rfCampaignId = (year: number) => `RFC_${year}`
export const rfApplicationId = (year: number, estateBranchId: string) => `RFA_${year}_${estateBranchId}`

export async function requireCampaign(store: Store | TxStore, year: number): Promise<RfCampaignDoc> {
  const c = await store.get('rfCampaigns', rfCampaignId(year))
  if (!c) fail('NOT_FOUND', `${year} 年度红旗小区评选尚未开启`)
  return c
}

/** Each street with its number of estate branches and the share it may recommend. */
export async function streetQuotas(store: Store, sharePct: number) {
  const orgs = await store.find('orgs', {})
  const streets = orgs.filter((o) => o.kind === 'street')
  const estates = orgs.filter((o) => o.kind === 'estate')
  return streets
    .map((s) => {
      const n = estates.filter((e) => e.path.includes(s._id)).length
      return { streetId: s._id, name: s.name, estates: n, quota: streetQuota(n, sharePct) }
    })
    .sort((a, b) => a.streetId.localeCompare(b.streetId))
}

/** The street and community an estate lies in (an estate hung straight under a street has no community). */
export function estatePlace(estate: OrgDoc, orgs: Map<string, OrgDoc>): { streetId: string; communityId: string | null } {
  const above = estate.path.map((id) => orgs.get(id)).filter((o): o is OrgDoc => !!o)
  const street = above.find((o) => o.kind === 'street')
  const community = above.find((o) => o.kind === 'community')
  if (!street) fail('CONFLICT', `${estate.name} 不属于任何街道，不能参加红旗小区评选`)
  return { streetId: street._id, communityId: community?._id ?? null }
}

/**
 * The estate's 满意率 and sample size from the 满意度测评 of the campaign year (docs/DESIGN.md#satisfaction-surveys):
 * every answer to every survey of that estate and year pooled, the overall rate in hundredths of a percent (half-up)
 * and the number of answers; null when the estate had no answer that year (the snapshot shows "暂无测评").
 */
export async function rfSurveyFigures(deps: Deps, estateBranchId: string, year: number): Promise<{ rate: number; sample: number } | null> {
  const s = await estateSatisfaction(deps.store, estateBranchId, year)
  return s.answers === 0 || s.overallBp === null ? null : { rate: s.overallBp, sample: s.answers }
}

/** The estate's figures as they stand now, for freezing with a submitted application. */
export async function estateSnapshot(deps: Deps, estateBranchId: string, year: number, now: number): Promise<RfSnapshot> {
  const members = (await findMembersIn(deps.store, 'estateBranchId', [estateBranchId])).filter((m) => m.status !== 'rejected')
  const inDirectory = members.filter((m) => m.inDirectory)
  const active = members.filter((m) => m.status === 'active')
  const { attendances } = await approvedAttendances(
    deps,
    active.map((m) => m._id),
    year,
  )
  // Volunteer hours: approved attendances of this estate (claims by their minutes, check-ins by their stay).
  let minutes = 0
  const participants = new Set<string>()
  for (const a of attendances) {
    participants.add(a.memberId)
    if (a.estateBranchId !== estateBranchId) continue
    if (a.claim?.minutes) minutes += a.claim.minutes
    else if (a.checkoutAt && a.checkoutAt > a.checkinAt) minutes += Math.floor((a.checkoutAt - a.checkinAt) / MINUTE)
  }
  const activities = (await deps.store.find('activities', { estateBranchId, year })).filter((x) => x.status === 'published' && x.startAt <= now)
  const scored = await scoreMembers(deps.store, year, active)
  const survey = await rfSurveyFigures(deps, estateBranchId, year)
  return {
    directory: inDirectory.length,
    registered: active.length,
    registrationRate: rateHundredths(inDirectory.filter((m) => m.status === 'active').length, inDirectory.length),
    participants: participants.size,
    participationRate: rateHundredths(participants.size, active.length),
    activities: activities.length,
    volunteerHours: divRoundHalfUp(minutes * 100, 60),
    averageEstateScore: panelAverage(scored.map((s) => s.estate.estateScore)),
    satisfactionRate: survey?.rate ?? null,
    satisfactionSample: survey?.sample ?? null,
    computedAt: now,
  }
}

/**
 * The working-day calendar a 公示 starting on `startOn` runs through: the configured holidays and 调休 days of the
 * calendar years it may cross (a 公示 in January skips New Year wherever the county entered it), as the estates' 公示 do.
 */
export async function rfPublicityCalendar(store: Store, startOn: string) {
  const start = Number(startOn.slice(0, 4))
  const docs = await Promise.all([start, start + 1].map((y) => yearSettings(store, y)))
  const cals = docs.map((d) => yearCalendar(d.year, d))
  return { holidays: cals.flatMap((c) => c.holidays), extraWorkdays: cals.flatMap((c) => c.extraWorkdays) }
}

export type RfPublicityStatus = 'scheduled' | 'open' | 'ended'
export function rfPublicityStatus(p: { startOn: string; endOn: string }, today: string): RfPublicityStatus {
  return today < p.startOn ? 'scheduled' : today <= p.endOn ? 'open' : 'ended'
}

/** The year's named estates: the approved list less those a 属实 report removed (never refilled). */
export const rfNamed = (c: RfCampaignDoc): string[] => (c.decision?.approved ?? []).filter((id) => !(c.removed ?? []).includes(id))

/** Whether the year's list is final: 公示 has ended and every report is answered. */
export async function rfIsFinal(store: Store, c: RfCampaignDoc, today: string): Promise<boolean> {
  if (!c.publicity || rfPublicityStatus(c.publicity, today) !== 'ended') return false
  const open = await store.find('rfReports', { year: c.year, status: 'open' })
  return open.length === 0
}
