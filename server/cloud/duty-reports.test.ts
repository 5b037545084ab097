// 述职 (docs/DESIGN.md#duty-reports) on the cloud path: the real wx-server-sdk over the local executor, through the
// cloud entry of the `score` function: the new collections (reports, versions, reminders) and notices by openid.
import type { createApp } from '../app'
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import { startTestCloud } from '../testing/cloud-harness'
import { T0 } from '../testing/harness'
import type { Deps } from '../context/deps'
import { handleCloudEvent } from './entry'

jest.setTimeout(120_000)

let executor: LocalExecutor
let deps: Deps
let app: ReturnType<typeof createApp>
const now = { t: T0 }

beforeAll(async () => {
  ;({ executor, deps, app } = await startTestCloud({ secret: 'cloud-duty-secret', now: () => now.t, adminOpenids: ['demo-admin'] }))
}, 60000)
afterAll(() => executor.uninstall())

async function call(openid: string, action: string, body: Record<string, unknown>) {
  const fn = action === 'notice.mine' ? 'activity' : 'score'
  return handleCloudEvent(fn, { action, ...body }, openid, app)
}
async function data(openid: string, action: string, body: Record<string, unknown>): Promise<any> {
  const r = await call(openid, action, body)
  if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`)
  return r.data
}
const TEXT = '2025 年度述职：组织志愿服务 12 次，解决居民急难愁盼问题 8 件。'

it('submits, revises, lists, reads and reminds through the cloud database', async () => {
  expect((await data('demo-secretary-e1', 'report.submit', { orgId: 'E1', year: 2025, text: TEXT })).version).toBe(1)
  const v2 = await data('demo-secretary-e1', 'report.submit', { orgId: 'E1', year: 2025, text: `${TEXT}补充。`, baseVersion: 1 })
  expect(v2.versions.map((v: any) => v.version)).toEqual([1, 2])

  const list = await data('demo-community-cm1', 'report.list', { orgId: 'CM1', year: 2025 })
  expect(list.rows.map((r: any) => [r.orgId, r.status, r.version])).toEqual(
    expect.arrayContaining([
      ['E1', 'submitted', 2],
      ['E2', 'none', 0],
    ]),
  )
  const stale = await call('demo-community-cm1', 'report.review', { orgId: 'E1', year: 2025, version: 1, grade: 'good', comment: '好' })
  expect(stale.ok ? null : stale.error.code).toBe('CONFLICT')
  const read = await data('demo-community-cm1', 'report.review', { orgId: 'E1', year: 2025, version: 2, grade: 'average', comment: '还需加强' })
  expect(read).toMatchObject({ status: 'read', read: { grade: 'average', version: 2 } })
  const late = await call('demo-secretary-e1', 'report.submit', { orgId: 'E1', year: 2025, text: `${TEXT}迟改。`, baseVersion: 2 })
  expect(late.ok ? null : late.error.code).toBe('CONFLICT')

  expect(await data('demo-community-cm1', 'report.remind', { orgId: 'E2', year: 2025 })).toMatchObject({ sent: 1, repeated: false })
  expect(await data('demo-community-cm1', 'report.remind', { orgId: 'E2', year: 2025 })).toMatchObject({ sent: 1, repeated: true })
  const notices = await data('demo-secretary-e2', 'notice.mine', {})
  expect(notices.filter((n: any) => n.title.includes('述职'))).toHaveLength(1)
  // The street admin reminds the community admin, who is no member.
  expect((await data('demo-street-s1', 'report.remind', { orgId: 'CM1', year: 2025 })).sent).toBe(1)
  expect(await data('demo-community-cm1', 'notice.mine', {})).toHaveLength(1)
  expect(await deps.store.count('dutyReportVersions', { reportId: 'DR_2025_E1' })).toBe(2)
})

it('keeps one version when the same report arrives several times at once', async () => {
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => call('demo-secretary-e3', 'report.submit', { orgId: 'E3', year: 2025, text: TEXT })),
  )
  // Each answer is the report, or (the cloud's optimistic transactions) a retryable refusal — never an internal error.
  for (const a of answers) if (!a.ok) expect(a.error.code).not.toBe('INTERNAL')
  expect(answers.some((a) => a.ok)).toBe(true)
  expect(await deps.store.count('dutyReportVersions', { reportId: 'DR_2025_E3' })).toBe(1)
  expect((await deps.store.get('dutyReports', 'DR_2025_E3'))?.version).toBe(1)
})
