// The check-in rate limit through the real wx-server-sdk over the local executor (snapshot reads, first writer
// wins): the failure count and the verdict are one transaction, so a burst of guesses gets at most 10 verdicts on
// the cloud database too.
import type { createApp } from '../app'
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import { startTestCloud } from '../testing/cloud-harness'
import { issueCode, SLOT_MS } from '../../src/core/rotating-code'
import { T0 } from '../testing/harness'
import type { Deps } from '../context/deps'
import { handleCloudEvent, TIMER_OPENID } from './entry'

jest.setTimeout(120_000)

let executor: LocalExecutor
let deps: Deps
let app: ReturnType<typeof createApp>
const now = { t: T0 }

beforeAll(async () => {
  ;({ executor, deps, app } = await startTestCloud({ secret: 'cloud-rate-secret', now: () => now.t, adminOpenids: [TIMER_OPENID] }))
}, 60000)
afterAll(() => executor.uninstall())

async function liveActivity(): Promise<string> {
  const list = await handleCloudEvent('activity', { action: 'activity.list', estateBranchId: 'E1' }, 'demo-secretary-e1', app)
  if (!list.ok) throw new Error(list.error.message)
  return (list.data as { id: string; status: string }[]).find((a) => a.status === 'in_progress')?.id as string
}

function wrongCodes(activityId: string, n: number): string[] {
  const recent = new Set<string>()
  for (let k = 0; k <= 30; k++) recent.add(issueCode(deps.hmac, activityId, now.t - k * SLOT_MS).shortCode)
  const out: string[] = []
  for (let c = 100000; out.length < n; c += 7919) if (!recent.has(String(c))) out.push(String(c))
  return out
}

async function burst(openid: string, activityId: string, codes: string[]): Promise<Record<string, number>> {
  const answers = await Promise.all(
    codes.map((shortCode) => handleCloudEvent('activity', { action: 'activity.checkin', activityId, shortCode }, openid, app)),
  )
  const by: Record<string, number> = {}
  for (const a of answers) {
    const key = a.ok ? 'OK' : a.error.code
    by[key] = (by[key] ?? 0) + 1
  }
  return by
}

/**
 * At most 10 verdicts, everything else 429, never an error. On the cloud, attempts whose transaction still conflicts
 * after the adapter's retries are refused unjudged, so fewer than 10 may be judged in a burst.
 */
function expectAtMostTenJudged(counts: Record<string, number>) {
  expect(Object.keys(counts).filter((k) => k !== 'CODE_INVALID' && k !== 'RATE_LIMITED')).toEqual([])
  expect(counts.CODE_INVALID ?? 0).toBeLessThanOrEqual(10)
  expect((counts.CODE_INVALID ?? 0) + (counts.RATE_LIMITED ?? 0)).toBe(100)
}

it('100 simultaneous wrong codes from one member: at most 10 judged, the rest 429', async () => {
  const id = await liveActivity()
  expectAtMostTenJudged(await burst('demo-member-1', id, wrongCodes(id, 100)))
  // Then, one at a time, the count goes on from what the burst recorded.
  const doc = await deps.store.get('rateLimits', 'D001')
  const recorded = doc?.blockedUntil && doc.blockedUntil > now.t ? 10 : (doc?.failures.length ?? 0)
  for (const shortCode of wrongCodes(id, 10 - recorded)) {
    const a = await handleCloudEvent('activity', { action: 'activity.checkin', activityId: id, shortCode }, 'demo-member-1', app)
    expect(a.ok ? 'OK' : a.error.code).toBe('CODE_INVALID')
  }
  const next = await handleCloudEvent('activity', { action: 'activity.checkin', activityId: id, shortCode: '000000' }, 'demo-member-1', app)
  expect(next.ok ? 'OK' : next.error.code).toBe('RATE_LIMITED')
})

it('8 members bursting in parallel, each at most 10 judged', async () => {
  const id = await liveActivity()
  const all = await Promise.all([2, 3, 4, 5, 6, 7, 8, 9].map((n) => burst(`demo-member-${n}`, id, wrongCodes(id, 100))))
  for (const counts of all) expectAtMostTenJudged(counts)
})
