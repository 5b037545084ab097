// Directory import in chunks (docs/DESIGN.md#directory-import) over real HTTP against the real SQLite backend:
// start → chunks (checked row by row) → preview job → problems page by page → apply job, and the bad inputs.
import { IMPORT_CHUNK_ROWS, MAX_BODY_BYTES, utf8Bytes } from '../src/core/contracts'
import type { Ctx } from './context/caller'
import { IDLE_MS } from './jobs/runner'
import { importKind, type ImportParams, type ImportState } from './jobs/import'
import type { JobDoc } from './model/job'
import { ok, startTestServer, type TestServer } from './testing/harness'

const ADMIN = 'demo-admin'
const OTHER_ADMIN = 'import-other-admin'

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer({ adminOpenids: [OTHER_ADMIN] })
})
afterAll(async () => {
  await srv.close()
})

type Row = Record<string, unknown>
const phone = (i: number) => `139${String(i).padStart(8, '0')}`
/** A roster of n rows; every 100th row has a problem the server must find (no such unit branch / a bad phone). */
function roster(n: number, prefix: string): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const row: Row = {
      line: i + 2,
      id: `${prefix}${i}`,
      name: `导入${i}`,
      phone: phone(i),
      unitBranchId: `UB${(i % 3) + 1}`,
      estateBranchId: `E${(i % 6) + 1}`,
    }
    if (i % 100 === 7) row.unitBranchId = 'UB_NOPE'
    if (i % 100 === 42) row.phone = '1234'
    return row
  })
}
const chunks = (rows: Row[]) =>
  Array.from({ length: Math.ceil(rows.length / IMPORT_CHUNK_ROWS) }, (_, k) => rows.slice(k * IMPORT_CHUNK_ROWS, (k + 1) * IMPORT_CHUNK_ROWS))

async function start(rows: number, who = ADMIN) {
  return ok(await srv.call(who, 'admin.importStart', { fileName: '全县名册.xlsx', rows }))
}
async function upload(jobId: string, rows: Row[], who = ADMIN) {
  for (const [index, chunk] of chunks(rows).entries()) ok(await srv.call(who, 'admin.importChunk', { jobId, index, rows: chunk }))
}
async function drive(jobId: string, who = ADMIN) {
  let job = ok(await srv.call(who, 'job.get', { jobId }))
  for (let i = 0; job.status === 'running' && i < 100; i++) job = ok(await srv.call(who, 'job.step', { jobId }))
  return job
}

describe('bodies are counted in UTF-8 bytes', () => {
  it('utf8Bytes counts a Chinese character as 3 bytes and a pair of surrogates as 4', () => {
    expect(utf8Bytes('abc')).toBe(3)
    expect(utf8Bytes('党员')).toBe(6)
    expect(utf8Bytes('é')).toBe(2)
    expect(utf8Bytes('😀')).toBe(4)
    expect(utf8Bytes('\ud800')).toBe(3)
  })
  it('refuses 30,000 Chinese characters (90 KB in 30,000 characters) with 413', async () => {
    const body = JSON.stringify({ name: '党'.repeat(30_000) })
    expect(body.length).toBeLessThan(MAX_BODY_BYTES)
    const r = await srv.call(ADMIN, 'member.register', body)
    expect(r.status).toBe(413)
    expect(r.body.error?.code).toBe('PAYLOAD_TOO_LARGE')
  })
})

describe('chunked preview and apply of 2,000 rows', () => {
  const rows = roster(2000, 'IMP')
  let previewId: string

  it('previews every row, listing 40 problems with their row numbers, and writes nothing', async () => {
    const before = await srv.deps.store.count('members', {})
    const job = await start(rows.length)
    expect(job).toMatchObject({ kind: 'import', status: 'running', phase: 'preview', total: 2000, done: 0 })
    previewId = job.id
    await upload(previewId, rows)
    const done = await drive(previewId)
    expect(done).toMatchObject({ status: 'done', done: 2000, percent: 100, counts: { created: 1960, updated: 0, unchanged: 0, problems: 40 } })
    expect(done.label).toMatch(/预检完成/)
    expect(await srv.deps.store.count('members', {})).toBe(before)

    const first = ok(await srv.call(ADMIN, 'admin.importProblems', { jobId: previewId, page: 0 }))
    expect(first.pages).toBe(8)
    expect(first.problems).toContainEqual({ line: 9, reason: '单位党支部不存在：UB_NOPE', id: 'IMP7', name: '导入7' })
    expect(first.problems).toContainEqual({ line: 44, reason: '手机号至少 11 个字', id: 'IMP42', name: '导入42' })
    let all = 0
    for (let page = 0; page < first.pages; page++)
      all += ok(await srv.call(ADMIN, 'admin.importProblems', { jobId: previewId, page })).problems.length
    expect(all).toBe(40)
    expect(ok(await srv.call(ADMIN, 'admin.importProblems', { jobId: previewId, page: 99 }))).toEqual({ page: 99, pages: 8, problems: [] })
  })

  it('applies on confirmation: 1,960 created, problems skipped, a second confirmation answers the same job', async () => {
    const before = await srv.deps.store.count('members', {})
    const job = ok(await srv.call(ADMIN, 'admin.importApply', { jobId: previewId }))
    expect(job).toMatchObject({ kind: 'import', phase: 'apply', total: 2000 })
    const done = await drive(job.id)
    expect(done).toMatchObject({ status: 'done', done: 2000, counts: { created: 1960, updated: 0, unchanged: 0, problems: 40 } })
    expect(done.label).toMatch(/导入完成/)
    expect(await srv.deps.store.count('members', {})).toBe(before + 1960)
    expect(await srv.deps.store.get('members', 'IMP7')).toBeNull()
    expect(await srv.deps.store.get('members', 'IMP8')).toMatchObject({
      name: '导入8',
      unitBranchId: 'UB3',
      estateBranchId: 'E3',
      status: 'directory',
    })
    const again = ok(await srv.call(ADMIN, 'admin.importApply', { jobId: previewId }))
    expect(again).toMatchObject({ id: job.id, status: 'done', counts: done.counts })
    expect(await srv.deps.store.count('members', {})).toBe(before + 1960)
  })

  it('a second import of the same file finds everything unchanged; a changed name is an update', async () => {
    const changed = rows.map((r, i) => (i === 8 ? { ...r, name: '改名了' } : r))
    const job = await start(changed.length)
    await upload(job.id, changed)
    expect(await drive(job.id)).toMatchObject({ counts: { created: 0, updated: 1, unchanged: 1959, problems: 40 } })
    const applied = await drive(ok(await srv.call(ADMIN, 'admin.importApply', { jobId: job.id })).id)
    expect(applied.counts).toEqual({ created: 0, updated: 1, unchanged: 1959, problems: 40 })
    expect(await srv.deps.store.get('members', 'IMP8')).toMatchObject({ name: '改名了' })
  })
})

describe('idempotence and ownership', () => {
  it('a repeated chunk changes nothing; the same index with other rows is a CONFLICT', async () => {
    const rows = roster(300, 'REP')
    const job = await start(rows.length)
    const [c0, c1] = chunks(rows)
    const first = ok(await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 0, rows: c0 }))
    expect(first).toEqual({ index: 0, rows: 250, problems: 6, repeated: false })
    const stored = await srv.deps.store.find('importChunks', { jobId: job.id })
    const again = ok(await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 0, rows: c0 }))
    expect(again).toEqual({ ...first, repeated: true })
    expect(await srv.deps.store.find('importChunks', { jobId: job.id })).toEqual(stored)
    const other = await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 0, rows: c1 })
    expect(other.status).toBe(409)
    expect(other.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('第 1 块已上传过且内容不同') })
    // Until the last chunk arrives the preview waits: steps neither count nor finish.
    const waiting = ok(await srv.call(ADMIN, 'job.step', { jobId: job.id }))
    expect(waiting).toMatchObject({ status: 'running', done: 250, steps: 0 })
    ok(await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 1, rows: c1 }))
    expect(await drive(job.id)).toMatchObject({ status: 'done', done: 300 })
    // After the preview, the job takes no more chunks.
    const late = await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 2, rows: c1 })
    expect(late.body.error?.code).toBe('CONFLICT')
  })

  it('refuses a forged job id (404), a job of another admin (403) and applying before the preview is done (409)', async () => {
    const forged = await srv.call(ADMIN, 'admin.importChunk', { jobId: 'JB_forged123', index: 0, rows: [{ line: 2 }] })
    expect(forged.status).toBe(404)
    expect(forged.body.error?.code).toBe('NOT_FOUND')
    const mine = await start(10)
    const rows = roster(10, 'OWN')
    const theirs = await srv.call(OTHER_ADMIN, 'admin.importChunk', { jobId: mine.id, index: 0, rows })
    expect(theirs.status).toBe(403)
    expect(theirs.body.error?.message).toMatch(/另一位管理员/)
    expect((await srv.call(OTHER_ADMIN, 'admin.importApply', { jobId: mine.id })).status).toBe(403)
    expect((await srv.call(OTHER_ADMIN, 'admin.importProblems', { jobId: mine.id, page: 0 })).status).toBe(403)
    expect(await srv.deps.store.find('importChunks', { jobId: mine.id })).toEqual([])
    const early = await srv.call(ADMIN, 'admin.importApply', { jobId: mine.id })
    expect(early.status).toBe(409)
    expect((await srv.call('demo-secretary-e1', 'admin.importStart', { fileName: 'x.csv', rows: 1 })).status).toBe(403)
  })

  it('refuses chunk indexes and row counts beyond the declared total', async () => {
    const job = await start(3)
    const far = await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 3, rows: roster(1, 'FAR') })
    expect(far.body.error?.code).toBe('VALIDATION')
    const many = await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 0, rows: roster(4, 'MANY') })
    expect(many.body.error?.code).toBe('VALIDATION')
    // Two chunks of 2 rows for a file of 3: the preview fails with a message instead of importing a different file.
    ok(await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 0, rows: roster(2, 'A') }))
    ok(await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 1, rows: roster(2, 'B') }))
    const failed = await drive(job.id)
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'VALIDATION', message: expect.stringContaining('多于登记的总行数') } })
  })
})

describe('an import nobody drives', () => {
  /** While on, every reading of the clock moves it 10 s on: a step then ends after one unit (one chunk). */
  const ticking = (on: boolean) => {
    srv.clock.now = on ? () => (srv.clock.t += 10_000) : () => srv.clock.t
  }
  afterEach(() => ticking(false))

  async function previewed(prefix: string) {
    const rows = roster(1000, prefix).map((r) => ({ ...r, unitBranchId: 'UB1', phone: phone(5000 + Number(String(r.line))) }))
    const job = await start(rows.length)
    await upload(job.id, rows)
    return drive(job.id)
  }

  it('the timer finishes an apply the app left after its first chunk', async () => {
    const preview = await previewed('TMR')
    const before = await srv.deps.store.count('members', {})
    ticking(true)
    const first = ok(await srv.call(ADMIN, 'admin.importApply', { jobId: preview.id }))
    ticking(false)
    expect(first).toMatchObject({ status: 'running', done: 250, total: 1000 })
    srv.clock.advance(IDLE_MS + 1)
    const driven = ok(await srv.call(ADMIN, 'job.drive', {}))
    expect(driven.jobs).toContainEqual(
      expect.objectContaining({ id: first.id, status: 'done', done: 1000, counts: { created: 1000, updated: 0, unchanged: 0, problems: 0 } }),
    )
    expect(await srv.deps.store.count('members', {})).toBe(before + 1000)
  })

  it('a unit repeated from the same saved state (a step killed before saving) writes and counts nothing twice', async () => {
    const preview = await previewed('KIL')
    ticking(true)
    const first = ok(await srv.call(ADMIN, 'admin.importApply', { jobId: preview.id }))
    ticking(false)
    const saved = (await srv.deps.store.get('jobs', first.id)) as unknown as JobDoc<ImportParams, ImportState>
    const ctx: Ctx = { openid: ADMIN, now: srv.clock.t, grants: [], member: null }
    const a = structuredClone(saved)
    await importKind.unit(a, ctx, srv.deps)
    const members = await srv.deps.store.count('members', {})
    const audits = await srv.deps.store.count('audit', {})
    const b = structuredClone(saved)
    await importKind.unit(b, ctx, srv.deps)
    expect(b.counts).toEqual(a.counts)
    expect([b.done, b.state]).toEqual([a.done, a.state])
    expect(a).toMatchObject({ done: 500, counts: { created: 500 }, state: { next: 2 } })
    expect(await srv.deps.store.count('members', {})).toBe(members)
    expect(await srv.deps.store.count('audit', {})).toBe(audits)
  })

  it('an upload left unfinished for a day fails with a message instead of waiting for ever', async () => {
    const job = await start(1000)
    ok(await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 0, rows: roster(250, 'ABN') }))
    expect(ok(await srv.call(ADMIN, 'job.step', { jobId: job.id }))).toMatchObject({ status: 'running', done: 250 })
    srv.clock.advance(25 * 3600_000)
    const failed = ok(await srv.call(ADMIN, 'job.step', { jobId: job.id }))
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'CONFLICT', message: expect.stringContaining('一天内没有完成') } })
  })
})

describe('hostile row values are problems or VALIDATION, never 500', () => {
  const base = { line: 2, id: 'HOST1', name: '正常', phone: '13900000001', unitBranchId: 'UB1' }
  const bodies: [string, unknown][] = [
    ['a number for a name', [{ ...base, name: 12345 }]],
    ['an object for an id', [{ ...base, id: { $gt: '' } }]],
    ['an array for a phone', [{ ...base, phone: ['13900000001'] }]],
    ['a huge string', [{ ...base, name: '党'.repeat(5000) }]],
    ['a __proto__ key', [JSON.parse('{"line":2,"id":"P1","__proto__":{"admin":true}}')]],
    ['an unknown key', [{ ...base, role: 'county_admin' }]],
    ['a line that is not a number', [{ ...base, line: '2' }]],
    ['a bidi override in a name', [{ ...base, name: '张\u202e三' }]],
    ['rows that are not a list', { 0: base }],
    ['no rows at all', []],
    [`${IMPORT_CHUNK_ROWS + 1} rows`, Array.from({ length: IMPORT_CHUNK_ROWS + 1 }, (_, i) => ({ ...base, line: i + 2 }))],
  ]
  it.each(bodies)('%s → 400 VALIDATION', async (_what, rows) => {
    const job = await start(1000)
    const r = await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 0, rows })
    expect(r.status).toBe(400)
    expect(r.body.error?.code).toBe('VALIDATION')
    expect(await srv.deps.store.find('importChunks', { jobId: job.id })).toEqual([])
  })

  it('operator-looking and path-looking text in cells comes back as row problems, stored as plain text', async () => {
    const rows: Row[] = [
      { line: 2, id: '$where', name: '甲', phone: '13900000002', unitBranchId: 'UB1' },
      { line: 3, id: 'OK1', name: '乙', phone: '13900000003', unitBranchId: '{"$ne":null}' },
      { line: 4, id: '__proto__', name: '丙', phone: '13900000004', unitBranchId: 'UB1' },
      { line: 5, id: 'OK2', name: '丁', phone: '13900000005', unitBranchId: 'UB1', estateBranchId: 'constructor' },
      { line: 6, id: 'OK3', name: '', phone: '', unitBranchId: '' },
      { line: 7, id: 'OK4', name: '戊', phone: '13900000006', unitBranchId: 'UB1', problem: '与第 2 行的党员编号重复' },
      { line: 8, id: 'OK5', name: '己', phone: '13900000007', unitBranchId: 'UB1' },
      { line: 9, id: 'OK5', name: '庚', phone: '13900000008', unitBranchId: 'UB1' },
    ]
    const job = await start(rows.length)
    const r = ok(await srv.call(ADMIN, 'admin.importChunk', { jobId: job.id, index: 0, rows }))
    await drive(job.id)
    const { problems } = ok(await srv.call(ADMIN, 'admin.importProblems', { jobId: job.id, page: 0 }))
    expect(r).toMatchObject({ rows: 8, problems: problems.length })
    expect(problems.map((p: { line: number; reason: string }) => [p.line, p.reason])).toEqual([
      [2, '党员编号只能包含字母、数字、下划线和连字符'],
      [3, '单位党支部只能包含字母、数字、下划线和连字符'],
      [4, '党员编号不能是 __proto__'],
      [5, '小区党支部不存在：constructor'],
      [6, '姓名不能为空'],
      [7, '与第 2 行的党员编号重复'],
      [9, '与第 8 行的党员编号重复：OK5'],
    ])
  })
})

describe('admin.importDirectory keeps answering its documented fields through the same member rules', () => {
  it('imports a small body and refuses an unknown unit branch with its field', async () => {
    const good = ok(
      await srv.call(ADMIN, 'admin.importDirectory', {
        members: [{ id: 'DIR1', name: '小批量', phone: '13900000009', unitBranchId: 'UB1', estateBranchId: 'E1' }],
      }),
    )
    expect(good).toEqual({ orgs: 0, members: 1, roles: 0 })
    const bad = await srv.call(ADMIN, 'admin.importDirectory', {
      members: [{ id: 'DIR2', name: '无支部', phone: '13900000010', unitBranchId: 'UB_NOPE' }],
    })
    expect(bad.status).toBe(404)
    expect(bad.body.error).toMatchObject({ code: 'NOT_FOUND', message: '单位党支部不存在：UB_NOPE', details: { field: 'members[0].unitBranchId' } })
  })
})
