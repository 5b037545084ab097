// What score.list costs on the cloud, counted at the real wx-server-sdk's transport (the local executor sees every
// request): an estate's list costs requests bounded by the estate, not by the county its members' unit branches
// reach into, and a county over the live bound answers one stored page in a few requests
// (docs/DESIGN.md#budgets-and-how-they-are-measured).
import type { LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import type { createApp } from '../app'
import type { Deps } from '../context/deps'
import { COUNTY_ID, type MemberDoc } from '../model/org'
import { LIST_LIVE_MAX, LIST_PAGE } from '../queries/scores'
import { startTestCloud } from '../testing/cloud-harness'
import { assertConforms } from '../testing/contract-check'
import { T0 } from '../testing/harness'

let executor: LocalExecutor
let deps: Deps
let app: ReturnType<typeof createApp>
const figures: string[] = []

beforeAll(async () => {
  ;({ executor, deps, app } = await startTestCloud({ secret: 'list-secret', now: () => T0 }))
}, 60000)
afterAll(() => {
  executor.uninstall()
  console.log(`score.list on the cloud:\n${figures.join('\n')}`)
})

async function measure(label: string, openid: string, body: Record<string, unknown>) {
  const from = executor.actions.length
  const out = await app.handle('score.list', body, openid)
  assertConforms('score.list', out.status, out.envelope)
  const sent = executor.actions.slice(from)
  const bytes = Buffer.byteLength(JSON.stringify(out.envelope))
  if (!out.envelope.ok) throw new Error(`score.list failed: ${JSON.stringify(out.envelope)}`)
  const data = out.envelope.data as { rows: { memberId: string; rankInUnit: number | null }[]; next?: string; mode?: string }
  const writes = sent.filter((a) => /insertDocument|modifyDocument|removeDocument/.test(a)).length
  figures.push(
    `  ${label.padEnd(58)} ${String(sent.length).padStart(3)} requests, ${data.rows.length} rows, ${bytes} bytes, mode ${data.mode ?? 'live'}`,
  )
  return { data, requests: sent.length, writes, bytes }
}

/** Adds `n` registered members to E5 and unit branch UB1 (where E1's members D001, D005… are) directly in the store. */
async function addMembers(n: number, from: number) {
  const template = (await deps.store.get('members', 'D001')) as MemberDoc
  const ids = Array.from({ length: n }, (_, k) => `CLD${String(from + k).padStart(5, '0')}`)
  for (let i = 0; i < ids.length; i += 100) {
    await Promise.all(
      ids.slice(i, i + 100).map((id) =>
        deps.store.set('members', {
          ...template,
          _id: id,
          name: `云测党员${id}`,
          phone: `139${id.slice(3)}0000`,
          openid: null,
          estateBranchId: 'E5',
          unitBranchId: 'UB1',
        }),
      ),
    )
  }
}

/** An estate list may cost this many requests whatever the county's size (its own members are 9 here). */
const ESTATE_LIST_MAX = 20
/** One stored page: settings, orgs, a count and the page itself, with room to spare. */
const STORED_PAGE_MAX = 8

it("an estate's list costs requests bounded by the estate, however many members its unit branches have", async () => {
  const small = await measure('estate E1 (9 members), county of 49', 'demo-secretary-e1', { year: 2025, scopeId: 'E1' })
  expect(small.data.mode).toBeUndefined()
  expect(small.writes).toBe(0)

  await addMembers(LIST_LIVE_MAX + 100, 0)
  const big = await measure(`estate E1 (9 members), county of ${49 + LIST_LIVE_MAX + 100}`, 'demo-secretary-e1', { year: 2025, scopeId: 'E1' })
  expect(big.data.mode).toBe('storedRanks')
  expect(big.data.rows.map((r) => r.memberId)).toEqual(small.data.rows.map((r) => r.memberId))
  expect(big.requests).toBeLessThanOrEqual(ESTATE_LIST_MAX)

  // Twice the county again: not one request more.
  await addMembers(LIST_LIVE_MAX + 100, LIST_LIVE_MAX + 100)
  expect(await deps.store.count('members', { status: 'active' })).toBe(49 + 2 * (LIST_LIVE_MAX + 100))
  const bigger = await measure(`estate E1 (9 members), county of ${49 + 2 * (LIST_LIVE_MAX + 100)}`, 'demo-secretary-e1', {
    year: 2025,
    scopeId: 'E1',
  })
  expect(bigger.requests).toBe(big.requests)
}, 120000)

it('a county over the live bound answers a stored page in a few requests, and its unit ranks are the stored ones', async () => {
  // The tally of 2,249 members writes the totals (with their rankKey) the list pages.
  const tally = await app.handle('score.tally', { year: 2025 }, 'demo-admin')
  expect(tally.envelope.ok).toBe(true)
  const first = await measure(`county, first page (${49 + 2 * (LIST_LIVE_MAX + 100)} members)`, 'demo-admin', { year: 2025, scopeId: COUNTY_ID })
  expect(first.data.mode).toBe('stored')
  expect(first.data.rows).toHaveLength(LIST_PAGE)
  expect(first.requests).toBeLessThanOrEqual(STORED_PAGE_MAX)
  expect(first.bytes).toBeLessThan(200 * 1024)
  const second = await measure('county, second page', 'demo-admin', { year: 2025, scopeId: COUNTY_ID, cursor: first.data.next })
  expect(second.data.rows).toHaveLength(LIST_PAGE)
  expect(second.requests).toBeLessThanOrEqual(STORED_PAGE_MAX)

  const e1 = await measure('estate E1 after the tally', 'demo-secretary-e1', { year: 2025, scopeId: 'E1' })
  const stored = new Map((await deps.store.find('totals', { year: 2025, estateBranchId: 'E1' })).map((t) => [t.memberId, t.rankInUnit]))
  for (const r of e1.data.rows) expect(r.rankInUnit).toBe(stored.get(r.memberId))
  expect(e1.requests).toBeLessThanOrEqual(ESTATE_LIST_MAX)
}, 120000)
