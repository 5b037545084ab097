// The authorization matrix (docs/DESIGN.md#authorization) over real HTTP: every action × every kind of caller.
//   anonymous (no token)            → 401 UNAUTHENTICATED
//   a caller the contract excludes  → 403 FORBIDDEN (ACTIONS[action].who decides, nothing here restates it)
//   an allowed caller, in scope     → 200
//   an allowed caller, out of scope → 403 FORBIDDEN, or 404 NOT_FOUND for a target that does not exist
// and every refused call leaves the database exactly as it was (as does every successful read).
// The rows (valid bodies per target) live in server/testing/authz-table.ts.
import { ACTIONS, ACTION_NAMES, ROLES, type ActionName, type Role } from '../src/core/contracts'
import { startTestServer, type TestServer } from './testing/harness'
import { changed, hasChinese, openFingerprinter } from './testing/fuzz'
import {
  AUTHZ_TABLE,
  OPENID,
  PRINCIPALS,
  createFixtures,
  mayCall,
  type Body,
  type Fixtures,
  type Principal,
  type SignedIn,
} from './testing/authz-table'

let srv: TestServer
let fx: Fixtures
let fp: ReturnType<typeof openFingerprinter>
const counts = { cells: 0, ok: 0, unauthenticated: 0, forbidden: 0, notFound: 0 }

beforeAll(async () => {
  srv = await startTestServer()
  fx = await createFixtures(srv)
  fp = openFingerprinter(srv.dataDir)
})
afterAll(async () => {
  console.log(`authz matrix: ${counts.cells} calls (${counts.ok} ok, ${counts.unauthenticated} 401, ${counts.forbidden} 403, ${counts.notFound} 404)`)
  fp?.close()
  await srv?.close()
})

/** The principal whose in-scope body is sent by callers the contract excludes (the role check comes first). */
function canonical(action: ActionName): SignedIn {
  const who = ACTIONS[action].who
  return who.includes('anyone') ? 'member' : (who[0] as Role)
}

/** Rows that change who a caller is run after all the others. */
const ORDER = [...ACTION_NAMES].sort((a, b) => Number(!!AUTHZ_TABLE[a]?.last) - Number(!!AUTHZ_TABLE[b]?.last))

describe('the table', () => {
  it('has exactly one row per action of the contract (a new action needs a row)', () => {
    expect(Object.keys(AUTHZ_TABLE).sort()).toEqual([...ACTION_NAMES].sort())
  })
  it('has a caller for every role of the contract, plus anonymous and a stranger', () => {
    for (const r of ROLES) expect(PRINCIPALS).toContain(r)
    expect(PRINCIPALS).toEqual(expect.arrayContaining(['anonymous', 'stranger']))
  })
  it('declares out-of-scope targets for every allowed caller of every scoped action', () => {
    const missing: string[] = []
    for (const a of ACTION_NAMES) {
      const row = AUTHZ_TABLE[a]
      if (!row || row.selfScoped) continue
      for (const p of PRINCIPALS) {
        if (!mayCall(p, ACTIONS[a].who)) continue
        const outs = row.outOfScope(p as SignedIn, fx)
        if (outs.length === 0) missing.push(`${a} × ${p}: no target at all`)
        // Only the county covers everything: every other caller must be shown something it may not touch.
        else if (p !== 'county_admin' && !outs.some((o) => o.status === 403)) missing.push(`${a} × ${p}: no 403 target`)
      }
    }
    expect(missing).toEqual([])
  })
})

describe.each(ORDER)('%s', (action) => {
  it.each([...PRINCIPALS])('as %s', async (p: Principal) => {
    const row = AUTHZ_TABLE[action]
    if (!row) throw new Error(`no row for ${action} in server/testing/authz-table.ts`)
    const who = ACTIONS[action].who
    const mismatches: string[] = []

    const expectCall = async (label: string, openid: string | null, body: Body, status: number, code: string | null, mayWrite: boolean) => {
      const before = fp.take()
      const r = await srv.call(openid, action, body)
      const after = fp.take()
      counts.cells++
      if (r.status === 200) counts.ok++
      else if (r.status === 401) counts.unauthenticated++
      else if (r.status === 403) counts.forbidden++
      else if (r.status === 404) counts.notFound++
      const got = `${r.status} ${JSON.stringify(r.body).slice(0, 240)}`
      const sent = JSON.stringify(body).slice(0, 200)
      if (r.status !== status) mismatches.push(`${label}: expected ${status}${code ? ` ${code}` : ''}, got ${got}\n    sent ${sent}`)
      else if (status === 200 && r.body.ok !== true) mismatches.push(`${label}: 200 without ok:true: ${got}`)
      else if (status !== 200) {
        if (r.body.ok !== false || r.body.error?.code !== code) mismatches.push(`${label}: expected error code ${code}, got ${got}`)
        else if (!hasChinese(r.body.error?.message)) mismatches.push(`${label}: message not Chinese: ${got}`)
      }
      const changes = changed(before, after)
      if (changes.length && !(mayWrite && r.status === 200))
        mismatches.push(`${label}: answered ${r.status} but changed ${changes.join(', ')}\n    sent ${sent}`)
    }

    if (p === 'anonymous') {
      await expectCall('no token', null, row.inScope(canonical(action), fx), 401, 'UNAUTHENTICATED', false)
    } else if (!mayCall(p, who)) {
      await expectCall(`${p} is not in who=[${who.join(',')}]`, OPENID[p], row.inScope(canonical(action), fx), 403, 'FORBIDDEN', false)
    } else {
      // Out of scope first: those calls must change nothing, so the in-scope target is still fresh afterwards.
      for (const out of row.outOfScope(p, fx)) {
        await expectCall(`out of scope (${out.label})`, OPENID[p], out.body, out.status, out.status === 403 ? 'FORBIDDEN' : 'NOT_FOUND', false)
      }
      await expectCall('in scope', OPENID[p], row.inScope(p, fx), 200, null, !!row.writes)
    }
    if (mismatches.length) throw new Error(`${action} as ${p} (${OPENID[p as SignedIn] ?? 'no token'}):\n  ${mismatches.join('\n  ')}`)
  })
})
