// docs/DESIGN.md#bad-input "bad input → 4xx with a clear Chinese message naming the field; no state change and never a 500",
// over real HTTP against the real SQLite backend, for every action of the contract.
//
// Bodies come from server/testing/fuzz.ts, which walks each action's body schema. Runs are reproducible:
//   FUZZ_SEED=<n>      replay a run (the seed is printed, and named in every failure)
//   FUZZ_BODIES=<n>    how many HTTP bodies to send (default 700); FUZZ_BODIES=all sends the whole catalogue
import { ACTIONS, ACTION_NAMES, type ActionName, type Caller } from '../src/core/contracts'
import { AppError } from '../src/core/errors'
import { startTestServer, ok, type Reply, type TestServer } from './testing/harness'
import { demoRuleset } from './local/seed'
import { HOUR, MINUTE, toIsoShanghai } from '../src/core/time'
import { casesFor, changed, hasChinese, openFingerprinter, rng, seedFromEnv, type FuzzCase, type Rng } from './testing/fuzz'

const SEED = seedFromEnv()
const BUDGET = process.env.FUZZ_BODIES === 'all' ? Infinity : Number(process.env.FUZZ_BODIES ?? 700)
const REPLAY = `FUZZ_SEED=${SEED} npx jest server/fuzz`

/** Realistic ids, so that bodies whose validity is not claimed reach the use cases instead of stopping at 404. */
const HINTS = { estateBranchId: 'E1', unitBranchId: 'UB1', scopeId: 'E1', memberId: 'D001', orgId: 'E1' }

/** Demo openids per role (server/local/seed.ts); a body is judged, so the caller is always allowed to call. */
const CALLERS: Record<Exclude<Caller, 'anyone'>, string[]> = {
  member: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `demo-member-${n}`),
  estate_secretary: [1, 2, 3, 4, 5, 6].map((n) => `demo-secretary-e${n}`),
  unit_secretary: [1, 2, 3, 4].map((n) => `demo-unitsec-ub${n}`),
  community_admin: ['demo-community-cm1'],
  street_admin: ['demo-street-s1'],
  county_admin: ['demo-admin'],
  panel_reviewer: ['demo-panel-1'],
}
const ANYONE = ['fuzz-stranger', 'demo-member-1', 'demo-secretary-e1', 'demo-unitsec-ub1', 'demo-admin']

function callerFor(action: ActionName, r: Rng): string {
  const who = ACTIONS[action].who
  const pool = who.flatMap((c) => (c === 'anyone' ? ANYONE : CALLERS[c]))
  return r.pick(pool)
}

/** The whole catalogue, then a reproducible sample: every body-level case, and field cases round-robin. */
function plan(r: Rng): { all: FuzzCase[]; chosen: FuzzCase[] } {
  const all: FuzzCase[] = []
  const perAction = new Map<ActionName, FuzzCase[]>()
  for (const a of ACTION_NAMES) {
    const cases = casesFor(a, ACTIONS[a].body, HINTS)
    all.push(...cases)
    perAction.set(a, cases)
  }
  if (BUDGET === Infinity) return { all, chosen: all }
  const chosen: FuzzCase[] = []
  const queues = ACTION_NAMES.map((a) => {
    const cases = perAction.get(a) as FuzzCase[]
    // Body-level cases (the first ones) are always sent; the rest are shuffled.
    const fixed = cases.filter((c) => c.what.startsWith('body '))
    chosen.push(...fixed)
    return r.shuffle(cases.filter((c) => !c.what.startsWith('body ')))
  })
  for (let round = 0; chosen.length < BUDGET; round++) {
    let took = false
    for (const q of queues) {
      if (round < q.length && chosen.length < BUDGET) {
        chosen.push(q[round])
        took = true
      }
    }
    if (!took) break
  }
  return { all, chosen }
}

const r = rng(SEED)
const { all, chosen } = plan(r)
const byAction = new Map<ActionName, FuzzCase[]>(ACTION_NAMES.map((a) => [a, chosen.filter((c) => c.action === a)]))

let srv: TestServer
let fp: ReturnType<typeof openFingerprinter>
const tally = { sent: 0, invalid: 0, tooLarge: 0, maybe: 0, status: {} as Record<number, number> }

beforeAll(async () => {
  console.log(`fuzz: seed ${SEED} (replay: ${REPLAY}); ${chosen.length} of ${all.length} bodies over HTTP`)
  srv = await startTestServer()
  fp = openFingerprinter(srv.dataDir)
})
afterAll(async () => {
  console.log(
    `fuzz: seed ${SEED}: sent ${tally.sent} (${tally.invalid} invalid, ${tally.tooLarge} too large, ${tally.maybe} unclaimed); statuses ${JSON.stringify(tally.status)}`,
  )
  fp?.close()
  await srv?.close()
})

function describeFailure(c: FuzzCase, caller: string, reply: Reply, problem: string): string {
  const body = c.text.length > 300 ? `${c.text.slice(0, 300)}…(${c.text.length} bytes)` : c.text
  return `[seed ${SEED}] ${c.action} as ${caller}: ${c.what}\n  problem: ${problem}\n  sent: ${body}\n  got: ${reply.status} ${JSON.stringify(reply.body).slice(0, 400)}`
}

/** What is wrong with the reply to one bad body (empty when nothing is). */
function judge(c: FuzzCase, reply: Reply, stateChanges: string[]): string[] {
  const problems: string[] = []
  const { status, body } = reply
  if (status >= 500) problems.push(`status ${status} (bad input must never be a 5xx)`)
  const envelopeError = () => {
    if (body.ok !== false || !body.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string') {
      problems.push('envelope is not {ok:false, error:{code, message}}')
    } else if (!hasChinese(body.error.message)) {
      problems.push(`error message is not Chinese: ${JSON.stringify(body.error.message)}`)
    }
  }
  if (c.expect === 'invalid') {
    if (status !== 400 || body.error?.code !== 'VALIDATION') problems.push(`expected 400 VALIDATION, got ${status} ${body.error?.code ?? ''}`)
    envelopeError()
    if (c.field !== undefined && body.error) {
      const f = (body.error.details as { field?: unknown } | undefined)?.field ?? null
      const names =
        c.field === null ? f === null : typeof f === 'string' && (f === c.field || f.startsWith(`${c.field}.`) || f.startsWith(`${c.field}[`))
      if (!names) problems.push(`error should name field ${JSON.stringify(c.field)}, details.field = ${JSON.stringify(f)}`)
      else if (typeof f === 'string' && !body.error.message.includes(f)) problems.push(`message does not name the field ${f}`)
    }
    if (stateChanges.length) problems.push(`state changed: ${stateChanges.join(', ')}`)
  } else if (c.expect === 'too_large') {
    if (status !== 413 || body.error?.code !== 'PAYLOAD_TOO_LARGE')
      problems.push(`expected 413 PAYLOAD_TOO_LARGE, got ${status} ${body.error?.code ?? ''}`)
    envelopeError()
    if (stateChanges.length) problems.push(`state changed: ${stateChanges.join(', ')}`)
  } else {
    // Validity not claimed: any clean answer, never a 5xx; a refusal changes nothing.
    if (status === 200) {
      if (body.ok !== true || !('data' in body)) problems.push('200 without an {ok:true, data} envelope')
    } else {
      if (status < 400 || status >= 500) problems.push(`unexpected status ${status}`)
      envelopeError()
      // A wrong check-in code is counted against the member on purpose (rate limiting: docs/DESIGN.md#check-in-layers).
      const counted = ['CODE_INVALID', 'CODE_EXPIRED', 'RATE_LIMITED'].includes(body.error?.code ?? '')
      const changes = counted ? stateChanges.filter((c) => c !== 'rateLimits') : stateChanges
      if (changes.length) problems.push(`refused (${status}) but state changed: ${changes.join(', ')}`)
    }
  }
  return problems
}

describe(`fuzzed bodies for every action (seed ${SEED})`, () => {
  it('the generator covers every action of the contract', () => {
    expect([...byAction.keys()].sort()).toEqual([...ACTION_NAMES].sort())
    for (const a of ACTION_NAMES) expect((byAction.get(a) ?? []).length).toBeGreaterThan(5)
  })

  it('the shared schema itself refuses every generated invalid body, naming the field', () => {
    const accepted: string[] = []
    for (const c of all) {
      if (c.expect !== 'invalid') continue
      let parsed: unknown
      try {
        parsed = c.text.trim() === '' ? {} : JSON.parse(c.text)
      } catch {
        continue // not JSON: refused by the transport
      }
      try {
        ACTIONS[c.action as ActionName].body.parse(parsed ?? {}, '')
        accepted.push(`${c.action}: ${c.what}`)
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'VALIDATION') accepted.push(`${c.action}: ${c.what} threw ${String(e)}`)
      }
    }
    expect(accepted).toEqual([])
  })

  it.each(
    ACTION_NAMES.map((a) => [a, byAction.get(a)?.length ?? 0] as const),
  )('%s: %d bodies → 4xx, Chinese message, no state change', async (action) => {
    const failures: string[] = []
    const cases = byAction.get(action) ?? []
    const callerRng = rng(SEED ^ hash(action))
    for (const c of cases) {
      const caller = callerFor(action, callerRng)
      const before = fp.take()
      const reply = await srv.call(caller, action, c.text)
      const after = fp.take()
      tally.sent++
      tally.status[reply.status] = (tally.status[reply.status] ?? 0) + 1
      if (c.expect === 'invalid') tally.invalid++
      else if (c.expect === 'too_large') tally.tooLarge++
      else tally.maybe++
      const problems = judge(c, reply, changed(before, after))
      if (problems.length) failures.push(describeFailure(c, caller, reply, problems.join('; ')))
    }
    if (failures.length) throw new Error(`${failures.length} of ${cases.length} bodies misjudged (replay: ${REPLAY})\n\n${failures.join('\n\n')}`)
  })
})

function hash(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}

// Free-text names that are also Object.prototype keys. The schema accepts them as rule-item categories (only
// categoryCaps *keys* refuse __proto__/constructor/prototype), and scoring looks categories up in a plain object,
// so a valid ruleset.save must either refuse such a name (400) or score it like any other. Runs last: when it
// fails, every score of the county fails with it.
describe('bodies that are valid but name Object.prototype keys', () => {
  const cases = [
    ['constructor', 3],
    ['__proto__', 4],
    ['toString', 5],
  ] as const
  it.each(cases)('a rule-item category named %j (estate E%d) is refused or scored, never a 500', async (category, k) => {
    const secretary = `demo-secretary-e${k}`
    const member = `member-d0${k - 1}1` // E3 holds D021–D030, E4 D031–…
    const rs = demoRuleset(`E${k}`, 2025)
    const saved = await srv.call(secretary, 'ruleset.save', { ...rs, items: [...rs.items, { code: 'X01', name: '特别项', category, points: 5 }] })
    if (saved.status === 400) return // refusing the name is a fine answer
    const rulesetId = ok(saved).rulesetId
    ok(await srv.call(secretary, 'ruleset.adopt', { rulesetId, adoptedOn: '2025-06-30' }))
    const start = srv.clock.t - 5 * MINUTE
    const { activityId } = ok(
      await srv.call(secretary, 'activity.create', {
        estateBranchId: `E${k}`,
        title: '特别活动',
        itemCode: 'X01',
        startAt: toIsoShanghai(start),
        endAt: toIsoShanghai(start + 2 * HOUR),
      }),
    )
    const { attendanceId } = ok(await srv.call(member, 'activity.checkin', { code: srv.codeFor(activityId).qr }))
    ok(await srv.call(secretary, 'attendance.review', { attendanceIds: [attendanceId], decision: 'approve' }))

    const mine = await srv.call(member, 'score.mine', { year: 2025 })
    expect({ status: mine.status, error: mine.body.error }).toEqual({ status: 200, error: undefined })
    expect(mine.body.data.estateScore).toBe(65) // base 60 + 5
    expect((await srv.call(secretary, 'score.list', { year: 2025, scopeId: `E${k}` })).status).toBe(200)
    expect((await srv.call('demo-admin', 'score.tally', { year: 2025 })).status).toBe(200)
  })
})
