import type { TallyResult } from '../../src/core/api-types'
import { toIsoShanghai } from '../../src/core/time'
import { auditDoc } from '../context/audit'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { OrgDoc } from '../model/org'
import { scoreScope, totalDoc } from '../queries/scores'

/**
 * Scores every member in scope and stores their totals (score.tally, and year.finalise before it locks the year);
 * the caller has checked the county admin's scope and that the year is open.
 */
export async function tallyTotals(ctx: Ctx, deps: Deps, year: number, scope: OrgDoc): Promise<TallyResult> {
  const { rows } = await scoreScope(deps.store, year, scope)
  const docs = rows.map((r) => totalDoc(year, r, ctx.now))
  await deps.store.transaction(async (tx) => {
    for (const d of docs) await tx.set('totals', d)
    await tx.create('audit', auditDoc(ctx, 'score.tally', `${year}:${scope._id}`, null, { members: docs.length }))
  })
  const complete = docs.filter((d) => d.complete).length
  return { members: docs.length, complete, incomplete: docs.length - complete, year, scopeId: scope._id, talliedAt: toIsoShanghai(ctx.now) }
}
