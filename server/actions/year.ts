// The year's end: finalisation tallies every total and locks the year; afterwards only audited adjustments
// (adjustment.record) correct it. Both calls run the 定稿 job (server/jobs/finalise.ts, docs/DESIGN.md#jobs):
// `year.finaliseJob` starts it for the app to drive, `year.finalise` runs it to its end in one call.
import type { BodyOf } from '../../src/core/contracts'
import { AppError, type ErrorCode } from '../../src/core/errors'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { jobs } from '../jobs'
import { continuesInBackground } from '../jobs/runner'
import { assertFinalisable, newFinaliseJob } from '../jobs/finalise'
import { requireCounty } from '../queries/orgs'

async function finaliseOf(year: number, ctx: Ctx, deps: Deps) {
  requireScope(ctx, ['county_admin'], await requireCounty(deps.store), '年度定稿')
  await assertFinalisable(deps, year, ctx.now)
  return newFinaliseJob(deps, year)
}

export async function yearFinaliseJob(b: BodyOf<'year.finaliseJob'>, ctx: Ctx, deps: Deps) {
  return jobs.view(await jobs.start(await finaliseOf(b.year, ctx, deps), ctx, deps), deps)
}

export async function yearFinalise(b: BodyOf<'year.finalise'>, ctx: Ctx, deps: Deps) {
  const job = await jobs.runToEnd(await finaliseOf(b.year, ctx, deps), ctx, deps)
  if (job.status === 'failed' && job.error) {
    // Locked under it by another 定稿 of the same year: answered as the start would have (CONFLICT).
    if (job.error.code === 'YEAR_LOCKED') throw new AppError('CONFLICT', `${b.year} 年度已定稿`)
    throw new AppError(job.error.code as ErrorCode, job.error.message)
  }
  if (job.status === 'running') continuesInBackground(job, '定稿')
  const members = job.counts.members ?? 0
  const complete = job.counts.complete ?? 0
  return { year: b.year, locked: true, members, complete, incomplete: members - complete }
}
