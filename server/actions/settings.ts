// The county's settings of a year: weights, bands, the 公示 calendar and the honour list.
import { fail } from '../../src/core/errors'
import { yearCalendar } from '../../src/core/holiday-calendar'
import type { BodyOf } from '../../src/core/contracts'
import { toNumber, weightToNumber, type Band } from '../../src/core/scoring'
import { toIsoShanghai } from '../../src/core/time'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { YearSettingsDoc } from '../model/year'
import { requireCounty } from '../queries/orgs'
import { assertYearOpen, yearSettings } from '../queries/year-settings'

function settingsView(s: YearSettingsDoc) {
  const cal = yearCalendar(s.year, s)
  return {
    year: s.year,
    weights: { unit: weightToNumber(s.weights.unit), estate: weightToNumber(s.weights.estate) },
    bands: s.bands.map((b) => ({ name: b.name, min: toNumber(b.min) })),
    holidays: cal.holidays,
    extraWorkdays: cal.extraWorkdays,
    ...(cal.prefilled ? { calendarPrefilled: true } : {}),
    honourList: s.honourList ?? false,
    locked: s.locked,
    ...(s.finalisedAt ? { finalisedAt: toIsoShanghai(s.finalisedAt) } : {}),
  }
}

/** A weight in exact basis points, or a clear refusal (0.3333 is fine, 0.33333 is not). */
function basisPoints(w: number, field: string): number {
  const bp = Math.round(w * 10000)
  if (Math.abs(bp - w * 10000) > 1e-6) fail('VALIDATION', `权重（${field}）最多保留四位小数`, { field })
  return bp
}

export async function settingsSet(b: BodyOf<'settings.set'>, ctx: Ctx, deps: Deps) {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '县级设置')
  await assertYearOpen(deps.store, b.year)
  const cur = await yearSettings(deps.store, b.year)
  const next: YearSettingsDoc = { ...cur }
  if (b.weights) {
    const unit = basisPoints(b.weights.unit, 'weights.unit')
    const estate = basisPoints(b.weights.estate, 'weights.estate')
    if (unit + estate !== 10000) fail('VALIDATION', `单位权重与小区权重之和必须为 1（现为 ${(unit + estate) / 10000}）`, { field: 'weights' })
    next.weights = { unit, estate }
  }
  if (b.bands) {
    const bands: Band[] = [...b.bands].sort((x, y) => y.min - x.min)
    if (new Set(bands.map((x) => x.name)).size !== bands.length) fail('VALIDATION', '等次名称不能重复', { field: 'bands' })
    if (new Set(bands.map((x) => x.min)).size !== bands.length) fail('VALIDATION', '等次分数线不能重复', { field: 'bands' })
    if (bands[bands.length - 1].min !== 0) fail('VALIDATION', '最低一档等次的分数线必须为 0，保证每个总分都有等次', { field: 'bands' })
    next.bands = bands
  }
  if (b.holidays || b.extraWorkdays) {
    // Saving either list saves the calendar: the list not sent keeps what the admin saw (the national prefill
    // until the calendar is first saved).
    const shown = yearCalendar(cur.year, cur)
    next.holidays = [...new Set(b.holidays ?? shown.holidays)].sort()
    next.extraWorkdays = [...new Set(b.extraWorkdays ?? shown.extraWorkdays)].sort()
  }
  if (b.honourList !== undefined) next.honourList = b.honourList
  await deps.store.transaction(async (tx) => {
    await tx.set('settings', next)
    await tx.create('audit', auditDoc(ctx, 'settings.set', next._id, settingsView(cur), settingsView(next)))
  })
  return settingsView(next)
}

export async function settingsGet(b: BodyOf<'settings.get'>, _ctx: Ctx, deps: Deps) {
  return settingsView(await yearSettings(deps.store, b.year))
}
