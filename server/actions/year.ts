// The year's end: finalisation tallies every total and locks the year; afterwards only audited adjustments
// (adjustment.record) correct it.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import { shanghaiDate } from '../../src/core/working-days'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { orgsUnder, requireCounty } from '../queries/orgs'
import { publicityId } from '../queries/publicity'
import { yearSettings } from '../queries/year-settings'
import { tallyTotals } from '../services/tally'

export async function yearFinalise(b: BodyOf<'year.finalise'>, ctx: Ctx, deps: Deps) {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '年度定稿')
  const settings = await yearSettings(deps.store, b.year)
  if (settings.locked) fail('CONFLICT', `${b.year} 年度已定稿`)
  const today = shanghaiDate(ctx.now)
  const estates = (await orgsUnder(deps.store, county)).filter((o) => o.kind === 'estate')
  const waiting: string[] = []
  for (const e of estates) {
    if ((await deps.store.count('members', { estateBranchId: e._id, status: 'active' })) === 0) continue
    const p = await deps.store.get('publicity', publicityId(e._id, b.year))
    if (!p || p.endOn >= today) waiting.push(e.name)
  }
  if (waiting.length) fail('CONFLICT', `以下小区的公示尚未结束，不能定稿：${waiting.join('、')}`, { estates: waiting })
  const open = await deps.store.count('appeals', { year: b.year, status: 'open' })
  if (open) fail('CONFLICT', `还有 ${open} 条申诉未答复，不能定稿`)
  const tally = await tallyTotals(ctx, deps, b.year, county)
  await deps.store.transaction(async (tx) => {
    const cur = await yearSettings(tx, b.year)
    await tx.set('settings', { ...cur, locked: true, finalisedAt: ctx.now, finalisedBy: ctx.openid })
    await tx.create('audit', auditDoc(ctx, 'year.finalise', `year_${b.year}`, { locked: false }, { locked: true, members: tally.members }))
  })
  return { year: b.year, locked: true, members: tally.members, complete: tally.complete, incomplete: tally.incomplete }
}
