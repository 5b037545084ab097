// 核算 and 定稿 as resumable jobs through the real wx-server-sdk (network swapped for the local executor), in pages of
// 7 so that the 49-member demo county takes many units: a step killed mid-unit and repeated ends with exactly the
// one-shot tally's totals and ranks; a quiet second run writes no total; a 定稿 interrupted before its lock leaves the
// year open and is finished by the timer; a lock that landed without its job being saved only finishes; two
// drivers racing (the app and the timer) never count a member twice.
import { HOUR } from '../../src/core/time'
import type { App } from '../app'
import type { Ctx } from '../context/caller'
import { loadCtx } from '../context/caller'
import type { Deps } from '../context/deps'
import { jobs } from '../jobs'
import { finaliseKind, newFinaliseJob } from '../jobs/finalise'
import { IDLE_MS, LEASE_MS } from '../jobs/runner'
import { newTallyJob, type TallyJob, tallyJobId } from '../jobs/tally'
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import { COUNTY_ID } from '../model/org'
import type { Collection, Store, TxStore } from '../ports/store.port'
import { requireCounty } from '../queries/orgs'
import { startTestCloud } from '../testing/cloud-harness'
import { T0 } from '../testing/harness'

let executor: LocalExecutor
let deps: Deps
let app: App
const clock = { t: T0 }
let admin: Ctx
beforeAll(async () => {
  ;({ executor, deps, app } = await startTestCloud({ secret: 'job-secret', now: () => clock.t }))
  admin = await loadCtx(deps, 'demo-admin')
}, 60000)
afterAll(() => executor.uninstall())

const snapshot = async (year = 2025) => {
  const docs = await deps.store.find('totals', { year })
  return Object.fromEntries(
    docs.map((d) => [d.memberId, { total: d.total, complete: d.complete, band: d.band, rankInEstate: d.rankInEstate, rankInUnit: d.rankInUnit }]),
  )
}

/**
 * The store, except that the function is killed (by its timeout, say) twice: once as it issues the `n`th write of a
 * total (that write never lands; the cloud's tally writes a unit's totals in parallel, so others of the unit may
 * already have landed) and once right after the `m`th write of a total landed (the writes so far landed, the job's
 * cursor was not saved). Writes inside a transaction (the local backend's way) are counted the same.
 */
function killingStore(store: Store, n: number, m: number): { store: Store; kills: () => number; landed: () => number } {
  let writes = 0
  let landed = 0
  let kills = 0
  const die = () => {
    kills++
    throw new Error('function killed by its timeout')
  }
  const writeTotal = async (set: () => Promise<void>) => {
    if (++writes === n) die()
    await set()
    if (++landed === m) die()
  }
  const wrapped = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'set') {
        return (coll: Collection, doc: never) => (coll === 'totals' ? writeTotal(() => target.set(coll, doc)) : target.set(coll, doc))
      }
      if (prop === 'transaction') {
        return async <R>(fn: (tx: TxStore) => Promise<R>) =>
          target.transaction((tx) =>
            fn({
              ...tx,
              get: tx.get.bind(tx),
              create: tx.create.bind(tx),
              set: async (coll: Collection, doc: never) => (coll === 'totals' ? writeTotal(() => tx.set(coll, doc)) : tx.set(coll, doc)),
            } as TxStore),
          )
      }
      return Reflect.get(target, prop, receiver)
    },
  })
  return { store: wrapped, kills: () => kills, landed: () => landed }
}

/** Counts what the SDK sends while `run` runs. */
async function counted<T>(run: () => Promise<T>) {
  const from = executor.actions.length
  const out = await run()
  const sent = executor.actions.slice(from)
  return { out, requests: sent.length, writes: sent.filter((a) => /insertDocument|modifyDocument|removeDocument|updateDocument/.test(a)).length }
}

it('a tally job killed mid-unit and repeated gives the one-shot tally’s totals and ranks', async () => {
  const oneShot = await app.handle('score.tally', { year: 2025 }, 'demo-admin')
  expect(oneShot.envelope).toMatchObject({ ok: true, data: { members: 49 } })
  const expected = await snapshot()
  expect(Object.keys(expected)).toHaveLength(49)

  // Spoil every stored total and rank, so the job has to write them all again.
  for (const d of await deps.store.find('totals', { year: 2025 }))
    await deps.store.set('totals', { ...d, rankInEstate: null, rankInUnit: 99, total: null, band: null })

  const county = await requireCounty(deps.store)
  const kill = killingStore(deps.store, 10, 30)
  const dying: Deps = { ...deps, store: kill.store }
  // A budget of 0: one unit per step, so the run is seen unit by unit.
  let job = await jobs.start(await newTallyJob(deps, 2025, county, 7), admin, dying, 0)
  let steps = 1
  const labels = new Set<string>([(await jobs.view(job, deps)).label])
  while (job.status === 'running') {
    try {
      job = await jobs.step(job._id, admin, dying, 0)
    } catch (e) {
      expect(String(e)).toMatch(/killed/)
    }
    const saved = await deps.store.get('jobs', job._id)
    if (saved) labels.add((await jobs.view(saved, deps)).label)
    steps++
    expect(steps).toBeLessThan(60)
  }
  expect(kill.kills()).toBe(2)
  expect(job.status).toBe('done')
  expect(job.counts).toMatchObject({ members: 49 })
  expect(job.counts.complete + job.counts.incomplete).toBe(49)
  expect(await snapshot()).toEqual(expected)
  expect(await deps.store.count('totals', { year: 2025 })).toBe(49)
  // Progress in words: people scored, then ranking.
  expect([...labels].some((l) => /^已核算 \d+ \/ 49 人$/.test(l))).toBe(true)
  expect([...labels].some((l) => l.startsWith('正在排名'))).toBe(true)
  // The finished job keeps its counts, not the population.
  expect((job.state as unknown as TallyJob['state']).pop).toEqual([])
})

it('a unit killed mid-batch of parallel writes leaves some of its totals written; repeated, it converges to the one-shot’s', async () => {
  const expected = await snapshot()
  for (const d of await deps.store.find('totals', { year: 2025 }))
    await deps.store.set('totals', { ...d, rankInEstate: 3, rankInUnit: null, total: 1, band: null })
  const county = await requireCounty(deps.store)
  // One unit of 49 members writes all 49 totals, 16 in flight at a time: killed as it issues the 20th.
  const kill = killingStore(deps.store, 20, 0)
  const dying: Deps = { ...deps, store: kill.store }
  await expect(jobs.start(await newTallyJob(deps, 2025, county, 49), admin, dying, 0)).rejects.toThrow(/killed/)
  expect(kill.kills()).toBe(1)
  // Part of the batch landed (the writes in flight when it died), the rest not: a half-written unit.
  const partial = await deps.store.find('totals', { year: 2025 })
  const rewritten = partial.filter((d) => d.total !== 1).length
  expect(rewritten).toBeGreaterThan(0)
  expect(rewritten).toBeLessThan(49)
  expect(kill.landed()).toBe(rewritten)
  // The job was created but its first unit never saved: the next driver repeats it.
  const saved = await deps.store.get('jobs', tallyJobId(2025, COUNTY_ID))
  expect(saved).toMatchObject({ status: 'running', phase: 'score' })
  clock.t += LEASE_MS + 1
  let job = saved as NonNullable<typeof saved>
  for (let k = 0; job.status === 'running' && k < 20; k++) job = await jobs.step(job._id, admin, dying, 0)
  expect(job.status).toBe('done')
  expect(kill.kills()).toBe(1)
  expect(job.counts).toMatchObject({ members: 49 })
  // Totals the killed unit wrote are found unchanged now: nothing is counted twice.
  expect(job.counts.written + job.counts.unchanged).toBe(49)
  expect(await snapshot()).toEqual(expected)
})

it('a quiet second tally writes no total and no rank', async () => {
  const county = await requireCounty(deps.store)
  const totalsBefore = await snapshot()
  const n = await newTallyJob(deps, 2025, county)
  const run = await counted(() => jobs.runToEnd(n, admin, deps))
  const job = run.out
  expect(job.counts).toMatchObject({ members: 49, written: 0, unchanged: 49 })
  expect(job.counts.ranked ?? 0).toBe(0)
  expect(await snapshot()).toEqual(totalsBefore)
  // What is written is the job itself (created, leased, saved) and its audit: nothing per member.
  expect(run.writes).toBeLessThanOrEqual(6)
  console.log(`quiet county tally (49 members, pages of 200): ${run.requests} requests, ${run.writes} writes`)
})

it('a member who left loses their ranks; the others are re-ranked without them', async () => {
  const m = await deps.store.get('members', 'D001')
  expect(m).toBeTruthy()
  if (!m) return
  await deps.store.set('members', { ...m, status: 'directory' })
  const job = await jobs.runToEnd(await newTallyJob(deps, 2025, await requireCounty(deps.store)), admin, deps)
  expect(job.counts.members).toBe(48)
  const t = await deps.store.get('totals', 'TT_2025_D001')
  expect(t).toMatchObject({ rankInEstate: null, rankInUnit: null })
  expect(job.counts.unranked).toBe(1)
  await deps.store.set('members', m)
  const back = await jobs.runToEnd(await newTallyJob(deps, 2025, await requireCounty(deps.store)), admin, deps)
  expect(back.counts.members).toBe(49)
  expect((await deps.store.get('totals', 'TT_2025_D001'))?.rankInEstate).not.toBeNull()
})

it('two drivers racing (the app and the timer) never count a member twice', async () => {
  for (const d of await deps.store.find('totals', { year: 2025 })) await deps.store.set('totals', { ...d, total: null })
  const expected = { members: 49 }
  const started = await jobs.start(await newTallyJob(deps, 2025, await requireCounty(deps.store), 7), admin, deps, 0)
  let job = started
  const timer = { ...admin, openid: 'system-timer' }
  for (let k = 0; job.status === 'running' && k < 100; k++) {
    clock.t += IDLE_MS + 1
    const [a] = await Promise.all([jobs.step(job._id, admin, deps, 0), jobs.driveIdle(timer, deps, 1), jobs.step(job._id, admin, deps, 0)])
    job = (await deps.store.get('jobs', a._id)) ?? a
  }
  expect(job.status).toBe('done')
  expect(job.counts).toMatchObject(expected)
  expect(job.counts.complete + job.counts.incomplete).toBe(49)
  expect(job.counts.written + job.counts.unchanged).toBe(49)
})

it('a street’s 核算 re-ranks the whole estates and unit branches its members belong to, as the county’s would', async () => {
  await jobs.runToEnd(await newTallyJob(deps, 2025, await requireCounty(deps.store)), admin, deps)
  // A member of E1 whose unit score changes: their total, and ranks in E1 and in their unit branch (which has
  // members in other streets too), move.
  const units = await deps.store.find('unitScores', { year: 2025 })
  const members = new Map((await deps.store.find('members', { status: 'active' })).map((m) => [m._id, m]))
  const u = units.find((x) => members.get(x.memberId)?.estateBranchId === 'E1')
  if (!u) throw new Error('no unit score in E1')
  const ub = members.get(u.memberId)?.unitBranchId
  expect([...members.values()].some((m) => m.unitBranchId === ub && !['E1', 'E2', 'E3', 'E4'].includes(m.estateBranchId ?? ''))).toBe(true)
  await deps.store.set('unitScores', { ...u, score: u.score > 5000 ? 0 : 10000 })
  const street = await deps.store.get('orgs', 'S1')
  if (!street) throw new Error('no S1')
  const job = await jobs.runToEnd(await newTallyJob(deps, 2025, street, 7), admin, deps)
  expect(job.counts.written).toBe(1)
  expect(job.counts.ranked).toBeGreaterThan(0)
  const afterStreet = await snapshot()
  // The county's 核算 now finds nothing more to write: the street's left every rank as the county's.
  const county = await jobs.runToEnd(await newTallyJob(deps, 2025, await requireCounty(deps.store)), admin, deps)
  expect(county.counts).toMatchObject({ written: 0 })
  expect(county.counts.ranked ?? 0).toBe(0)
  expect(await snapshot()).toEqual(afterStreet)
})

it('a tally running when its year is locked stops with YEAR_LOCKED and writes nothing more', async () => {
  let job = await jobs.start(await newTallyJob(deps, 2022, await requireCounty(deps.store), 7), admin, deps, 0)
  job = await jobs.step(job._id, admin, deps, 0)
  const before = await deps.store.count('totals', { year: 2022 })
  expect(before).toBeGreaterThan(0)
  const settings = { _id: 'year_2022', year: 2022, weights: { unit: 5000, estate: 5000 }, bands: [], locked: true }
  await deps.store.set('settings', settings as never)
  job = await jobs.step(job._id, admin, deps, 0)
  expect(job).toMatchObject({ status: 'failed', error: { code: 'YEAR_LOCKED' } })
  expect(await deps.store.count('totals', { year: 2022 })).toBe(before)
})

describe('定稿 as a job', () => {
  beforeAll(async () => {
    // 2024's 公示 ended long ago in every estate.
    for (const e of await deps.store.find('orgs', { kind: 'estate' })) {
      await deps.store.set('publicity', {
        _id: `PUB_${e._id}_2024`,
        estateBranchId: e._id,
        year: 2024,
        startOn: '2025-01-06',
        endOn: '2025-01-10',
        workingDays: 5,
        openedBy: 'demo-admin',
        openedAt: clock.t - 200 * 24 * HOUR,
      })
    }
  })

  it('interrupted before its lock leaves the year open; the timer finishes it and locks once', async () => {
    let job = await jobs.start(await newFinaliseJob(deps, 2024, 7), admin, deps, 0)
    for (let k = 0; k < 4; k++) job = await jobs.step(job._id, admin, deps, 0)
    expect(job.status).toBe('running')
    expect(job.phase).toBe('score')
    expect((await deps.store.get('settings', 'year_2024'))?.locked ?? false).toBe(false)
    // A second start joins the running job instead of starting another.
    const again = await app.handle('year.finaliseJob', { year: 2024 }, 'demo-admin')
    expect(again.envelope).toMatchObject({ ok: true, data: { id: job._id, kind: 'finalise' } })
    // Nobody drives it: the timer does, once it has been idle.
    clock.t += IDLE_MS + LEASE_MS
    const timer = await loadCtx({ ...deps, adminOpenids: new Set(['system-timer']) }, 'system-timer')
    for (let k = 0; k < 40; k++) {
      const driven = await jobs.driveIdle(timer, deps, 60_000)
      if (!driven.length || driven.every((j) => j.status !== 'running')) break
      clock.t += IDLE_MS + 1
    }
    const done = await deps.store.get('jobs', job._id)
    expect(done).toMatchObject({ status: 'done', phase: 'done', counts: { members: 49 } })
    expect(await deps.store.get('settings', 'year_2024')).toMatchObject({ locked: true })
    const audits = (await deps.store.find('audit', {})).filter((a) => a.action === 'year.finalise' && a.target === 'year_2024')
    expect(audits).toHaveLength(1)
    // Locked: another 定稿 is refused, as is a tally of that year.
    expect((await app.handle('year.finaliseJob', { year: 2024 }, 'demo-admin')).envelope).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await app.handle('score.tallyJob', { year: 2024 }, 'demo-admin')).envelope).toMatchObject({ ok: false, error: { code: 'YEAR_LOCKED' } })
  })

  it('a lock that landed without its job being saved only finishes the job', async () => {
    const n = await newFinaliseJob(deps, 2023)
    let job = await jobs.start(n, admin, deps, 0)
    while (job.status === 'running' && job.phase !== 'lock') job = await jobs.step(job._id, admin, deps, 0)
    expect(job.phase).toBe('lock')
    // The lock unit runs and commits, then the function dies before the job is saved.
    await finaliseKind.unit({ ...job, state: { ...job.state }, counts: { ...job.counts } } as never, admin, deps)
    expect(await deps.store.get('settings', 'year_2023')).toMatchObject({ locked: true })
    expect((await deps.store.get('jobs', job._id))?.phase).toBe('lock')
    job = await jobs.step(job._id, admin, deps, 0)
    expect(job).toMatchObject({ status: 'done', phase: 'done' })
    const audits = (await deps.store.find('audit', {})).filter((a) => a.action === 'year.finalise' && a.target === 'year_2023')
    expect(audits).toHaveLength(1)
    expect(COUNTY_ID).toBe(job.scopeId)
  })
})
