// The chunked directory import on the cloud path (docs/DESIGN.md#directory-import): the real wx-server-sdk over the
// local executor, counting the database requests of every call — each chunk's upload and each apply step is bounded
// by the chunk, never by the county — and the body limit counted in UTF-8 bytes at the cloud entry.
import { IMPORT_CHUNK_ROWS, MAX_BODY_BYTES, UNIT_SCORE_IMPORT_ROWS } from '../../src/core/contracts'
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import type { App } from '../app'
import { T0 } from '../testing/harness'
import { startTestCloud } from '../testing/cloud-harness'
import { assertConforms } from '../testing/contract-check'
import { handleCloudEvent } from './entry'

let executor: LocalExecutor
let app: App
const clock = { t: T0, tick: 0 }

beforeAll(async () => {
  // While `tick` is set every reading of the clock moves it on, so a job step ends after one unit (one chunk).
  ;({ executor, app } = await startTestCloud({ secret: 'import-secret', now: () => (clock.t += clock.tick) }))
}, 60000)
afterAll(() => executor.uninstall())

const ADMIN = 'demo-admin'
async function call(action: string, body: Record<string, unknown>) {
  const from = executor.actions.length
  const out = await app.handle(action, body, ADMIN)
  assertConforms(action, out.status, out.envelope)
  if (!out.envelope.ok) throw new Error(`${action}: ${out.envelope.error.message}`)
  const sent = executor.actions.slice(from)
  return {
    data: out.envelope.data as any,
    requests: sent.length,
    writes: sent.filter((a) => /insertDocument|modifyDocument|removeDocument/.test(a)).length,
  }
}

const rows = Array.from({ length: 1000 }, (_, i) => ({
  line: i + 2,
  id: `CLD${i}`,
  name: `云导入${i}`,
  phone: `137${String(i).padStart(8, '0')}`,
  unitBranchId: `UB${(i % 3) + 1}`,
  estateBranchId: `E${(i % 6) + 1}`,
}))

it('refuses a body of 30,000 Chinese characters at the cloud entry: 90 KB, though only 30,000 characters', async () => {
  const name = '党'.repeat(30_000)
  expect(JSON.stringify({ action: 'member.register', name }).length).toBeLessThan(MAX_BODY_BYTES)
  const answer = await handleCloudEvent('user', { action: 'member.register', name }, 'someone', app)
  expect(answer).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
})

it('imports 1,000 rows in 4 chunks; every upload and every apply step stays bounded by its chunk', async () => {
  const start = await call('admin.importStart', { fileName: '云名册.csv', rows: rows.length })
  const jobId = start.data.id
  const uploads: number[] = []
  for (let k = 0; k * IMPORT_CHUNK_ROWS < rows.length; k++) {
    const up = await call('admin.importChunk', { jobId, index: k, rows: rows.slice(k * IMPORT_CHUNK_ROWS, (k + 1) * IMPORT_CHUNK_ROWS) })
    expect(up.data).toMatchObject({ rows: 250, problems: 0, repeated: false })
    uploads.push(up.requests)
  }
  const preview = await call('job.step', { jobId })
  expect(preview.data).toMatchObject({ status: 'done', counts: { created: 1000, problems: 0 } })

  clock.tick = 10_000
  let job = (await call('admin.importApply', { jobId })).data
  const steps: { requests: number; writes: number }[] = []
  while (job.status === 'running') {
    const s = await call('job.step', { jobId: job.id })
    steps.push({ requests: s.requests, writes: s.writes })
    job = s.data
  }
  clock.tick = 0
  expect(job).toMatchObject({ status: 'done', done: 1000, counts: { created: 1000, updated: 0, unchanged: 0, problems: 0 } })
  console.log(
    `cloud requests: importStart ${start.requests}; importChunk (250 rows) ${uploads.join(', ')}; preview step ${preview.requests}; ` +
      `apply steps (one chunk each) ${steps.map((s) => `${s.requests} (${s.writes} writes)`).join(', ')}`,
  )
  // An upload reads the chunk's orgs and members and writes the chunk: a handful of requests, not 250.
  for (const n of uploads) expect(n).toBeLessThanOrEqual(10)
  expect(preview.requests).toBeLessThanOrEqual(16)
  // An apply unit: 250 member writes in one transaction plus a fixed few; ≤ 300 requests = ≤ 7.5 s at 25 ms.
  expect(steps.length).toBe(3) // the first chunk went in importApply's own first step
  for (const s of steps) expect(s.requests).toBeLessThanOrEqual(IMPORT_CHUNK_ROWS + 30)

  // Confirming again writes nothing.
  const again = await call('admin.importApply', { jobId })
  expect(again.data).toMatchObject({ id: job.id, status: 'done' })
  expect(again.writes).toBe(0)
})

it('a part of a unit sheet of 100 rows (the most one unitScore.import takes) stays inside the score function timeout at 25 ms', async () => {
  // The members imported above: rows i ≡ 0 (mod 3) went to UB1.
  const scores = rows
    .filter((_, i) => i % 3 === 0)
    .slice(0, UNIT_SCORE_IMPORT_ROWS)
    .map((r, i) => ({ memberId: r.id, score: 60 + (i % 40) }))
  const from = executor.actions.length
  const out = await app.handle('unitScore.import', { unitBranchId: 'UB1', year: 2025, fullScale: 100, scores }, 'demo-unitsec-ub1')
  assertConforms('unitScore.import', out.status, out.envelope)
  expect(out.envelope).toMatchObject({ ok: true, data: { imported: UNIT_SCORE_IMPORT_ROWS, created: UNIT_SCORE_IMPORT_ROWS } })
  const requests = executor.actions.length - from
  console.log(`cloud requests: unitScore.import of ${UNIT_SCORE_IMPORT_ROWS} rows ${requests} (${(requests * 0.025).toFixed(1)} s at 25 ms)`)
  expect(requests * 25).toBeLessThanOrEqual(11_000) // ~ a job step's budget, a fifth of the score function's 60 s
  const over = await app.handle(
    'unitScore.import',
    { unitBranchId: 'UB1', year: 2025, fullScale: 100, scores: [...scores, scores[0]] },
    'demo-unitsec-ub1',
  )
  expect(over.envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
})
