// The synthetic county of `npm run bench:cloud`, small: what it writes must be what the use cases read, or the
// bench would measure a county the product cannot serve. Built straight into the local executor's storage.
import { createHmac } from 'node:crypto'
import { createCloudFiles } from '../adapters/wxcloud/cloud-files'
import { createTestCloud, installLocalExecutor, type LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import { createWxStore } from '../adapters/wxcloud/wx-store'
import { createApp, type App } from '../app'
import type { Deps } from '../context/deps'
import { renderQrDataUrl } from '../qr-image'
import { assertConforms } from './contract-check'
import { buildCounty, type CountyFixture } from './county-fixture'

const NOW = Date.parse('2026-12-07T10:00:00+08:00')
let executor: LocalExecutor
let deps: Deps
let app: App
let fx: CountyFixture

beforeAll(() => {
  executor = installLocalExecutor()
  const { cloud, db } = createTestCloud()
  executor.simulate({ latencyMs: 0, startAt: NOW })
  deps = {
    store: createWxStore(db),
    clock: executor.clock,
    hmac: (m) => createHmac('sha256', 'county-secret').update(m).digest(),
    adminOpenids: new Set(),
    renderQr: renderQrDataUrl,
    files: createCloudFiles(cloud),
  }
  app = createApp(deps, () => undefined)
  fx = buildCounty((coll, docs) => executor.load(coll, docs), NOW, { members: 400 })
})
afterAll(() => executor.uninstall())

const call = async (openid: string, action: string, body: unknown) => {
  const out = await app.handle(action, body, openid)
  assertConforms(action, out.status, out.envelope)
  if (!out.envelope.ok) throw new Error(`${action}: ${out.envelope.error.code} ${out.envelope.error.message}`)
  return out.envelope.data as any
}

it('has the advertised shape: 200 members an estate, 100 a unit branch, 30 activities an estate, 30 entries a member', () => {
  expect(fx.year).toBe(2026)
  expect(fx.counts).toMatchObject({ active: 400, estates: 2, unitBranches: 4, activities: 60, ledger: 400 * 30, rulesets: 2, publicity: 2 })
  expect(fx.counts.members).toBe(400 + 12)
  expect(fx.estateActivityIds).toHaveLength(30)
})

it('is what the use cases read: the tally scores every member from 30 entries, a member sees them, a secretary has a queue', async () => {
  const tally = await call(fx.callers.admin, 'score.tally', { year: fx.year })
  expect(tally.members).toBe(400)
  // ~95 % have a unit score; the rest are incomplete.
  expect(tally.complete).toBeGreaterThan(350)
  const mine = await call(fx.callers.member, 'score.mine', { year: fx.year })
  expect(mine.entries.filter((e: { status: string }) => e.status === 'approved')).toHaveLength(30)
  expect(mine.total).not.toBeNull()
  const queue = await call(fx.callers.estateSecretary, 'attendance.list', { estateBranchId: fx.callers.estateId })
  expect(queue).toHaveLength(40)
  const acts = await call(fx.callers.member, 'activity.list', {})
  expect(acts.length).toBe(30)
  const unit = await call(fx.callers.unitSecretary, 'unitScore.list', { unitBranchId: fx.callers.unitBranchId, year: fx.year })
  expect(unit.length).toBeGreaterThan(50)
})

it('has every 公示 ended, so the year can be finalised', async () => {
  const done = await call(fx.callers.admin, 'year.finalise', { year: fx.year })
  expect(done).toMatchObject({ locked: true, members: 400 })
})
