// 公示: an estate publishes its results for a number of working days, during which members may appeal.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import { yearCalendar } from '../../src/core/holiday-calendar'
import { endAfterWorkingDays, shanghaiDate } from '../../src/core/working-days'
import { DocumentExists } from '../ports/store.port'
import { auditDoc } from '../context/audit'
import { covers, requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { PublicityDoc } from '../model/year'
import { requireOrg } from '../queries/orgs'
import { publicityId, publicityStatus } from '../queries/publicity'
import { yearSettings } from '../queries/year-settings'
import { queuePublicityOpened } from '../services/notify'

function publicityView(p: PublicityDoc, now: number) {
  return {
    publicityId: p._id,
    estateBranchId: p.estateBranchId,
    year: p.year,
    startOn: p.startOn,
    endOn: p.endOn,
    workingDays: p.workingDays,
    status: publicityStatus(p, shanghaiDate(now)),
  }
}

/**
 * The working-day calendar a 公示 starting on `startOn` runs through: the holidays and 调休 days configured for
 * the results year and for the calendar years it may cross (a 2025 公示 held in January 2026 skips 2026's
 * New Year holiday, wherever the county entered it). A year whose calendar the admin never saved runs on the
 * national schedule (docs/DESIGN.md#publicity-appeals-and-locking).
 */
async function calendarFrom(deps: Deps, year: number, startOn: string) {
  const start = Number(startOn.slice(0, 4))
  const docs = await Promise.all([...new Set([year, start, start + 1])].map((y) => yearSettings(deps.store, y)))
  const cals = docs.map((d) => yearCalendar(d.year, d))
  return { holidays: cals.flatMap((c) => c.holidays), extraWorkdays: cals.flatMap((c) => c.extraWorkdays) }
}

export async function publicityOpen(b: BodyOf<'publicity.open'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate)
  const settings = await yearSettings(deps.store, b.year)
  if (settings.locked) fail('YEAR_LOCKED', `${b.year} 年度已定稿锁定`)
  const today = shanghaiDate(ctx.now)
  // No back-dating: a 公示 that "started" in the past would shorten the time members have to appeal.
  if (b.startOn < today) fail('VALIDATION', `公示开始日期（startOn）不能早于今天（${today}）`, { field: 'startOn' })
  const workingDays = b.workingDays ?? 5
  const doc: PublicityDoc = {
    _id: publicityId(estate._id, b.year),
    estateBranchId: estate._id,
    year: b.year,
    startOn: b.startOn,
    endOn: endAfterWorkingDays(b.startOn, workingDays, await calendarFrom(deps, b.year, b.startOn)),
    workingDays,
    openedBy: ctx.openid,
    openedAt: ctx.now,
  }
  try {
    await deps.store.transaction(async (tx) => {
      await tx.create('publicity', doc)
      await tx.create('audit', auditDoc(ctx, 'publicity.open', doc._id, null, { startOn: doc.startOn, endOn: doc.endOn }))
    })
  } catch (e) {
    if (e instanceof DocumentExists) fail('CONFLICT', `${estate.name} ${b.year} 年度已安排公示，不能重复发起`)
    throw e
  }
  await queuePublicityOpened(deps, doc, estate.name, ctx.now)
  return publicityView(doc, ctx.now)
}

export async function publicityGet(b: BodyOf<'publicity.get'>, ctx: Ctx, deps: Deps) {
  const estate = await requireOrg(deps.store, b.estateBranchId, 'estate', '小区党支部')
  const own = ctx.member?.status === 'active' && ctx.member.estateBranchId === estate._id
  if (!own && !covers(ctx, ['estate_secretary', 'community_admin', 'street_admin', 'county_admin'], estate))
    fail('FORBIDDEN', `无权查看其他小区的公示（${estate.name}）`)
  const p = await deps.store.get('publicity', publicityId(estate._id, b.year))
  return p ? publicityView(p, ctx.now) : null
}
