// 满意度测评 on the cloud path (docs/DESIGN.md#satisfaction-surveys): the real wx-server-sdk over the local executor
// (snapshot reads, first writer wins). 20 simultaneous submissions of one person leave exactly one answer; the ones
// the database could not serialise are refused as 429, never an error; a different person's answer is untouched.
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import type { App } from '../app'
import type { Deps } from '../context/deps'
import { startTestCloud } from '../testing/cloud-harness'
import { T0 } from '../testing/harness'
import { estateSatisfaction } from '../queries/surveys'
import { handleCloudEvent } from './entry'

jest.setTimeout(120_000)

let executor: LocalExecutor
let deps: Deps
let app: App
const now = { t: T0 }

beforeAll(async () => {
  ;({ executor, deps, app } = await startTestCloud({ secret: 'cloud-survey-secret', now: () => now.t }))
}, 60000)
afterAll(() => executor.uninstall())

const call = async (openid: string, action: string, body: Record<string, unknown>) => handleCloudEvent('user', { action, ...body }, openid, app)
const data = <T>(r: Awaited<ReturnType<typeof call>>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
  return r.data as T
}

it('keeps one answer per person under 20 simultaneous submissions on the cloud database', async () => {
  const { surveyId } = data<{ surveyId: string }>(
    await call('demo-community-cm1', 'survey.open', { estateBranchId: 'E1', year: 2025, period: '云端并发' }),
  )
  data(await call('cloud-other', 'survey.answer', { surveyId, branch: 'satisfied', committee: 'satisfied', property: 'satisfied' }))
  const choices = ['satisfied', 'basic', 'dissatisfied']
  const replies = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      call('cloud-burst', 'survey.answer', { surveyId, branch: choices[i % 3], committee: choices[(i + 1) % 3], property: 'basic' }),
    ),
  )
  const codes = replies.map((r) => (r.ok ? 'OK' : r.error.code))
  expect(codes.filter((c) => c !== 'OK' && c !== 'RATE_LIMITED')).toEqual([])
  const stored = codes.filter((c) => c === 'OK').length
  console.log(`cloud survey burst: ${stored} of 20 stored, ${20 - stored} refused 429`)
  expect(stored).toBeGreaterThanOrEqual(1)
  expect(stored).toBeLessThanOrEqual(10)
  const answers = await deps.store.find('surveyAnswers', { surveyId })
  expect(answers.map((a) => a.openid).sort()).toEqual(['cloud-burst', 'cloud-other'])
  expect(answers.find((a) => a.openid === 'cloud-burst')?.revisions).toBe(stored - 1)
  const results = data<{ answers: number; objects: { basic: number }[] }>(await call('demo-admin', 'survey.results', { surveyId }))
  expect(results.answers).toBe(2)
  expect(results.objects[2].basic).toBe(1)
  const e1 = await estateSatisfaction(deps.store, 'E1', 2025)
  expect(e1).toMatchObject({ surveys: [surveyId], answers: 2, enough: false })
})

it('counts the cloud database requests of an answer, a changed answer and the form (README capacity plan)', async () => {
  const { surveyId } = data<{ surveyId: string }>(
    await call('demo-community-cm1', 'survey.open', { estateBranchId: 'E2', year: 2025, period: '云端计数' }),
  )
  const measure = async (action: string, body: Record<string, unknown>) => {
    const from = executor.actions.length
    data(await call('cloud-count', action, body))
    const sent = executor.actions.slice(from)
    return { requests: sent.length, writes: sent.filter((a) => /insertDocument|modifyDocument|removeDocument/.test(a)).length }
  }
  const answer = { surveyId, branch: 'satisfied', committee: 'basic', property: 'basic' }
  const first = await measure('survey.answer', answer)
  const changed = await measure('survey.answer', { ...answer, property: 'satisfied' })
  const form = await measure('survey.form', { surveyId })
  console.log(
    `cloud database requests: survey.answer first ${first.requests} (${first.writes} writes), changed ${changed.requests} (${changed.writes} writes); survey.form ${form.requests}`,
  )
  expect(first.requests).toBeLessThanOrEqual(14)
  expect(changed.requests).toBeLessThanOrEqual(14)
  expect(form.writes).toBe(0)
  expect(form.requests).toBeLessThanOrEqual(5)
})
