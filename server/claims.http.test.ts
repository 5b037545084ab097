// 自主申报 over real HTTP (docs/DESIGN.md#the-ledger, issue 3): photo upload to DATA_DIR behind signed URLs, the claim itself
// with every way it can be wrong, and the same review path as a check-in (approve → ledger, reject, revoke).
import { startTestServer, ok, T0, type TestServer } from './testing/harness'
import { openFingerprinter, changed } from './testing/fuzz'
import { HOUR, DAY } from '../src/core/time'
import { MAX_UPLOAD_BYTES } from '../src/core/contracts'

const SEC1 = 'demo-secretary-e1'
/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)])

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

async function upload(openid: string | null, bytes: Buffer, type = 'image/png') {
  const headers: Record<string, string> = { 'Content-Type': type }
  if (openid) headers.Authorization = `Bearer ${await srv.tokenFor(openid)}`
  return srv.raw('/files', { method: 'POST', headers, body: new Uint8Array(bytes) })
}
const photo = async (openid: string, bytes = PNG) => ok(await upload(openid, bytes)).fileId as string

const claim = (over: Record<string, unknown> = {}) => ({
  itemCode: 'V02',
  occurredOn: '2025-06-28',
  title: '清理楼道杂物',
  description: '和邻居一起清理了 3 号楼楼道堆放的杂物',
  ...over,
})

describe('photo upload (local backend POST /files)', () => {
  it('needs a signed-in user, an image by its bytes, and at most 5 MB', async () => {
    expect((await upload(null, PNG)).body.error?.code).toBe('UNAUTHENTICATED')
    const text = await upload('demo-member-1', Buffer.from('<svg onload="alert(1)"></svg>'), 'image/png')
    expect(text.status).toBe(400)
    expect(text.body.error?.message).toContain('JPG、PNG 或 WebP')
    expect((await upload('demo-member-1', Buffer.alloc(0))).status).toBe(400)
    const big = await upload('demo-member-1', Buffer.concat([PNG, Buffer.alloc(MAX_UPLOAD_BYTES)]))
    expect(big.status).toBe(413)
    expect(big.body.error?.code).toBe('PAYLOAD_TOO_LARGE')
    const good = ok(await upload('demo-member-1', JPEG, 'application/octet-stream'))
    expect(good).toMatchObject({ mime: 'image/jpeg', size: JPEG.length })
    expect(good.fileId).toMatch(/^F[A-Za-z0-9_-]{16}$/)
  })
  it('limits one person to 30 uploads a day', async () => {
    for (let i = 0; i < 30; i++) await photo('demo-member-9')
    const r = await upload('demo-member-9', PNG)
    expect(r.status).toBe(429)
    expect(r.body.error?.message).toContain('30')
  })
})

describe('claim.submit', () => {
  it('goes to the review queue with its photos, flagged as a claim', async () => {
    const p1 = await photo('demo-member-1')
    const p2 = await photo('demo-member-1', JPEG)
    const r = ok(await srv.call('demo-member-1', 'claim.submit', claim({ photos: [p1, p2] })))
    expect(r).toMatchObject({ status: 'pending', repeated: false, flags: ['claim'], activityTitle: '清理楼道杂物' })
    const queue = ok(await srv.call(SEC1, 'attendance.list', { estateBranchId: 'E1' }))
    const row = queue.find((x: any) => x.id === r.attendanceId)
    expect(row).toMatchObject({
      kind: 'claim',
      memberName: '张建国',
      activityTitle: '清理楼道杂物',
      claim: { itemCode: 'V02', itemName: '环境整治', occurredOn: '2025-06-28', description: claim().description },
    })
    expect(row.claim.photos).toHaveLength(2)
    // The secretary's phone shows the photo through a signed URL; the bytes are the ones uploaded.
    const res = await fetch(srv.url + row.claim.photos[1])
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await res.arrayBuffer()).equals(JPEG)).toBe(true)
    // A tampered or expired link shows nothing.
    // The first character of the signature changed to another (never to itself: the key is random per run).
    const tampered = row.claim.photos[1].replace(/s=(.)/, (_: string, c: string) => `s=${c === 'A' ? 'B' : 'A'}`)
    expect((await fetch(srv.url + tampered)).status).toBe(404)
    expect((await fetch(srv.url + row.claim.photos[1].replace(/e=\d+/, `e=${T0 + 10 * HOUR}`))).status).toBe(404)
    expect((await fetch(`${srv.url}/files/${p1}`)).status).toBe(404)
    // The member sees it in their own records and among their entries as pending.
    expect(ok(await srv.call('demo-member-1', 'attendance.mine', {})).find((x: any) => x.id === r.attendanceId)).toMatchObject({
      kind: 'claim',
      status: 'pending',
    })
    const entries = ok(await srv.call('demo-member-1', 'score.mine', { year: 2025 })).entries
    expect(entries.find((e: any) => e.id === r.attendanceId)).toMatchObject({ kind: 'claim', status: 'pending', itemCode: 'V02', points: 3 })
  })

  it('is idempotent when retried, and one per rule item and day', async () => {
    const body = claim({ occurredOn: '2025-06-29' })
    const first = ok(await srv.call('demo-member-2', 'claim.submit', body))
    expect(ok(await srv.call('demo-member-2', 'claim.submit', body))).toEqual({ ...first, repeated: true })
    const other = await srv.call('demo-member-2', 'claim.submit', { ...body, description: '同一天又申报了一次环境整治' })
    expect(other.status).toBe(409)
    expect(other.body.error?.message).toContain('同一细则同一天只能申报一次')
  })

  it('refuses bad claims with a Chinese message naming the field, and writes nothing', async () => {
    const mineOther = await photo('demo-member-3')
    const own = await photo('demo-member-4')
    const fp = openFingerprinter(srv.dataDir)
    const before = fp.take()
    const cases: [Record<string, unknown>, number, string][] = [
      [claim({ photos: [mineOther] }), 400, 'photos'],
      [claim({ photos: [`F${'x'.repeat(16)}`] }), 400, 'photos'],
      [claim({ photos: ['cloud://env.bucket/claims/demo-member-4/a.jpg'] }), 400, 'photos'],
      [claim({ photos: [own, own, own, own] }), 400, 'photos'],
      [claim({ photos: ['../../etc/passwd'] }), 400, 'photos'],
      [claim({ itemCode: 'V03' }), 400, 'minutes'],
      [claim({ itemCode: 'V03', minutes: 5 }), 400, 'minutes'],
      [claim({ itemCode: 'R01' }), 400, 'photos'],
      [claim({ itemCode: 'N01' }), 400, 'itemCode'],
      [claim({ itemCode: 'ZZ9' }), 400, 'itemCode'],
      [claim({ itemCode: { $gt: '' } }), 400, 'itemCode'],
      [claim({ occurredOn: '2025-07-02' }), 400, 'occurredOn'],
      [claim({ occurredOn: '2025-05-30' }), 400, 'occurredOn'],
      [claim({ occurredOn: '2025-02-30' }), 400, 'occurredOn'],
      [claim({ description: '太短' }), 400, 'description'],
      [claim({ description: 'x'.repeat(501) }), 400, 'description'],
      [claim({ title: undefined }), 400, 'title'],
      [{ ...claim(), estateBranchId: 'E2' }, 400, 'estateBranchId'],
      [
        JSON.parse(
          `{"itemCode":"V02","occurredOn":"2025-06-28","title":"清理楼道","description":"清理楼道杂物一次","__proto__":{"status":"approved"}}`,
        ),
        400,
        '__proto__',
      ],
    ]
    for (const [body, status, field] of cases) {
      const r = await srv.call('demo-member-4', 'claim.submit', body)
      // A schema failure names the element (photos[0]); a rule failure the field (photos).
      const named = String(r.body.error?.details?.field ?? '').replace(/\[\d+\]$/, '')
      expect([JSON.stringify(body).slice(-90), r.status, named]).toEqual([JSON.stringify(body).slice(-90), status, field])
      expect(r.body.error?.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(changed(before, fp.take())).toEqual([])
    fp.close()
  })

  it('is for active members only', async () => {
    expect((await srv.call(SEC1, 'claim.submit', claim())).status).toBe(403)
    expect((await srv.call('a-stranger', 'claim.submit', claim())).status).toBe(403)
    expect((await srv.call(null, 'claim.submit', claim())).status).toBe(401)
  })
})

describe('the same review path as a check-in', () => {
  it('approves into a ledger entry of kind claim, per hour by the minutes claimed', async () => {
    const byTime = ok(await srv.call('demo-member-5', 'claim.submit', claim({ occurredOn: '2025-06-30' })))
    const byHour = ok(
      await srv.call(
        'demo-member-5',
        'claim.submit',
        claim({ itemCode: 'V03', minutes: 90, title: '路口文明劝导', description: '早高峰在小区门口劝导电动车戴头盔' }),
      ),
    )
    const before = ok(await srv.call('demo-member-5', 'score.mine', { year: 2025 })).estateScore
    const hoursOf = async () =>
      ok(await srv.call('demo-unitsec-ub1', 'feedback.list', { unitBranchId: 'UB1', year: 2025 })).rows.find((x: any) => x.memberId === 'D005').hours
    const hoursBefore = await hoursOf()
    expect((await srv.call('demo-secretary-e2', 'attendance.review', { attendanceIds: [byTime.attendanceId], decision: 'approve' })).status).toBe(403)
    expect(ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [byTime.attendanceId, byHour.attendanceId], decision: 'approve' }))).toEqual(
      { approved: 2, rejected: 0, skipped: 0 },
    )
    const after = ok(await srv.call('demo-member-5', 'score.mine', { year: 2025 }))
    // 环境整治 3 points + 文明劝导 2 per hour × 1.5 h = 3 points.
    expect(after.estateScore).toBe(before + 6)
    const entries = after.entries.filter((e: any) => e.kind === 'claim' && e.status === 'approved')
    expect(entries.map((e: any) => [e.title, e.points]).sort()).toEqual([
      ['清理楼道杂物', 3],
      ['路口文明劝导', 3],
    ])
    // The 双报告 table counts the claimed 1.5 hours.
    expect((await hoursOf()) - hoursBefore).toBeCloseTo(1.5, 5)
    // Revoking appends a reversal; the record stays, marked.
    ok(await srv.call(SEC1, 'attendance.revoke', { attendanceIds: [byHour.attendanceId], reason: '经核实当天未在岗' }))
    expect(ok(await srv.call('demo-member-5', 'score.mine', { year: 2025 })).estateScore).toBe(before + 3)
    expect(
      ok(await srv.call(SEC1, 'attendance.list', { estateBranchId: 'E1', status: 'approved' })).some((x: any) => x.id === byHour.attendanceId),
    ).toBe(false)
  })

  it('rejects with a reason the member can read', async () => {
    const r = ok(await srv.call('demo-member-6', 'claim.submit', claim({ occurredOn: '2025-06-27' })))
    expect((await srv.call(SEC1, 'attendance.review', { attendanceIds: [r.attendanceId], decision: 'reject' })).status).toBe(400)
    ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: [r.attendanceId], decision: 'reject', reason: '照片看不出是本小区' }))
    const entry = ok(await srv.call('demo-member-6', 'score.mine', { year: 2025 })).entries.find((e: any) => e.id === r.attendanceId)
    expect(entry).toMatchObject({ status: 'rejected', reason: '照片看不出是本小区', kind: 'claim' })
  })

  it('caps a claim at the rule item’s yearly cap like any other entry', async () => {
    // V02 is 3 points capped at 12 a year: five claims on five days earn 12, not 15.
    const days = ['2025-06-20', '2025-06-21', '2025-06-22', '2025-06-23', '2025-06-24']
    const ids: string[] = []
    for (const d of days) ids.push(ok(await srv.call('demo-member-7', 'claim.submit', claim({ occurredOn: d }))).attendanceId)
    const before = ok(await srv.call('demo-member-7', 'score.mine', { year: 2025 })).estateScore
    const v02Before = ok(await srv.call('demo-member-7', 'score.mine', { year: 2025 }))
      .entries.filter((e: any) => e.itemCode === 'V02' && e.status === 'approved')
      .reduce((s: number, e: any) => s + e.points, 0)
    expect(12 - v02Before).toBeLessThan(15)
    ok(await srv.call(SEC1, 'attendance.review', { attendanceIds: ids, decision: 'approve' }))
    const after = ok(await srv.call('demo-member-7', 'score.mine', { year: 2025 })).estateScore
    expect(after - before).toBe(12 - v02Before)
  })

  it('refuses a claim more than 30 days after the service', async () => {
    srv.clock.advance(31 * DAY)
    const r = await srv.call('demo-member-8', 'claim.submit', claim({ occurredOn: '2025-06-30' }))
    expect(r.status).toBe(400)
    expect(r.body.error?.message).toContain('30 天内')
    srv.clock.advance(-31 * DAY)
  })
})
