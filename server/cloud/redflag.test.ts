// 红旗小区 评选 on the cloud path (docs/DESIGN.md#red-flag-estates): the whole pipeline through the real wx-server-sdk
// over the local executor and the wx store adapter — campaign, 申报 returned and resubmitted, 把关, 推荐, two panel
// sheets (one objecting), 审定, 公示 with a 属实 report — counting the database requests of each call.
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import type { App } from '../app'
import { T0 } from '../testing/harness'
import { startTestCloud } from '../testing/cloud-harness'
import { assertConforms } from '../testing/contract-check'
import { handleCloudEvent } from './entry'

let executor: LocalExecutor
let app: App
const clock = { t: T0 }
const requests: Record<string, number> = {}

beforeAll(async () => {
  ;({ executor, app } = await startTestCloud({ secret: 'rf-secret', now: () => clock.t }))
}, 60000)
afterAll(() => {
  console.log(
    `红旗小区 cloud requests per call: ${Object.entries(requests)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}`,
  )
  executor.uninstall()
})

async function call(openid: string, action: string, body: Record<string, unknown>) {
  const from = executor.actions.length
  const out = await app.handle(action, body, openid)
  assertConforms(action, out.status, out.envelope)
  requests[action] = Math.max(requests[action] ?? 0, executor.actions.length - from)
  return out
}
async function ok(openid: string, action: string, body: Record<string, unknown>) {
  const out = await call(openid, action, body)
  if (!out.envelope.ok) throw new Error(`${action}: ${out.envelope.error.message}`)
  return out.envelope.data as any
}

const FULL = { A: '党员亮身份、议事会每月一次', B: '物业服务企业纳入党建联建' }

it('runs the pipeline end to end on the wx store', async () => {
  await ok('demo-admin', 'redflag.campaignSave', {
    year: 2025,
    criteria: [
      { code: 'A', name: '党建引领', weight: 60 },
      { code: 'B', name: '物业服务', weight: 40 },
    ],
  })
  for (const e of ['E1', 'E2']) {
    await ok(`demo-secretary-${e.toLowerCase()}`, 'redflag.saveDraft', { year: 2025, estateBranchId: e, assessment: FULL })
    await ok(`demo-secretary-${e.toLowerCase()}`, 'redflag.submit', { year: 2025, estateBranchId: e })
  }
  await ok('demo-community-cm1', 'redflag.review', { year: 2025, estateBranchId: 'E1', decision: 'return', reason: '请补充照片' })
  await ok('demo-secretary-e1', 'redflag.saveDraft', { year: 2025, estateBranchId: 'E1', assessment: FULL })
  expect((await ok('demo-secretary-e1', 'redflag.submit', { year: 2025, estateBranchId: 'E1' })).version).toBe(2)
  for (const e of ['E1', 'E2']) await ok('demo-community-cm1', 'redflag.review', { year: 2025, estateBranchId: e, decision: 'endorse' })

  const over = await call('demo-street-s1', 'redflag.recommend', {
    year: 2025,
    streetId: 'S1',
    picks: [
      { estateBranchId: 'E1', note: '实地查看' },
      { estateBranchId: 'E2', note: '实地查看' },
    ],
  })
  expect(over.envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  expect(over.envelope.ok ? '' : over.envelope.error.message).toContain('最多推荐 1 个')
  await ok('demo-street-s1', 'redflag.recommend', { year: 2025, streetId: 'S1', picks: [{ estateBranchId: 'E1', note: '实地查看' }] })

  await ok('demo-panel-1', 'redflag.score', { year: 2025, estateBranchId: 'E1', scores: { A: 55.05, B: 25 } })
  const scored = await ok('demo-panel-2', 'redflag.score', {
    year: 2025,
    estateBranchId: 'E1',
    scores: { A: 55.1, B: 25 },
    objection: '收费公示不及时',
  })
  expect(scored).toMatchObject({ average: 80.08, objections: 1, panelRank: 1 })
  expect((await ok('demo-panel-1', 'redflag.list', { year: 2025, scopeId: 'county' })).applications).toHaveLength(1)

  await ok('demo-admin', 'redflag.decide', { year: 2025, meetingOn: '2025-07-01', note: '常委会', approved: ['E1'] })
  expect(await ok('demo-admin', 'redflag.publicityOpen', { year: 2025, startOn: '2025-07-01' })).toMatchObject({ endOn: '2025-07-07' })
  const report = await ok('resident-1', 'redflag.report', { year: 2025, estateBranchId: 'E1', text: '物业收费未公示' })
  await ok('demo-admin', 'redflag.answer', { reportId: report.reportId, verdict: 'upheld', answer: '经核实属实' })
  clock.t = Date.parse('2025-07-08T09:00:00+08:00')
  expect(await ok('demo-member-1', 'redflag.results', { year: 2025 })).toMatchObject({ final: true, estates: [] })
  expect(await ok('demo-member-1', 'redflag.honours', {})).toEqual([])

  // Every call stays a handful of requests: nothing reads the county's members beyond the one estate's figures.
  for (const [action, n] of Object.entries(requests)) expect({ action, n: Math.min(n, 40) }).toEqual({ action, n })
})

it('is hosted by the score function', async () => {
  const answer = await handleCloudEvent('score', { action: 'redflag.campaignGet', year: 2025 }, 'demo-member-1', app)
  expect(answer).toMatchObject({ ok: true, data: { year: 2025 } })
})
