// A deduction's evidence photos over real HTTP: the estate secretary uploads to POST /files exactly as a member
// does for a claim, names the photos in deduction.record, and the member sees them (and the evidence text) on the
// entry in score.mine through signed URLs. Photos not uploaded by this secretary, or more than 3, are refused
// and nothing is written.
import { startTestServer, ok, type TestServer } from './testing/harness'

const SEC1 = 'demo-secretary-e1'
const MEMBER = 'demo-member-3'
/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

async function photo(openid: string) {
  const headers = { 'Content-Type': 'image/png', Authorization: `Bearer ${await srv.tokenFor(openid)}` }
  return ok(await srv.raw('/files', { method: 'POST', headers, body: new Uint8Array(PNG) })).fileId as string
}
const deduction = (over: Record<string, unknown> = {}) => ({
  memberId: 'D003',
  itemCode: 'N01',
  occurredOn: '2025-06-20',
  reason: '无故缺席主题党日',
  ...over,
})
const ledgerCount = () => srv.deps.store.count('ledger', {})

describe('deduction.record with evidence photos', () => {
  it('stores the photos on the entry, and the member sees them with the evidence text', async () => {
    const p = await photo(SEC1)
    const r = ok(await srv.call(SEC1, 'deduction.record', deduction({ evidence: '签到表无本人签名', photos: [p] })))
    expect(r).toMatchObject({ points: -5, year: 2025 })
    const stored = await srv.deps.store.get('ledger', r.entryId)
    expect(stored).toMatchObject({ evidencePhotos: [p], evidence: '签到表无本人签名' })
    const audit = await srv.deps.store.find('audit', { action: 'deduction.record' })
    expect(audit.find((a) => a.target === r.entryId)?.after).toMatchObject({ photos: [p], evidence: '签到表无本人签名' })

    const entry = ok(await srv.call(MEMBER, 'score.mine', { year: 2025 })).entries.find((e: any) => e.id === r.entryId)
    expect(entry).toMatchObject({ kind: 'deduction', points: -5, evidence: '签到表无本人签名' })
    expect(entry.photos).toHaveLength(1)
    const res = await fetch(srv.url + entry.photos[0])
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true)
  })

  it('leaves photos and evidence off entries that have none', async () => {
    const r = ok(await srv.call(SEC1, 'deduction.record', deduction({ occurredOn: '2025-06-21' })))
    const entry = ok(await srv.call(MEMBER, 'score.mine', { year: 2025 })).entries.find((e: any) => e.id === r.entryId)
    expect(entry).not.toHaveProperty('photos')
    expect(entry).not.toHaveProperty('evidence')
  })

  it('refuses a photo someone else uploaded, and more than 3, writing nothing', async () => {
    const others = await photo(MEMBER)
    const own = await Promise.all([1, 2, 3, 4].map(() => photo(SEC1)))
    const before = await ledgerCount()
    const refused = await srv.call(SEC1, 'deduction.record', deduction({ photos: [own[0], others] }))
    expect(refused.status).toBe(400)
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'photos', ids: [others] } })
    expect(refused.body.error?.message).toContain('不是您本人上传的')
    const tooMany = await srv.call(SEC1, 'deduction.record', deduction({ photos: own }))
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.error?.code).toBe('VALIDATION')
    expect(tooMany.body.error?.message).toMatch(/[\u4e00-\u9fff]/)
    expect(await ledgerCount()).toBe(before)
    // Three of one's own are fine.
    ok(await srv.call(SEC1, 'deduction.record', deduction({ photos: own.slice(0, 3) })))
    expect(await ledgerCount()).toBe(before + 1)
  })
})
