// The mechanics of resumable jobs (docs/DESIGN.md#jobs), the same for every kind: start, one bounded step under a
// lease, progress views, and the timer's pass over jobs nobody drives. A kind (server/jobs/<kind>.ts) supplies only
// its authorization, its progress label and one bounded unit of work; this file decides how many units fit a step.
//
// Why a lease: the app and the timer may both drive a job. A step first takes the lease in a one-document
// transaction; a second driver that finds it taken answers the progress without working. A step killed by the
// function's timeout leaves its lease to expire (LEASE_MS, above the longest function timeout) and the next driver
// repeats the unit from the last saved state — units write documents with deterministic ids, so nothing counts twice.
import type { JobKind, JobView } from '../../src/core/api-types'
import { AppError, fail } from '../../src/core/errors'
import { toIsoShanghai } from '../../src/core/time'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { newId } from '../context/ids'
import type { JobDoc } from '../model/job'

/** How long one step keeps starting units (each unit itself bounded): well inside a 20–60 s function timeout. */
export const STEP_BUDGET_MS = 8_000
/** A lease outlives the longest function timeout (60 s), so a killed step never blocks a job for long. */
export const LEASE_MS = 70_000
/** A running job without progress for this long is the timer's to drive. */
export const IDLE_MS = 60_000

export interface JobKindDef<P = Record<string, unknown>, S = Record<string, unknown>> {
  kind: JobKind
  /** Progress in words for the person waiting, e.g. "已核算 3,200 / 10,000 人". */
  label(job: JobDoc<P, S>): string
  /** Throws FORBIDDEN (or NOT_FOUND) unless the caller may see and drive this job now; run on start and every step. */
  authorize(job: JobDoc<P, S>, ctx: Ctx, deps: Deps): Promise<void>
  /**
   * One bounded unit of work (a page of members, a chunk of rows): advances `state`, `done`, `phase`, `counts`, and
   * calls `finish` at the end. Repeating a unit from the same saved state must give the same documents.
   * An AppError thrown here fails the job with its message; any other error leaves it to be retried.
   * Answering 'wait' ends the step early: the job waits for something outside it (an import's chunks still being
   * uploaded). A step that only waited counts as no step and no progress, so the timer passes over it quickly.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: most units answer nothing; `undefined` would refuse their `Promise<void>`
  unit(job: JobDoc<P, S>, ctx: Ctx, deps: Deps): Promise<void | 'wait'>
}

// biome-ignore lint/suspicious/noExplicitAny: a table of kinds with their own parameter and state types
export type KindTable = Partial<Record<JobKind, JobKindDef<any, any>>>

export interface NewJob<P, S> {
  kind: JobKind
  /** A deterministic id makes a second start of the same work return the running job instead of a twin. */
  id?: string
  params: P
  state: S
  phase: string
  scopeId: string
  total?: number | null
}

/** Marks a job finished (its unit calls this after its last write). */
export function finish(job: JobDoc<unknown, unknown>, now: number, file?: JobDoc['file']): void {
  job.status = 'done'
  job.finishedAt = now
  if (file) job.file = file
}

export function percentOf(job: Pick<JobDoc, 'status' | 'done' | 'total'>): number {
  if (job.status === 'done') return 100
  if (!job.total) return 0
  return Math.min(99, Math.floor((job.done * 100) / job.total))
}

/** What a person sees of jobs: progress in words, percent, and a finished export's temporary link. */
export async function jobViews(kinds: KindTable, list: JobDoc[], deps: Deps): Promise<JobView[]> {
  const urls = await deps.files.urls(list.flatMap((j) => (j.file ? [j.file.fileId] : [])))
  return list.map((j) => {
    const v: JobView = {
      id: j._id,
      kind: j.kind,
      status: j.status,
      phase: j.phase,
      label: kinds[j.kind]?.label(j) ?? j.phase,
      done: j.done,
      total: j.total,
      percent: percentOf(j),
      counts: j.counts,
      scopeId: j.scopeId,
      startedAt: toIsoShanghai(j.startedAt),
      updatedAt: toIsoShanghai(j.updatedAt),
      finishedAt: j.finishedAt === null ? null : toIsoShanghai(j.finishedAt),
      steps: j.steps,
    }
    const url = j.file ? urls.get(j.file.fileId) : undefined
    if (j.file && url) v.file = { ...j.file, url }
    if (j.error) v.error = j.error
    return v
  })
}

/** The jobs a person started, newest first (to find them again after leaving the page). */
export async function jobsStartedBy(openid: string, deps: Deps): Promise<JobDoc[]> {
  return deps.store.find('jobs', { startedBy: openid }, { orderBy: { field: 'startedAt', dir: 'desc' }, limit: 20 })
}

/**
 * A one-shot action whose job did not finish within the call's budget: a 409 naming the job, which the timer (or the
 * app's progress page) finishes. Nothing is half-done: the job's state is saved and resumable.
 */
export function continuesInBackground(job: JobDoc, what: string): never {
  return fail(
    'CONFLICT',
    `${what}范围较大，本次未能在时限内完成，已转为后台作业继续（已完成 ${job.done}${job.total ? ` / ${job.total}` : ''}）；请在页面查看作业进度`,
    {
      jobId: job._id,
    },
  )
}

export function createJobs(kinds: KindTable) {
  function kindOf(kind: JobKind): JobKindDef {
    const def = kinds[kind]
    if (!def) return fail('NOT_FOUND', `没有这类作业：${kind}`)
    return def
  }
  const views = (list: JobDoc[], deps: Deps) => jobViews(kinds, list, deps)
  const view = async (job: JobDoc, deps: Deps) => (await views([job], deps))[0]

  async function load(id: string, ctx: Ctx, deps: Deps): Promise<JobDoc> {
    const job = await deps.store.get('jobs', id)
    const def = job ? kinds[job.kind] : undefined
    if (!job || !def) return fail('NOT_FOUND', '作业不存在或已清理')
    await def.authorize(job, ctx, deps)
    return job
  }

  /** One step: take the lease, run units until the budget is spent or the job ends, save. Never throws an AppError of the kind's. */
  async function step(id: string, ctx: Ctx, deps: Deps, budgetMs = STEP_BUDGET_MS): Promise<JobDoc> {
    const before = await load(id, ctx, deps)
    if (before.status !== 'running') return before
    const def = kindOf(before.kind)
    const token = newId('L')
    const start = deps.clock.now()
    const job = await deps.store.transaction(async (tx) => {
      const cur = await tx.get('jobs', id)
      if (!cur || cur.status !== 'running' || cur.lease > start) return null
      const leased: JobDoc = { ...cur, lease: start + LEASE_MS, leaseBy: token }
      await tx.set('jobs', leased)
      return leased
    })
    // Another driver is working on it: answer its progress.
    if (!job) return (await deps.store.get('jobs', id)) ?? before
    const deadline = start + budgetMs
    let worked = false
    try {
      do {
        if ((await def.unit(job, ctx, deps)) === 'wait') break
        worked = true
      } while (job.status === 'running' && deps.clock.now() < deadline)
    } catch (err) {
      if (!(err instanceof AppError)) {
        await release(id, token, deps).catch(() => undefined)
        throw err
      }
      job.status = 'failed'
      job.error = { code: err.code, message: err.message }
      job.finishedAt = deps.clock.now()
      worked = true
    }
    if (worked) {
      job.steps++
      job.updatedAt = deps.clock.now()
    }
    job.lease = 0
    job.leaseBy = ''
    const saved = await deps.store.transaction(async (tx) => {
      const cur = await tx.get('jobs', id)
      // The lease expired and another driver took over: its save wins; this step's writes were idempotent.
      if (!cur || cur.leaseBy !== token) return false
      await tx.set('jobs', job)
      return true
    })
    return saved ? job : ((await deps.store.get('jobs', id)) ?? job)
  }

  async function release(id: string, token: string, deps: Deps): Promise<void> {
    await deps.store.transaction(async (tx) => {
      const cur = await tx.get('jobs', id)
      if (cur && cur.leaseBy === token) await tx.set('jobs', { ...cur, lease: 0, leaseBy: '' })
    })
  }

  /**
   * Starts a job and runs its first step (a small county's job is done in this one call). With a deterministic id,
   * a job of the same id that is still running is answered instead of starting a twin; a finished one is replaced.
   */
  async function start<P, S>(n: NewJob<P, S>, ctx: Ctx, deps: Deps, budgetMs = STEP_BUDGET_MS): Promise<JobDoc> {
    const now = deps.clock.now()
    const doc: JobDoc = {
      _id: n.id ?? newId('JB_'),
      kind: n.kind,
      status: 'running',
      phase: n.phase,
      params: n.params as Record<string, unknown>,
      state: n.state as Record<string, unknown>,
      done: 0,
      total: n.total ?? null,
      counts: {},
      scopeId: n.scopeId,
      startedBy: ctx.openid,
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
      steps: 0,
      lease: 0,
      leaseBy: '',
      file: null,
      error: null,
    }
    await kindOf(n.kind).authorize(doc, ctx, deps)
    const { created, doc: existing } = await deps.store.createIfAbsent('jobs', doc)
    if (!created) {
      if (existing.status === 'running') return step(existing._id, ctx, deps, budgetMs)
      await deps.store.set('jobs', doc)
    }
    return step(doc._id, ctx, deps, budgetMs)
  }

  /**
   * Runs a job to its end in this call (the one-shot actions; tests) — or, where `deps.callBudgetMs` is set (the
   * cloud), until that budget is spent: the job is then still running, the timer finishes it, and the action says so
   * with `continuesInBackground`.
   */
  async function runToEnd<P, S>(n: NewJob<P, S>, ctx: Ctx, deps: Deps): Promise<JobDoc> {
    const budget = deps.callBudgetMs ?? Number.POSITIVE_INFINITY
    const until = deps.clock.now() + budget
    let job = await start(n, ctx, deps, budget)
    while (job.status === 'running' && deps.clock.now() < until) {
      const before = job.steps
      job = await step(job._id, ctx, deps, Math.min(STEP_BUDGET_MS * 4, until - deps.clock.now()))
      // Another driver holds the lease: leave the job to it rather than spin.
      if (job.steps === before && job.status === 'running') {
        if (Number.isFinite(budget)) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    return job
  }

  /** The timer's pass: every running job without progress for IDLE_MS gets steps until `budgetMs` is spent. */
  async function driveIdle(ctx: Ctx, deps: Deps, budgetMs: number): Promise<JobDoc[]> {
    const until = deps.clock.now() + budgetMs
    const running = await deps.store.find('jobs', { status: 'running' }, { limit: 50 })
    const idle = running.filter((j) => j.lease < deps.clock.now() && j.updatedAt < deps.clock.now() - IDLE_MS)
    const out: JobDoc[] = []
    for (const j of idle.sort((a, b) => a.updatedAt - b.updatedAt)) {
      let cur = j
      while (cur.status === 'running' && deps.clock.now() < until) {
        const before = cur.steps
        cur = await step(cur._id, ctx, deps, Math.min(STEP_BUDGET_MS, until - deps.clock.now()))
        if (cur.steps === before) break
      }
      out.push(cur)
      if (deps.clock.now() >= until) break
    }
    return out
  }

  return { start, step, load, runToEnd, driveIdle, view, views }
}

export type Jobs = ReturnType<typeof createJobs>
