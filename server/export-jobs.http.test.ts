// Exports as jobs over real HTTP (docs/DESIGN.md#jobs): export.start, job.step until done, then the file through its
// signed /files link — the same workbook export.xlsx answers inline; and what a caller must not get.
import { readXlsx } from '../src/lib/xlsx'
import type { MemberDoc } from './model/org'
import { LIST_LIVE_MAX } from './queries/scores'
import { ok, startTestServer, type TestServer } from './testing/harness'

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

async function drive(openid: string, first: any): Promise<any> {
  let job = first
  for (let i = 0; job.status === 'running' && i < 100; i++) job = ok(await srv.call(openid, 'job.step', { jobId: job.id }))
  return job
}

async function download(url: string): Promise<{ res: Response; bytes: Uint8Array }> {
  const res = await fetch(srv.url + url)
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) }
}

describe('export.start', () => {
  it.each([
    ['roster', 'demo-community-cm1', 'CM1'],
    ['ledger', 'demo-community-cm1', 'CM1'],
    ['totals', 'demo-secretary-e1', 'E1'],
    ['feedback', 'demo-unitsec-ub1', 'UB1'],
  ] as const)('%s: steps to a file whose link downloads the workbook export.xlsx answers', async (kind, openid, scopeId) => {
    const started = ok(await srv.call(openid, 'export.start', { kind, scopeId, year: 2025 }))
    expect(started).toMatchObject({ kind: 'export', scopeId })
    expect(started).not.toHaveProperty('base64')
    const job = await drive(openid, started)
    expect(job.status).toBe('done')
    expect(job.percent).toBe(100)
    expect(job.file).toMatchObject({
      fileId: expect.stringMatching(/^X/),
      name: expect.stringMatching(/\.xlsx$/),
      url: expect.stringMatching(/^\/files\/X/),
    })
    const { res, bytes } = await download(job.file.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(job.file.name)}`)
    expect(bytes.length).toBe(job.file.bytes)
    const inline = ok(await srv.call(openid, 'export.xlsx', { kind, scopeId, year: 2025 }))
    expect(inline.fileId).toMatch(/^X/)
    expect(inline.url).toMatch(/^\/files\/X/)
    const rows = readXlsx(bytes)
    expect(rows).toEqual(readXlsx(Buffer.from(inline.base64, 'base64')))
    expect(rows.length - 1).toBe(inline.rows)
    expect(job.counts.rows).toBe(inline.rows)
    expect(inline.rows).toBeGreaterThan(0)
    // The parts are gone once the file is written.
    expect(await srv.deps.store.find('exportParts', { jobId: job.id })).toEqual([])
  })

  it('keeps the roster of the old one-call export: masked phones for admins, full ones for the own secretary, no directory entries', async () => {
    const admin = await drive(
      'demo-community-cm1',
      ok(await srv.call('demo-community-cm1', 'export.start', { kind: 'roster', scopeId: 'E1', year: 2025 })),
    )
    const adminRows = readXlsx((await download(admin.file.url)).bytes)
    expect(adminRows[0]).toEqual(['姓名', '党员编号', '手机号', '单位党支部', '小区党支部', '状态', '报到时间'])
    expect(adminRows.find((r) => r[1] === 'D001')?.[2]).toBe('138****0001')
    const own = await drive(
      'demo-secretary-e1',
      ok(await srv.call('demo-secretary-e1', 'export.start', { kind: 'roster', scopeId: 'E1', year: 2025 })),
    )
    const ownRows = readXlsx((await download(own.file.url)).bytes)
    expect(ownRows.find((r) => r[1] === 'D001')?.[2]).toBe('13800000001')
    expect(ownRows.some((r) => r[5] === '未报到')).toBe(false)
    // Every member once, whether found under their estate or their unit branch.
    const ids = ownRows.slice(1).map((r) => r[1])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('exports the county’s whole ledger for the county admin, every entry once', async () => {
    const job = await drive('demo-admin', ok(await srv.call('demo-admin', 'export.start', { kind: 'ledger', scopeId: 'county', year: 2025 })))
    expect(job.counts.rows).toBe(await srv.deps.store.count('ledger', { year: 2025 }))
    const rows = readXlsx((await download(job.file.url)).bytes)
    expect(rows.length - 1).toBe(job.counts.rows)
    expect(rows[0][0]).toBe('日期')
    expect(rows.slice(1).every((r) => /^\d{4}-\d{2}-\d{2}$/.test(String(r[0])))).toBe(true)
    expect(job.label).toBe(`积分流水已导出 ${job.counts.rows} 行`)
  })
})

describe('export jobs refuse', () => {
  it('another estate’s scope, a kind the caller may not export, and an unknown kind or scope', async () => {
    const other = await srv.call('demo-secretary-e2', 'export.start', { kind: 'totals', scopeId: 'E1', year: 2025 })
    expect(other.status).toBe(403)
    expect(other.body.error?.code).toBe('FORBIDDEN')
    expect((await srv.call('demo-secretary-e1', 'export.start', { kind: 'feedback', scopeId: 'E1', year: 2025 })).status).toBe(403)
    expect((await srv.call('demo-member-1', 'export.start', { kind: 'ledger', scopeId: 'E1', year: 2025 })).status).toBe(403)
    const bad = await srv.call('demo-secretary-e1', 'export.start', { kind: 'everything', scopeId: 'E1', year: 2025 })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.code).toBe('VALIDATION')
    expect((await srv.call('demo-secretary-e1', 'export.start', { kind: 'roster', scopeId: 'NOPE', year: 2025 })).status).toBe(404)
  })

  it('someone else’s export job: another secretary can neither step it nor see its link', async () => {
    const job = ok(await srv.call('demo-secretary-e1', 'export.start', { kind: 'roster', scopeId: 'E1', year: 2025 }))
    for (const action of ['job.get', 'job.step'] as const) {
      const r = await srv.call('demo-secretary-e2', action, { jobId: job.id })
      expect(r.status).toBe(403)
      expect(JSON.stringify(r.body)).not.toContain('/files/')
    }
  })

  it('a forged, altered or expired link, and a photo id in place of an export', async () => {
    const job = await drive(
      'demo-secretary-e1',
      ok(await srv.call('demo-secretary-e1', 'export.start', { kind: 'roster', scopeId: 'E1', year: 2025 })),
    )
    const url = new URL(job.file.url, srv.url)
    const e = url.searchParams.get('e') as string
    const s = url.searchParams.get('s') as string
    const forged = `/files/X${'a'.repeat(22)}?e=${e}&s=${s}`
    expect((await download(forged)).res.status).toBe(404)
    expect((await download(`${url.pathname}?e=${Number(e) + 1}&s=${s}`)).res.status).toBe(404)
    expect((await download(`${url.pathname}?e=${e}&s=${s.slice(0, -2)}AA`)).res.status).toBe(404)
    expect((await download(url.pathname)).res.status).toBe(404)
    srv.clock.t += 2 * 3600_000
    expect((await download(job.file.url)).res.status).toBe(404)
    srv.clock.t -= 2 * 3600_000
    // An export is not a photo: a member cannot name one in a claim, and its id is refused as an attachment.
    expect(await srv.deps.files.refuse('demo-secretary-e1', [job.file.fileId])).toEqual([job.file.fileId])
  })
})

describe('年度总分 of a scope over the live bound', () => {
  let big: TestServer
  const ADDED = 1100
  beforeAll(async () => {
    big = await startTestServer()
    const template = (await big.deps.store.get('members', 'D001')) as MemberDoc
    await big.deps.store.transaction(async (tx) => {
      for (let k = 0; k < ADDED; k++)
        await tx.set('members', {
          ...template,
          _id: `BIG${String(k).padStart(4, '0')}`,
          name: `加测党员${k}`,
          phone: `1391${String(k).padStart(7, '0')}`,
          openid: null,
          estateBranchId: 'E5',
          unitBranchId: 'UB1',
        })
    })
    ok(await big.call('demo-admin', 'score.tally', { year: 2025 }))
  }, 60_000)
  afterAll(() => big.close())

  it('pages the stored totals a unit at a time, in the order and with the figures score.list pages them', async () => {
    expect(ADDED + 49).toBeGreaterThan(LIST_LIVE_MAX)
    let job = ok(await big.call('demo-admin', 'export.start', { kind: 'totals', scopeId: 'county', year: 2025 }))
    for (let i = 0; job.status === 'running' && i < 50; i++) job = ok(await big.call('demo-admin', 'job.step', { jobId: job.id }))
    expect(job.status).toBe('done')
    const rows = readXlsx(new Uint8Array(await (await fetch(big.url + job.file.url)).arrayBuffer()))
    const listed: any[] = []
    for (let cursor: string | undefined; ; ) {
      const page = ok(await big.call('demo-admin', 'score.list', { year: 2025, scopeId: 'county', ...(cursor ? { cursor } : {}) }))
      listed.push(...page.rows)
      if (!page.next) break
      cursor = page.next
    }
    expect(listed.length).toBe(ADDED + 49)
    expect(rows.slice(1).map((r) => r[1])).toEqual(listed.map((r) => r.memberId))
    expect(rows.slice(1).map((r) => [r[6], r[8], r[9]])).toEqual(listed.map((r) => [r.total, r.rankInEstate, r.rankInUnit]))
  })
})
