// The cloud path end to end: the real wx-server-sdk (network swapped for the local executor), the wx adapter,
// the cloud entry's routing — running the same seed and core loop the local backend runs.
import { createApp } from '../app'
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import { startTestCloud } from '../testing/cloud-harness'
import { issueCode } from '../../src/core/rotating-code'
import { T0 } from '../testing/harness'
import type { Deps } from '../context/deps'
import { AppError } from '../../src/core/errors'
import { ACTIONS, isActionName } from '../../src/core/contracts'
import { assertConforms } from '../testing/contract-check'
import { handleCloudEvent, cloudDeps, TIMER_OPENID } from './entry'

let executor: LocalExecutor
let deps: Deps
let app: ReturnType<typeof createApp>
const now = { t: T0 }

beforeAll(async () => {
  ;({ executor, deps, app } = await startTestCloud({ secret: 'cloud-test-secret', now: () => now.t, adminOpenids: [TIMER_OPENID] }))
}, 60000)
afterAll(() => executor.uninstall())

const call = async (fn: 'user' | 'activity' | 'ruleset' | 'score', openid: string | null, data: Record<string, unknown>) => {
  const answer = await handleCloudEvent(fn, { ...data, userInfo: { appId: 'wx', openId: 'ignored' } }, openid, app)
  // An action sent to a function that does not host it is refused before it runs (NOT_FOUND), unchecked here.
  const action = String(data.action)
  if (isActionName(action) && ACTIONS[action].fn === fn) assertConforms(action, answer.ok ? 200 : 0, answer)
  return answer
}

it('seeds the demo county through the wx adapter and answers me.get from the WeChat context', async () => {
  const me = await call('user', 'demo-member-1', { action: 'me.get' })
  expect(me).toMatchObject({ ok: true, data: { openid: 'demo-member-1', member: { id: 'D001', status: 'active' } } })
  expect(executor.actions).toContain('database.startTransaction')
})

it('runs the core loop: check-in, bulk approval, double score', async () => {
  const list = await call('activity', 'demo-secretary-e1', { action: 'activity.list', estateBranchId: 'E1' })
  if (!list.ok) throw new Error(list.error.message)
  const live = (list.data as any[]).find((a) => a.status === 'in_progress')
  const code = issueCode(deps.hmac, live.id, now.t)
  const first = await call('activity', 'demo-member-7', { action: 'activity.checkin', code: code.qr })
  expect(first).toMatchObject({ ok: true, data: { repeated: false, status: 'pending', flags: ['no_location'] } })
  const again = await call('activity', 'demo-member-7', { action: 'activity.checkin', code: code.qr })
  expect(again).toMatchObject({ ok: true, data: { repeated: true } })
  const id = (first as any).data.attendanceId
  const review = await call('activity', 'demo-secretary-e1', { action: 'attendance.review', attendanceIds: [id], decision: 'approve' })
  expect(review).toEqual({ ok: true, data: { approved: 1, rejected: 0, skipped: 0 } })
  const mine = await call('score', 'demo-member-1', { action: 'score.mine', year: 2025 })
  // D001: unit 87.25; estate 60 + 5 (seeded approval) = 65 → 0.5×87.25 + 0.5×65 = 76.125 → 76.13
  expect(mine).toMatchObject({ ok: true, data: { unitScore: 87.25, estateScore: 65, total: 76.13, complete: true, band: '合格' } })
})

it('20 simultaneous approvals through the SDK write one ledger entry', async () => {
  const list = await call('activity', 'demo-secretary-e1', { action: 'activity.list', estateBranchId: 'E1' })
  const live = ((list as any).data as any[]).find((a) => a.status === 'in_progress')
  const r = await call('activity', 'demo-member-8', { action: 'activity.checkin', code: issueCode(deps.hmac, live.id, now.t).qr })
  const id = (r as any).data.attendanceId
  const replies = await Promise.all(
    Array.from({ length: 20 }, () =>
      call('activity', 'demo-secretary-e1', { action: 'attendance.review', attendanceIds: [id], decision: 'approve' }),
    ),
  )
  const approved = replies.reduce((n, x) => n + ((x as any).data?.approved ?? 0), 0)
  expect(approved).toBe(1)
  expect(await deps.store.count('ledger', { sourceId: id })).toBe(1)
})

it('takes claim photos from cloud storage: only the caller’s own, existing files; reviewers get temporary URLs', async () => {
  const own = 'cloud://local-test.6c6f-local-test/claims/demo-member-3/p1.jpg'
  const missing = 'cloud://local-test.6c6f-local-test/claims/demo-member-3/never-uploaded.jpg'
  const others = 'cloud://local-test.6c6f-local-test/claims/demo-member-4/p1.jpg'
  executor.putFile(own)
  executor.putFile(others)
  const body = { action: 'claim.submit', itemCode: 'V02', occurredOn: '2025-06-30', title: '清理楼道', description: '清理了楼道里堆放的杂物' }
  for (const bad of [missing, others]) {
    expect(await call('activity', 'demo-member-3', { ...body, photos: [bad] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'photos' } },
    })
  }
  const r = await call('activity', 'demo-member-3', { ...body, photos: [own] })
  expect(r).toMatchObject({ ok: true, data: { status: 'pending', flags: ['claim'] } })
  expect(executor.actions).toContain('storage.batchGetDownloadUrl')
  const queue = await call('activity', 'demo-secretary-e1', { action: 'attendance.list', estateBranchId: 'E1' })
  const row = (queue as any).data.find((x: any) => x.kind === 'claim')
  expect(row.claim.photos).toEqual([`https://storage.local.invalid/${encodeURIComponent(own)}?max_age=3600`])
  const approved = await call('activity', 'demo-secretary-e1', { action: 'attendance.review', attendanceIds: [row.id], decision: 'approve' })
  expect(approved).toEqual({ ok: true, data: { approved: 1, rejected: 0, skipped: 0 } })
})

it('refuses an action hosted by another function, and ignores identity in the event', async () => {
  expect(await call('user', 'demo-member-1', { action: 'score.mine', year: 2025 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(await call('score', null, { action: 'score.mine', year: 2025, openid: 'demo-member-1' })).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHENTICATED' },
  })
  expect(await call('score', TIMER_OPENID, { action: 'score.tally', year: 2025 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
})

it('runs the nightly tally on the timer trigger', async () => {
  now.t = Date.now()
  const r = await handleCloudEvent('score', { Type: 'Timer', TriggerName: 'nightlyTally' }, null, app)
  // The demo county fits in one invocation: every registered member scored and ranked, as a tally job.
  expect(r).toMatchObject({ ok: true, data: { kind: 'tally', status: 'done', phase: 'done', scopeId: 'county', counts: { members: 49 } } })
  // A quiet tick (the tally ran less than 12 h ago, no job idle): a few reads, no write.
  const from = executor.actions.length
  const quiet = await handleCloudEvent('score', { Type: 'Timer', TriggerName: 'nightlyTally' }, null, app)
  const sent = executor.actions.slice(from)
  expect(quiet).toMatchObject({ ok: true, data: { status: 'done', id: (r as any).data.id } })
  expect(sent.filter((a) => /insertDocument|modifyDocument|removeDocument|updateDocument/.test(a))).toEqual([])
  expect(sent.length).toBeLessThanOrEqual(8)
  console.log(`a quiet timer tick: ${sent.length} requests (${sent.join(', ')})`)
})

it('refuses to start without a check-in secret', () => {
  const storage = {
    getTempFileURL: async () => ({ fileList: [] }),
    uploadFile: async () => ({ fileID: '' }),
    downloadFile: async () => ({ fileContent: Buffer.alloc(0) }),
  }
  expect(() => cloudDeps({ database: () => ({}), ...storage }, {} as NodeJS.ProcessEnv)).toThrow(/CHECKIN_SECRET/)
})

describe('registration in WeChat uses the verified phone number', () => {
  const verified: Record<string, string> = { 'code-for-zhou': '13800000010' }
  let wxApp: ReturnType<typeof createApp>
  beforeAll(() => {
    wxApp = createApp(
      {
        ...deps,
        verifyPhoneCode: async (code) => {
          if (!verified[code]) throw new AppError('VALIDATION', '微信手机号验证失败', { field: 'phoneCode' })
          return verified[code]
        },
      },
      () => undefined,
    )
  })
  const register = (openid: string, body: Record<string, unknown>) =>
    handleCloudEvent('user', { action: 'member.register', name: '周敏', unitBranchId: 'UB2', estateBranchId: 'E1', ...body }, openid, wxApp)

  it('refuses a typed phone number, so nobody registers under someone else’s phone', async () => {
    expect(await register('wx-typed', { phone: '13800000010' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'phoneCode' } },
    })
  })
  it('binds the directory member through the number WeChat verified', async () => {
    expect(await register('wx-zhou', { phoneCode: 'code-for-zhou' })).toEqual({ ok: true, data: { memberId: 'D010', status: 'active' } })
  })
})
