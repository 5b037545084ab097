// Moving estate or unit branch over real HTTP (issue 4): a request of its own, decided by the secretary of the
// estate the member moves to; on approval the branches change, the old ones go to history, entries stay put.
import { startTestServer, ok, type TestServer } from './testing/harness'

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

const me = async (openid: string) => ok(await srv.call(openid, 'me.get')).member

describe('a member who moves estate', () => {
  let requestId = ''
  it('asks with a reason; a retry is the same request, a different one waits for the first', async () => {
    const r = ok(await srv.call('demo-member-1', 'member.requestMove', { estateBranchId: 'E2', reason: '搬家到锦绣花园' }))
    requestId = r.requestId
    expect(r).toMatchObject({
      status: 'pending',
      memberId: 'D001',
      from: { estateBranchId: 'E1', unitBranchId: 'UB1' },
      to: { estateBranchId: 'E2', unitBranchId: 'UB1' },
    })
    expect(r.to.estateBranchName).toBe('锦绣花园党支部')
    expect(ok(await srv.call('demo-member-1', 'member.requestMove', { estateBranchId: 'E2', reason: '搬家到锦绣花园' })).requestId).toBe(requestId)
    const other = await srv.call('demo-member-1', 'member.requestMove', { estateBranchId: 'E3', reason: '改主意了' })
    expect([other.status, other.body.error?.code]).toEqual([409, 'CONFLICT'])
    expect(ok(await srv.call('demo-member-1', 'member.myMove'))).toMatchObject({ requestId, status: 'pending' })
  })
  it('refuses a request that changes nothing or names what does not exist', async () => {
    const same = await srv.call('demo-member-2', 'member.requestMove', { estateBranchId: 'E1', reason: '原地不动' })
    expect([same.status, same.body.error?.details?.field]).toEqual([400, 'estateBranchId'])
    expect((await srv.call('demo-member-2', 'member.requestMove', { estateBranchId: 'E99', reason: '不存在' })).status).toBe(404)
    expect((await srv.call('demo-member-2', 'member.requestMove', { unitBranchId: 'E2', reason: '小区不是单位支部' })).status).toBe(404)
    expect((await srv.call('demo-member-2', 'member.requestMove', { estateBranchId: 'E2' })).status).toBe(400)
    expect(ok(await srv.call('demo-member-2', 'member.myMove'))).toBeNull()
  })
  it('is decided by the secretary of the estate moved to — not the one left, and a refusal needs a reason', async () => {
    expect(ok(await srv.call('demo-secretary-e1', 'member.moveList', { estateBranchId: 'E1' }))).toEqual([])
    expect((await srv.call('demo-secretary-e1', 'member.resolveMove', { requestId, decision: 'approve' })).status).toBe(403)
    const list = ok(await srv.call('demo-secretary-e2', 'member.moveList', { estateBranchId: 'E2' }))
    expect(list.map((m: any) => [m.memberName, m.reason])).toEqual([['张建国', '搬家到锦绣花园']])
    expect((await srv.call('demo-secretary-e2', 'member.resolveMove', { requestId, decision: 'reject' })).status).toBe(400)
  })
  it('on approval moves the member at once; history keeps the old branches and the entries stay with E1', async () => {
    const before = ok(await srv.call('demo-member-1', 'score.mine', { year: 2025 })).entries.filter((e: any) => e.status === 'approved')
    expect(before.length).toBeGreaterThan(0)
    const r = ok(await srv.call('demo-secretary-e2', 'member.resolveMove', { requestId, decision: 'approve' }))
    expect(r.status).toBe('approved')
    expect(await me('demo-member-1')).toMatchObject({ estateBranchId: 'E2', unitBranchId: 'UB1', estateBranchName: '锦绣花园党支部' })
    const doc = await srv.deps.store.get('members', 'D001')
    expect(doc?.history).toEqual([{ estateBranchId: 'E1', unitBranchId: 'UB1', until: srv.clock.t }])
    const ledger = await srv.deps.store.find('ledger', { memberId: 'D001' })
    expect(ledger.length).toBeGreaterThan(0)
    expect(ledger.every((l) => l.estateBranchId === 'E1')).toBe(true)
    // E2's lists have the member now, E1's not.
    expect(ok(await srv.call('demo-secretary-e2', 'member.list', { scopeId: 'E2', status: 'active' })).map((m: any) => m.id)).toContain('D001')
    expect(ok(await srv.call('demo-secretary-e1', 'member.list', { scopeId: 'E1', status: 'active' })).map((m: any) => m.id)).not.toContain('D001')
    // Decided once: a second answer is a conflict.
    expect((await srv.call('demo-secretary-e2', 'member.resolveMove', { requestId, decision: 'reject', reason: '再答一次' })).status).toBe(409)
    // The member's activities are E2's now.
    expect(ok(await srv.call('demo-member-1', 'activity.list', {})).every((a: any) => a.estateBranchId === 'E2')).toBe(true)
  })
})

describe('a change of unit only, a refusal and a withdrawal', () => {
  it('goes to the member’s own estate secretary; a refusal is answered with its reason', async () => {
    const from = (await me('demo-member-3')).unitBranchId
    const to = from === 'UB4' ? 'UB1' : 'UB4'
    const r = ok(await srv.call('demo-member-3', 'member.requestMove', { unitBranchId: to, reason: '工作调动' }))
    expect(r).toMatchObject({ from: { estateBranchId: 'E1', unitBranchId: from }, to: { estateBranchId: 'E1', unitBranchId: to } })
    expect(ok(await srv.call('demo-secretary-e1', 'member.moveList', { estateBranchId: 'E1' })).map((m: any) => m.requestId)).toEqual([r.requestId])
    ok(
      await srv.call('demo-secretary-e1', 'member.resolveMove', { requestId: r.requestId, decision: 'reject', reason: '请先在单位完成组织关系转接' }),
    )
    expect(ok(await srv.call('demo-member-3', 'member.myMove'))).toMatchObject({ status: 'rejected', answer: '请先在单位完成组织关系转接' })
    expect((await me('demo-member-3')).unitBranchId).toBe(from)
  })
  it('can be withdrawn while pending, and asked again afterwards', async () => {
    ok(await srv.call('demo-member-4', 'member.requestMove', { estateBranchId: 'E3', reason: '搬家' }))
    expect(ok(await srv.call('demo-member-4', 'member.withdrawMove'))).toMatchObject({ status: 'withdrawn' })
    expect((await srv.call('demo-member-4', 'member.withdrawMove')).status).toBe(409)
    expect(ok(await srv.call('demo-secretary-e3', 'member.moveList', { estateBranchId: 'E3' }))).toEqual([])
    expect(ok(await srv.call('demo-member-4', 'member.requestMove', { estateBranchId: 'E4', reason: '改为搬到和园' })).status).toBe('pending')
  })
})
