// Progress and steps of resumable jobs (docs/DESIGN.md#jobs). A job is started by the action of its kind
// (核算, 定稿, 导出, 导入); these drive and read it, whoever started it, as long as the caller may still see its scope.
import type { BodyOf } from '../../src/core/contracts'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { JOB_KIND_TABLE, jobs } from '../jobs'
import { jobViews, jobsStartedBy } from '../jobs/runner'

/** How long the timer's pass keeps driving idle jobs (inside the score function's 60 s timeout). */
export const DRIVE_BUDGET_MS = 30_000

export async function jobGet(b: BodyOf<'job.get'>, ctx: Ctx, deps: Deps) {
  return jobs.view(await jobs.load(b.jobId, ctx, deps), deps)
}

export async function jobStep(b: BodyOf<'job.step'>, ctx: Ctx, deps: Deps) {
  return jobs.view(await jobs.step(b.jobId, ctx, deps), deps)
}

export async function jobList(_b: BodyOf<'job.list'>, ctx: Ctx, deps: Deps) {
  return { jobs: await jobViews(JOB_KIND_TABLE, await jobsStartedBy(ctx.openid, deps), deps) }
}

export async function jobDrive(_b: BodyOf<'job.drive'>, ctx: Ctx, deps: Deps) {
  const driven = await jobs.driveIdle(ctx, deps, DRIVE_BUDGET_MS)
  return { driven: driven.length, jobs: await jobs.views(driven, deps) }
}
