// The county tally in resumable batches, for WeChat cloud functions that must finish well inside their
// timeout (SPEC §3.7). A run document holds the phase and an `_id` cursor: first every registered member is
// scored, a page at a time, and written without ranks; then ranks are computed from all of this run's totals and
// written back a page at a time. Totals have deterministic ids, so a batch that is repeated after a timeout (its
// cursor not yet saved) rewrites the same documents: nothing is ever counted twice.
import type { BodyOf } from '../../src/core/contracts'
import { rankBy } from '../../src/core/scoring'
import { toIsoShanghai } from '../../src/core/time'
import { MAX_PAGE } from '../ports/store.port'
import { COUNTY_ID, assertYearOpen, auditDoc, getOrg, requireScope, yearSettings, type Ctx, type Deps, type MemberDoc, type OrgDoc } from '../context'
import { scoreMembers, totalDoc, type TotalDoc } from './scores'

export interface TallyRunDoc {
  _id: string
  year: number
  phase: 'score' | 'rank' | 'done'
  cursor: string | null
  scored: number
  ranked: number
  /** Stamped on every total this run writes, so ranking takes only this run's totals. */
  startedAt: number
  updatedAt: number
  startedBy: string
}

export const DEFAULT_BATCH = 200

export async function scoreTallyStep(b: BodyOf<'score.tallyStep'>, ctx: Ctx, deps: Deps, batch = DEFAULT_BATCH) {
  const county = (await getOrg(deps.store, COUNTY_ID)) as OrgDoc
  requireScope(ctx, ['county_admin'], county, '核算')
  await assertYearOpen(deps.store, b.year)
  const store = deps.store
  const id = `TR_${b.year}`
  let run = await store.get<TallyRunDoc>('tallyRuns', id)
  if (!run || (run.phase === 'done' && b.restart)) {
    run = { _id: id, year: b.year, phase: 'score', cursor: null, scored: 0, ranked: 0, startedAt: ctx.now, updatedAt: ctx.now, startedBy: ctx.openid }
    await store.set('tallyRuns', run)
  }
  const r = run
  if (r.phase === 'score') {
    const page = await store.findPage<MemberDoc>('members', { status: 'active' }, { ...(r.cursor ? { after: r.cursor } : {}), limit: batch })
    const settings = await yearSettings(store, b.year)
    const scored = await scoreMembers(store, b.year, page, settings)
    for (const s of scored) await store.set('totals', totalDoc(b.year, s, r.startedAt, false))
    r.scored += page.length
    r.cursor = page.length ? page[page.length - 1]._id : r.cursor
    if (page.length < batch) Object.assign(r, { phase: 'rank', cursor: null })
  } else if (r.phase === 'rank') {
    // Ranks need every total of the run; they are small, read page by page with only what ranking needs.
    const all: Pick<TotalDoc, '_id' | 'estateBranchId' | 'unitBranchId' | 'total' | 'talliedAt'>[] = []
    for (let after: string | undefined; ; ) {
      const p = await store.findPage<TotalDoc>(
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
    const page = await store.findPage<TotalDoc>('totals', { year: b.year }, { ...(r.cursor ? { after: r.cursor } : {}), limit: batch })
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
