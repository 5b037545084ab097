// The export job on WeChat cloud (docs/DESIGN.md#jobs): the real wx-server-sdk over the local executor, on a clock
// that advances 25 ms per database request, so a step stops at its budget as it would at that latency. Counted at
// the SDK's transport: every unit of the rows phase costs a few requests however large the estate, a step stays
// under its budget, the file lands in cloud storage under exports/<openid>/ and export.xlsx answers the same bytes.
import { readXlsx } from '../../src/lib/xlsx'
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import type { createApp } from '../app'
import type { Ctx } from '../context/caller'
import { loadCtx } from '../context/caller'
import type { Deps } from '../context/deps'
import { exportJobFor, exportKind } from '../jobs/export'
import { STEP_BUDGET_MS, createJobs } from '../jobs/runner'
import type { LedgerDoc } from '../model/score'
import type { MemberDoc } from '../model/org'
import { startTestCloud } from '../testing/cloud-harness'
import { assertConforms } from '../testing/contract-check'
import { T0 } from '../testing/harness'

const MS_PER_REQUEST = 25
let executor: LocalExecutor | null = null
let deps: Deps
let app: ReturnType<typeof createApp>
/** A clock that moves 25 ms with every request the SDK sends. */
const now = () => T0 + (executor ? executor.actions.length * MS_PER_REQUEST : 0)

/** Requests sent by each unit of work, by phase, for the job being measured. */
let perUnit: { phase: string; requests: number }[] = []
const counted = createJobs({
  export: {
    ...exportKind,
    async unit(job, ctx, d) {
      const from = executor?.actions.length ?? 0
      const phase = job.phase
      await exportKind.unit(job, ctx, d)
      perUnit.push({ phase, requests: (executor?.actions.length ?? 0) - from })
    },
  },
})

async function addEstate(id: string, members: number, entriesEach: number): Promise<void> {
  const cm1 = await deps.store.get('orgs', 'CM1')
  if (!cm1) throw new Error('seed has no CM1')
  await deps.store.set('orgs', { _id: id, kind: 'estate', name: `测试小区${id}`, parentId: 'CM1', path: [...cm1.path, 'CM1'] })
  for (let i = 0; i < members; i++) {
    const m: MemberDoc = {
      _id: `${id}M${String(i).padStart(4, '0')}`,
      name: `党员${id}${i}`,
      phone: `139${String(i).padStart(8, '0')}`,
      unitBranchId: 'UB1',
      estateBranchId: id,
      status: 'active',
      openid: null,
      inDirectory: true,
      registeredAt: T0 - 86_400_000,
      updatedAt: T0,
    }
    await deps.store.set('members', m)
    for (let k = 0; k < entriesEach; k++) {
      const e: LedgerDoc = {
        _id: `L_${m._id}_${k}`,
        memberId: m._id,
        estateBranchId: id,
        unitBranchId: 'UB1',
        year: 2025,
        kind: 'activity',
        itemCode: 'V01',
        itemName: '志愿服务',
        category: '志愿服务',
        points: 200,
        rulesetId: '',
        rulesetVersion: 1,
        sourceId: `A${k}`,
        title: `活动${k}`,
        at: T0 - (k + 1) * 3_600_000,
        createdAt: T0 - k * 3_600_000,
        createdBy: 'demo-secretary-e1',
      }
      await deps.store.set('ledger', e)
    }
  }
}

beforeAll(async () => {
  const cloud = await startTestCloud({ secret: 'export-secret', now })
  executor = cloud.executor
  deps = cloud.deps
  app = cloud.app
  await addEstate('EXA', 100, 10)
  await addEstate('EXB', 400, 10)
}, 120_000)
afterAll(() => executor?.uninstall())

async function measure(kind: 'roster' | 'ledger', scopeId: string, ctx: Ctx) {
  perUnit = []
  const steps: number[] = []
  let from = executor?.actions.length ?? 0
  let job = await counted.start(await exportJobFor({ kind, scopeId, year: 2025 }, ctx, deps), ctx, deps)
  steps.push((executor?.actions.length ?? 0) - from)
  while (job.status === 'running') {
    from = executor?.actions.length ?? 0
    job = await counted.step(job._id, ctx, deps)
    steps.push((executor?.actions.length ?? 0) - from)
  }
  const rows = perUnit.filter((u) => u.phase === 'rows').map((u) => u.requests)
  const write = perUnit.filter((u) => u.phase === 'write').map((u) => u.requests)
  return { job, steps, rowsMax: Math.max(...rows), rowUnits: rows.length, write }
}

it('reads a bounded page per unit, whatever the estate’s size, and keeps each step inside its budget', async () => {
  const ctx = await loadCtx(deps, 'demo-admin')
  const figures: string[] = []
  const results = []
  for (const [kind, scopeId] of [
    ['roster', 'EXA'],
    ['roster', 'EXB'],
    ['ledger', 'EXA'],
    ['ledger', 'EXB'],
  ] as const) {
    const r = await measure(kind, scopeId, ctx)
    results.push(r)
    expect(r.job.status).toBe('done')
    figures.push(
      `  ${kind} ${scopeId}: ${r.job.counts.rows} rows, ${r.steps.length} steps (${r.steps.join(', ')} requests), rows units ≤ ${r.rowsMax} requests, write ${r.write.join('/')} requests for ${r.job.counts.parts} parts`,
    )
    // A step stops starting units at its budget: at 25 ms a request it stays well inside 10 s.
    for (const s of r.steps) expect(s * MS_PER_REQUEST).toBeLessThanOrEqual(10_000)
    // Reading the parts back is one request a part, plus the upload's two.
    expect(r.write[0]).toBeLessThanOrEqual(r.job.counts.parts + 4)
  }
  console.log(`export job on the cloud (requests per step and per unit, 25 ms a request, ${STEP_BUDGET_MS} ms budget):\n${figures.join('\n')}`)
  const [rosterA, rosterB, ledgerA, ledgerB] = results
  expect(rosterA.job.counts.rows).toBe(100)
  expect(rosterB.job.counts.rows).toBe(400)
  expect(ledgerA.job.counts.rows).toBe(1000)
  expect(ledgerB.job.counts.rows).toBe(4000)
  // The cost of a unit does not grow with the estate: four times the members, the same bound per unit.
  for (const r of results) expect(r.rowsMax).toBeLessThanOrEqual(6)
  expect(ledgerB.rowUnits).toBeGreaterThan(ledgerA.rowUnits)
  // No org read per row: the whole roster of 400 costs a handful of requests, not hundreds.
  expect(rosterB.steps.reduce((a, b) => a + b, 0)).toBeLessThan(40)
})

it('gives the same file when every step runs a single unit (resumed from the saved state each time)', async () => {
  const ctx = await loadCtx(deps, 'demo-admin')
  const whole = await counted.runToEnd(await exportJobFor({ kind: 'ledger', scopeId: 'EXB', year: 2025 }, ctx, deps), ctx, deps)
  let job = await counted.start(await exportJobFor({ kind: 'ledger', scopeId: 'EXB', year: 2025 }, ctx, deps), ctx, deps, 1)
  while (job.status === 'running') job = await counted.step(job._id, ctx, deps, 1)
  expect(job.steps).toBeGreaterThan(6)
  const read = (fileId: string) => readXlsx(new Uint8Array(executor?.fileBytes(fileId) as Buffer))
  expect(read(job.file?.fileId as string)).toEqual(read(whole.file?.fileId as string))
  expect(await deps.store.find('exportParts', { jobId: job._id })).toEqual([])
})

it('puts the file in cloud storage under the starter’s folder; export.xlsx answers the same bytes and a temporary link', async () => {
  const started = await app.handle('export.start', { kind: 'ledger', scopeId: 'EXB', year: 2025 }, 'demo-admin')
  assertConforms('export.start', started.status, started.envelope)
  let job = (started.envelope as any).data
  while (job.status === 'running') {
    const r = await app.handle('job.step', { jobId: job.id }, 'demo-admin')
    assertConforms('job.step', r.status, r.envelope)
    job = (r.envelope as any).data
  }
  expect(job.file.fileId).toMatch(/^cloud:\/\/local-test\.local\/exports\/demo-admin\/JB_[A-Za-z0-9_-]+\.xlsx$/)
  expect(job.file.url).toMatch(/^https:\/\/storage\.local\.invalid\//)
  const stored = executor?.fileBytes(job.file.fileId)
  expect(stored?.length).toBe(job.file.bytes)
  expect(readXlsx(new Uint8Array(stored as Buffer))).toHaveLength(4001)

  const inline = await app.handle('export.xlsx', { kind: 'ledger', scopeId: 'EXB', year: 2025 }, 'demo-admin')
  assertConforms('export.xlsx', inline.status, inline.envelope)
  const data = (inline.envelope as any).data
  expect(inline.envelope.ok).toBe(true)
  expect(data.rows).toBe(4000)
  expect(data.fileId).toMatch(/^cloud:\/\/local-test\.local\/exports\/demo-admin\//)
  expect(readXlsx(Buffer.from(data.base64, 'base64'))).toEqual(readXlsx(new Uint8Array(stored as Buffer)))
  // An export is never accepted as a claim's photo.
  expect(await deps.files.refuse('demo-admin', [job.file.fileId])).toEqual([job.file.fileId])
})
