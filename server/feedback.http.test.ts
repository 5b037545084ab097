// The 双报告 feedback table for admins (county, street, community) over real HTTP: members whose unit branch or
// estate branch lies in the caller's scope, the same scope rules as other admin reads, and the .xlsx export.
import * as XLSX from 'xlsx'
import { startTestServer, ok, type TestServer } from './testing/harness'

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

const COUNTY = 'demo-admin'
const CM1 = 'demo-community-cm1'
const S1 = 'demo-street-s1'
const sheet = (b64: string) => {
  const wb = XLSX.read(Buffer.from(b64, 'base64'), { type: 'buffer' })
  return XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null }) as unknown[][]
}

// Seed: 60 members D001–D060, unit branches UB1–UB4 in turn, estates E1–E6 by tens (E1, E2 in CM1; E1–E4 in S1);
// D010 and D051–D060 are in the directory only.
describe('feedback.list for admins', () => {
  it('gives the county admin every member of the county, with unit branch, estate, activities, score and remark', async () => {
    ok(await srv.call('demo-secretary-e1', 'feedback.remark', { memberId: 'D001', year: 2025, remark: '积极参加志愿服务' }))
    const fb = ok(await srv.call(COUNTY, 'feedback.list', { scopeId: 'county', year: 2025 }))
    expect(fb).toMatchObject({ scopeId: 'county', scopeName: '示范县', year: 2025 })
    expect(fb.unitBranchId).toBeUndefined()
    expect(fb.rows).toHaveLength(60)
    expect(fb.rows.filter((r: any) => r.registered)).toHaveLength(49)
    expect(fb.rows.find((r: any) => r.memberId === 'D001')).toMatchObject({
      name: '张建国',
      registered: true,
      unitBranchId: 'UB1',
      unitBranchName: '县教育局机关党支部',
      estateBranchName: '幸福里小区党支部',
      activities: 1,
      estateScore: 65,
      remark: '积极参加志愿服务',
    })
  })

  it('gives a community admin the members living in its estates, and a street admin those of its communities', async () => {
    const cm = ok(await srv.call(CM1, 'feedback.list', { scopeId: 'CM1', year: 2025 }))
    expect(cm.rows).toHaveLength(20)
    expect(new Set(cm.rows.map((r: any) => r.estateBranchId))).toEqual(new Set(['E1', 'E2']))
    const street = ok(await srv.call(S1, 'feedback.list', { scopeId: 'S1', year: 2025 }))
    expect(street.rows).toHaveLength(40)
    // A unit branch in the county: its members wherever they live (all four estates' worth of UB1 is 15 people).
    const ub1 = ok(await srv.call(COUNTY, 'feedback.list', { scopeId: 'UB1', year: 2025 }))
    expect(ub1).toMatchObject({ scopeId: 'UB1', unitBranchId: 'UB1', unitBranchName: '县教育局机关党支部' })
    expect(ub1.rows).toHaveLength(15)
    expect(ub1.rows.every((r: any) => r.unitBranchId === 'UB1')).toBe(true)
  })

  it('keeps a community admin to its scope: 403 for an existing org outside it, 404 for one that does not exist', async () => {
    for (const body of [{ scopeId: 'CM2' }, { scopeId: 'S1' }, { scopeId: 'county' }, { scopeId: 'UB1' }, { unitBranchId: 'UB1' }]) {
      const r = await srv.call(CM1, 'feedback.list', { ...body, year: 2025 })
      expect([JSON.stringify(body), r.status, r.body.error?.code]).toEqual([JSON.stringify(body), 403, 'FORBIDDEN'])
    }
    const missing = await srv.call(CM1, 'feedback.list', { scopeId: 'NOPE99', year: 2025 })
    expect([missing.status, missing.body.error?.code]).toEqual([404, 'NOT_FOUND'])
    // Estate secretaries read their remarks through feedback.remarks, not this table.
    expect((await srv.call('demo-secretary-e1', 'feedback.list', { scopeId: 'E1', year: 2025 })).status).toBe(403)
  })

  it('needs exactly one of unitBranchId and scopeId', async () => {
    expect((await srv.call(COUNTY, 'feedback.list', { year: 2025 })).body.error?.code).toBe('VALIDATION')
    expect((await srv.call(COUNTY, 'feedback.list', { unitBranchId: 'UB1', scopeId: 'county', year: 2025 })).status).toBe(400)
  })

  it('still answers the unit secretary for the branch, as before', async () => {
    const fb = ok(await srv.call('demo-unitsec-ub1', 'feedback.list', { unitBranchId: 'UB1', year: 2025 }))
    expect(fb).toMatchObject({ unitBranchId: 'UB1', unitBranchName: '县教育局机关党支部' })
    expect(fb.rows).toHaveLength(15)
    expect((await srv.call('demo-unitsec-ub1', 'feedback.list', { scopeId: 'county', year: 2025 })).status).toBe(403)
  })

  it('exports the table for an admin scope with a unit branch column', async () => {
    const e = ok(await srv.call(CM1, 'export.xlsx', { kind: 'feedback', scopeId: 'CM1', year: 2025 }))
    expect(e.filename).toMatch(/^东风社区党总支-2025-双报告反馈表-/)
    expect(e.rows).toBe(20)
    const rows = sheet(e.base64)
    expect(rows[0]).toEqual([
      '姓名',
      '党员编号',
      '单位党支部',
      '是否报到',
      '报到小区',
      '参加活动（次）',
      '服务时长（小时）',
      '小区积分',
      '小区党支部评语',
    ])
    expect(rows.find((r) => r[1] === 'D001')?.slice(0, 5)).toEqual(['张建国', 'D001', '县教育局机关党支部', '是', '幸福里小区党支部'])
    expect((await srv.call(CM1, 'export.xlsx', { kind: 'feedback', scopeId: 'CM2', year: 2025 })).status).toBe(403)
  })
})
