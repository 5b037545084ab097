// 核算: one code path, the tally job (server/jobs/tally.ts, docs/DESIGN.md#jobs). `score.tallyJob` starts it (or joins
// the running one of the same year and scope) and answers its progress for the app to drive; `score.tally` runs it
// to its end in one call (local backend, small counties, black-box tests); `score.tallyStep` is one step of the
// county's job, for callers of the earlier batch API.
import type { TallyResult, TallyStepResult } from '../../../src/core/api-types'
import type { BodyOf } from '../../../src/core/contracts'
import { AppError, type ErrorCode } from '../../../src/core/errors'
import { toIsoShanghai } from '../../../src/core/time'
import { requireScope } from '../../context/authz'
import type { Ctx } from '../../context/caller'
import type { Deps } from '../../context/deps'
import { jobs } from '../../jobs'
import { continuesInBackground } from '../../jobs/runner'
import { newTallyJob, tallyJobId } from '../../jobs/tally'
import { COUNTY_ID } from '../../model/org'
import { requireCounty, requireOrg } from '../../queries/orgs'
import { assertYearOpen } from '../../queries/year-settings'

const SCOPE_KINDS = ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'] as const

async function tallyOf(year: number, scopeId: string, ctx: Ctx, deps: Deps) {
  const scope = await requireOrg(deps.store, scopeId, [...SCOPE_KINDS], '范围')
  requireScope(ctx, ['county_admin'], scope)
  // A finalised year's totals are what was signed off; corrections after it are audited adjustments.
  await assertYearOpen(deps.store, year)
  return newTallyJob(deps, year, scope)
}

export async function scoreTallyJob(b: BodyOf<'score.tallyJob'>, ctx: Ctx, deps: Deps) {
  return jobs.view(await jobs.start(await tallyOf(b.year, b.scopeId ?? COUNTY_ID, ctx, deps), ctx, deps), deps)
}

export async function scoreTally(b: BodyOf<'score.tally'>, ctx: Ctx, deps: Deps): Promise<TallyResult> {
  const job = await jobs.runToEnd(await tallyOf(b.year, b.scopeId ?? COUNTY_ID, ctx, deps), ctx, deps)
  if (job.status === 'failed' && job.error) throw jobError(job.error)
  if (job.status === 'running') continuesInBackground(job, '核算')
  const members = job.counts.members ?? 0
  const complete = job.counts.complete ?? 0
  return { members, complete, incomplete: members - complete, year: b.year, scopeId: job.scopeId, talliedAt: toIsoShanghai(job.startedAt) }
}

/** One step of the county's tally job: starts one when none ran (or `restart` after a finished one), else steps it. */
export async function scoreTallyStep(b: BodyOf<'score.tallyStep'>, ctx: Ctx, deps: Deps): Promise<TallyStepResult> {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '核算')
  await assertYearOpen(deps.store, b.year)
  const cur = await deps.store.get('jobs', tallyJobId(b.year, COUNTY_ID))
  const job =
    !cur || (cur.status !== 'running' && b.restart)
      ? await jobs.start(await newTallyJob(deps, b.year, county), ctx, deps)
      : await jobs.step(cur._id, ctx, deps)
  if (job.status === 'failed' && job.error) throw jobError(job.error)
  return {
    year: b.year,
    phase: job.phase,
    scored: job.counts.members ?? 0,
    ranked: job.counts.ranked ?? 0,
    done: job.status === 'done',
    startedAt: toIsoShanghai(job.startedAt),
  }
}

/** A failed job's error, answered by the one-shot actions as if they had thrown it themselves. */
export const jobError = (e: { code: string; message: string }) => new AppError(e.code as ErrorCode, e.message)
