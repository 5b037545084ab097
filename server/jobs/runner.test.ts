// The job runner's promises (docs/DESIGN.md#jobs), with a counting kind on the real SQLite store: a step stops at its
// budget, a leased job is not worked twice, a step killed mid-way is repeated from the saved state without counting
// twice, an AppError fails the job with its message, and the timer drives only jobs nobody is driving.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { AppError } from '../../src/core/errors'
import { openSqliteStore, type SqliteStore } from '../adapters/sqlite/sqlite-store'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { COUNTY_ID } from '../model/org'
import type { JobDoc } from '../model/job'
import { NO_FILES } from '../ports/files.port'
import { IDLE_MS, LEASE_MS, continuesInBackground, createJobs, finish, percentOf, type JobKindDef } from './runner'

interface P {
  items: number
  failAt?: number
  crashAt?: number
}
interface S {
  next: number
}

let dir: string
let store: SqliteStore
let t = Date.UTC(2026, 11, 7, 2, 0, 0)
/** Each unit costs 1 s of the (virtual) clock. */
const UNIT_MS = 1000
let crashed = false

const counting: JobKindDef<P, S> = {
  kind: 'import',
  label: (j) => `已处理 ${j.done} / ${j.total} 条`,
  async authorize(_job, ctx) {
    if (ctx.openid === 'intruder') throw new AppError('FORBIDDEN', '无权查看此作业')
  },
  async unit(job, _ctx, deps) {
    const i = job.state.next
    if (i === job.params.failAt) throw new AppError('VALIDATION', `第 ${i} 条有误`)
    // A deterministic id per item: repeating the unit rewrites the same document.
    await deps.store.set('rateLimits', { _id: `item_${job._id}_${i}`, count: 1, windowStart: i } as never)
    if (i === job.params.crashAt && !crashed) {
      crashed = true
      throw new Error('function killed by its timeout')
    }
    t += UNIT_MS
    job.state.next = i + 1
    job.done = i + 1
    if (job.done >= job.params.items) finish(job, deps.clock.now())
  },
}

const jobs = createJobs({ import: counting })
const deps = () => ({ store, clock: { now: () => t }, files: NO_FILES }) as unknown as Deps
const ctx = (openid = 'admin'): Ctx => ({ openid, now: t, grants: [{ _id: 'g', openid, role: 'county_admin', scopeId: COUNTY_ID }], member: null })
const start = (p: P, budget?: number) =>
  jobs.start({ kind: 'import', params: p, state: { next: 0 }, phase: 'import', scopeId: COUNTY_ID, total: p.items }, ctx(), deps(), budget)
const items = async (id: string) => (await store.find('rateLimits', {})).filter((d) => d._id.startsWith(`item_${id}_`)).length

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobs-'))
  store = openSqliteStore(path.join(dir, 'db.sqlite'))
  crashed = false
})
afterEach(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('a step stops at its budget and the next one carries on from the cursor', async () => {
  const first = await start({ items: 20 }, 5 * UNIT_MS)
  expect(first).toMatchObject({ status: 'running', done: 5, steps: 1, lease: 0 })
  expect(percentOf(first)).toBe(25)
  const second = await jobs.step(first._id, ctx(), deps(), 5 * UNIT_MS)
  expect(second).toMatchObject({ done: 10, steps: 2 })
  const last = await jobs.runToEnd(
    { kind: 'import', id: 'JB_other', params: { items: 3 }, state: { next: 0 }, phase: 'x', scopeId: COUNTY_ID, total: 3 },
    ctx(),
    deps(),
  )
  expect(last).toMatchObject({ status: 'done', done: 3 })
  expect(percentOf(last)).toBe(100)
  expect((await jobs.view(last, deps())).label).toBe('已处理 3 / 3 条')
})

test('a job another driver holds the lease of is answered, not worked', async () => {
  const job = await start({ items: 20 }, UNIT_MS)
  await store.set('jobs', { ...(await store.get('jobs', job._id)), lease: t + LEASE_MS, leaseBy: 'Lother' } as JobDoc)
  const again = await jobs.step(job._id, ctx(), deps())
  expect(again).toMatchObject({ done: 1, steps: 1, leaseBy: 'Lother' })
  // Once the lease has expired (that driver was killed), the step works.
  t += LEASE_MS + 1
  expect(await jobs.step(job._id, ctx(), deps(), UNIT_MS)).toMatchObject({ done: 2, steps: 2, lease: 0 })
})

test('a step killed mid-unit is repeated from the saved state and counts nothing twice', async () => {
  const job = await start({ items: 6, crashAt: 3 }, 2 * UNIT_MS)
  expect(job.done).toBe(2)
  await expect(jobs.step(job._id, ctx(), deps())).rejects.toThrow('killed')
  // The crash released the lease and saved nothing: the job is where the last step left it.
  expect(await store.get('jobs', job._id)).toMatchObject({ done: 2, lease: 0 })
  const done = await jobs.runToEnd(
    { kind: 'import', id: job._id, params: { items: 6 }, state: { next: 0 }, phase: 'x', scopeId: COUNTY_ID },
    ctx(),
    deps(),
  )
  expect(done).toMatchObject({ status: 'done', done: 6 })
  expect(await items(job._id)).toBe(6)
})

test('an AppError fails the job with its message; a stranger cannot read it', async () => {
  const job = await start({ items: 5, failAt: 2 })
  expect(job).toMatchObject({ status: 'failed', done: 2, error: { code: 'VALIDATION', message: '第 2 条有误' } })
  const view = await jobs.view(job, deps())
  expect(view).toMatchObject({ status: 'failed', percent: 40, error: { message: '第 2 条有误' } })
  await expect(jobs.load(job._id, ctx('intruder'), deps())).rejects.toMatchObject({ code: 'FORBIDDEN' })
  await expect(jobs.load('JB_missing', ctx(), deps())).rejects.toMatchObject({ code: 'NOT_FOUND' })
})

test('starting the same job id again answers the running job instead of a twin', async () => {
  const a = await jobs.start(
    { kind: 'import', id: 'JB_same', params: { items: 10 }, state: { next: 0 }, phase: 'x', scopeId: COUNTY_ID },
    ctx(),
    deps(),
    UNIT_MS,
  )
  const b = await jobs.start(
    { kind: 'import', id: 'JB_same', params: { items: 10 }, state: { next: 0 }, phase: 'x', scopeId: COUNTY_ID },
    ctx(),
    deps(),
    UNIT_MS,
  )
  expect([a.done, b.done, b.startedAt]).toEqual([1, 2, a.startedAt])
})

test('the timer drives only jobs without progress for a minute, within its budget', async () => {
  const idle = await start({ items: 50 }, UNIT_MS)
  t += IDLE_MS + 1
  const busy = await start({ items: 50 }, UNIT_MS)
  const driven = await jobs.driveIdle(ctx('system-timer'), deps(), 10 * UNIT_MS)
  expect(driven.map((j) => j._id)).toEqual([idle._id])
  expect(driven[0].done).toBeGreaterThanOrEqual(10)
  expect((await store.get('jobs', busy._id))?.done).toBe(1)
})

test('with a call budget (the cloud), a one-shot run stops at it and leaves the job running for the timer', async () => {
  const bounded = { ...deps(), callBudgetMs: 4 * UNIT_MS } as Deps
  const job = await jobs.runToEnd(
    { kind: 'import', id: 'JB_budget', params: { items: 30 }, state: { next: 0 }, phase: 'x', scopeId: COUNTY_ID },
    ctx(),
    bounded,
  )
  expect(job).toMatchObject({ status: 'running', lease: 0 })
  expect(job.done).toBeGreaterThanOrEqual(4)
  expect(job.done).toBeLessThan(30)
  expect(() => continuesInBackground(job, '核算')).toThrow(expect.objectContaining({ code: 'CONFLICT', details: { jobId: 'JB_budget' } }))
  // Without a budget (the local backend) the same call runs to the end.
  expect(
    await jobs.runToEnd(
      { kind: 'import', id: 'JB_budget', params: { items: 30 }, state: { next: 0 }, phase: 'x', scopeId: COUNTY_ID },
      ctx(),
      deps(),
    ),
  ).toMatchObject({
    status: 'done',
    done: 30,
  })
})
