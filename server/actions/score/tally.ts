// The county tally in resumable batches, for WeChat cloud functions that must finish well inside their
// timeout (docs/DESIGN.md#budgets-and-how-they-are-measured). A run document holds the phase and an `_id` cursor: first every registered member is
// scored, a page at a time, and written without ranks; then ranks are computed from all of this run's totals and
// written back a page at a time. Totals have deterministic ids, so a batch that is repeated after a timeout (its
// cursor not yet saved) rewrites the same documents: nothing is ever counted twice.
import type { BodyOf } from '../../../src/core/contracts'
import type { TallyResult } from '../../../src/core/api-types'
import { rankBy } from '../../../src/core/scoring'
import { toIsoShanghai } from '../../../src/core/time'
import { MAX_PAGE, type Picked } from '../../ports/store.port'
import { auditDoc } from '../../context/audit'
import { requireScope } from '../../context/authz'
import type { Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import { COUNTY_ID } from '../../model/org'
import type { TotalDoc } from '../../model/score'
import { requireCounty, requireOrg } from '../../queries/orgs'
import { scoreMembers, totalDoc } from '../../queries/scores'
import { assertYearOpen, yearSettings } from '../../queries/year-settings'
import { tallyTotals } from '../../services/tally'

export async function scoreTally(b: BodyOf<'score.tally'>, ctx: Ctx, deps: Deps): Promise<TallyResult> {
  const scopeId = b.scopeId ?? COUNTY_ID
  const scope = await requireOrg(deps.store, scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  requireScope(ctx, ['county_admin'], scope)
  // A finalised year's totals are what was signed off; corrections after it are audited adjustments.
  await assertYearOpen(deps.store, b.year)
  return tallyTotals(ctx, deps, b.year, scope)
}

export const DEFAULT_BATCH = 200

export async function scoreTallyStep(b: BodyOf<'score.tallyStep'>, ctx: Ctx, deps: Deps, batch = DEFAULT_BATCH) {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '核算')
  await assertYearOpen(deps.store, b.year)
  const store = deps.store
  const id = `TR_${b.year}`
  let run = await store.get('tallyRuns', id)
  if (!run || (run.phase === 'done' && b.restart)) {
    run = { _id: id, year: b.year, phase: 'score', cursor: null, scored: 0, ranked: 0, startedAt: ctx.now, updatedAt: ctx.now, startedBy: ctx.openid }
    await store.set('tallyRuns', run)
  }
  const r = run
  if (r.phase === 'score') {
    const page = await store.findPage('members', { status: 'active' }, { ...(r.cursor ? { after: r.cursor } : {}), limit: batch })
    const settings = await yearSettings(store, b.year)
    const scored = await scoreMembers(store, b.year, page, settings)
    for (const s of scored) await store.set('totals', totalDoc(b.year, s, r.startedAt, false))
    r.scored += page.length
    r.cursor = page.length ? page[page.length - 1]._id : r.cursor
    if (page.length < batch) Object.assign(r, { phase: 'rank', cursor: null })
  } else if (r.phase === 'rank') {
    // Ranks need every total of the run; they are small, read page by page with only what ranking needs.
    const all: Picked<TotalDoc, 'estateBranchId' | 'unitBranchId' | 'total' | 'talliedAt'>[] = []
    for (let after: string | undefined; ; ) {
      const p = await store.findPage(
        'totals',
        { year: b.year },
        { ...(after ? { after } : {}), limit: MAX_PAGE, fields: ['estateBranchId', 'unitBranchId', 'total', 'talliedAt'] },
      )
      all.push(...p.filter((t) => t.talliedAt === r.startedAt))
      if (p.length < MAX_PAGE) break
      after = p[p.length - 1]._id
    }
    const ranks = new Map<string, { estate: number | null; unit: number | null }>()
    for (const key of ['estateBranchId', 'unitBranchId'] as const) {
      const groups = new Map<string, typeof all>()
      for (const t of all) groups.set(t[key], [...(groups.get(t[key]) ?? []), t])
      for (const group of groups.values()) {
        const rk = rankBy(group, (t) => (t.total === undefined ? null : t.total))
        for (const t of group) {
          const cur = ranks.get(t._id) ?? { estate: null, unit: null }
          cur[key === 'estateBranchId' ? 'estate' : 'unit'] = rk.get(t) ?? null
          ranks.set(t._id, cur)
        }
      }
    }
    const page = await store.findPage('totals', { year: b.year }, { ...(r.cursor ? { after: r.cursor } : {}), limit: batch })
    for (const t of page) {
      const rk = ranks.get(t._id)
      if (!rk || t.talliedAt !== r.startedAt) continue
      await store.set('totals', { ...t, rankInEstate: rk.estate, rankInUnit: rk.unit })
      r.ranked++
    }
    r.cursor = page.length ? page[page.length - 1]._id : r.cursor
    if (page.length < batch) {
      Object.assign(r, { phase: 'done', cursor: null })
      await store.create('audit', auditDoc(ctx, 'score.tallyStep', `${b.year}:${COUNTY_ID}`, null, { members: r.scored }))
    }
  }
  r.updatedAt = ctx.now
  await store.set('tallyRuns', r)
  return { year: b.year, phase: r.phase, scored: r.scored, ranked: r.ranked, done: r.phase === 'done', startedAt: toIsoShanghai(r.startedAt) }
}
