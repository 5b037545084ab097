// The county tally in resumable batches, through the real wx-server-sdk (network swapped for the local
// executor): a run interrupted and repeated mid-way ends with exactly the totals and ranks of the one-shot tally.
import { createHmac } from 'node:crypto'
import { installLocalExecutor, createTestCloud, type LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import { createWxStore } from '../adapters/wxcloud/wx-store'
import { createCloudFiles } from '../adapters/wxcloud/cloud-files'
import { createApp } from '../app'
import { seedDemo } from '../local/seed'
import { renderQrDataUrl } from '../qr-image'
import { T0 } from '../testing/harness'
import { loadCtx } from '../context/caller'
import type { Deps } from '../context/deps'
import { scoreTallyStep } from '../actions/score'

let executor: LocalExecutor
let deps: Deps
beforeAll(async () => {
  executor = installLocalExecutor()
  const { cloud, db } = createTestCloud()
  deps = {
    store: createWxStore(db),
    clock: { now: () => T0 },
    hmac: (m) => createHmac('sha256', 'batch-secret').update(m).digest(),
    adminOpenids: new Set(),
    renderQr: renderQrDataUrl,
    files: createCloudFiles(cloud),
  }
  await seedDemo(deps)
}, 60000)
afterAll(() => executor.uninstall())

const snapshot = async () => {
  const docs = await deps.store.find('totals', { year: 2025 })
  return Object.fromEntries(
    docs.map((d) => [d.memberId, { total: d.total, complete: d.complete, band: d.band, rankInEstate: d.rankInEstate, rankInUnit: d.rankInUnit }]),
  )
}

it('gives the one-shot tally’s totals and ranks even when a batch is repeated after a timeout', async () => {
  const app = createApp(deps, () => undefined)
  const oneShot = await app.handle('score.tally', { year: 2025 }, 'demo-admin')
  expect(oneShot.envelope.ok).toBe(true)
  const expected = await snapshot()
  expect(Object.keys(expected)).toHaveLength(49)

  // Wipe the ranks so the batched run has to produce them itself.
  for (const d of await deps.store.find('totals', { year: 2025 }))
    await deps.store.set('totals', { ...d, rankInEstate: null, rankInUnit: null, total: null })

  const ctx = await loadCtx(deps, 'demo-admin')
  let steps = 0
  let repeated = false
  for (;;) {
    const before = await deps.store.get('tallyRuns', 'TR_2025')
    const r = await scoreTallyStep({ year: 2025 }, { ...ctx, now: T0 + 1000 }, deps, 7)
    steps++
    // A timeout after the writes of the 3rd batch but before its cursor was saved: the batch runs again.
    if (steps === 3 && !repeated && before) {
      repeated = true
      await deps.store.set('tallyRuns', before)
    }
    if (r.done) break
    if (steps > 40) throw new Error('the batched tally does not finish')
  }
  // 49 members in pages of 7: 8 scoring steps (the 8th finds the end), 8 ranking steps, one repeated.
  expect(steps).toBeGreaterThanOrEqual(15)
  expect(await snapshot()).toEqual(expected)
  expect(await deps.store.count('totals', { year: 2025 })).toBe(49)
  const run = await deps.store.get('tallyRuns', 'TR_2025')
  expect(run).toMatchObject({ phase: 'done', ranked: 49 })
})

it('a finished run answers done until restarted', async () => {
  const ctx = await loadCtx(deps, 'demo-admin')
  expect((await scoreTallyStep({ year: 2025 }, ctx, deps, 7)).done).toBe(true)
  const again = await scoreTallyStep({ year: 2025, restart: true }, ctx, deps, 7)
  expect(again).toMatchObject({ phase: 'score', done: false, scored: 7 })
})
