// Unit score sheets in (preview before saving) and .xlsx exports out, over real HTTP.
import * as XLSX from 'xlsx'
import { startTestServer, ok, type TestServer } from './testing/harness'
import { parseUnitScoreTable } from '../src/core/unit-score-table'
import { readXlsx, writeXlsx } from '../src/lib/xlsx'

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

const sheet = (b64: string) => {
  const wb = XLSX.read(Buffer.from(b64, 'base64'), { type: 'buffer' })
  return XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null }) as unknown[][]
}

describe('importing a unit score sheet', () => {
  // UB2 members in the seed: D002 李秀英, D006 杨帆, D010 周敏, D014 …; phones 1380000 + the number.
  const file = writeXlsx([
    {
      name: '2025年度',
      rows: [
        ['序号', '姓名', '手机号', '单位积分', '满分'],
        [1, '李秀英', '13800000002', 120, 150],
        [2, '杨帆', '13800000006', 151, 150],
        [3, '不存在', '13999999999', 80, 150],
        [4, '张建国', '13800000001', 80, 150],
        [5, '李秀英', '13800000002', 110, 150],
        [6, '周敏', '13800000010', '九十', 150],
      ],
    },
  ])
  it('previews matched rows, unmatched rows and out-of-range values without saving anything', async () => {
    const parsed = parseUnitScoreTable(readXlsx(file))
    expect(parsed.errors).toEqual([])
    const before = await srv.deps.store.count('audit', {})
    const p = ok(await srv.call('demo-unitsec-ub2', 'unitScore.preview', { unitBranchId: 'UB2', year: 2025, rows: parsed.candidates }))
    expect(p.matched).toEqual([{ line: 2, memberId: 'D002', name: '李秀英', raw: 120, fullScale: 150, unitScore: 80, previous: null }])
    expect(p.problems.map((x: any) => [x.line, x.reason])).toEqual([
      [3, '积分 151 超出 0–150 的范围'],
      [4, '本支部名册中找不到姓名与手机号都一致的党员'],
      [5, '本支部名册中找不到姓名与手机号都一致的党员'], // 张建国 is in UB1, not UB2
      [6, '与第 2 行是同一名党员（李秀英）'],
      [7, '积分不是数字：九十'],
    ])
    expect(await srv.deps.store.count('audit', {})).toBe(before)
    expect((await srv.call('demo-unitsec-ub1', 'unitScore.preview', { unitBranchId: 'UB2', year: 2025, rows: parsed.candidates })).status).toBe(403)
  })
  it('saves only the previewed matches, then the member sees the normalised score', async () => {
    ok(
      await srv.call('demo-unitsec-ub2', 'unitScore.import', {
        unitBranchId: 'UB2',
        year: 2025,
        fullScale: 150,
        scores: [{ memberId: 'D002', score: 120 }],
      }),
    )
    expect(ok(await srv.call('demo-member-2', 'score.mine', { year: 2025 })).unitScore).toBe(80)
  })
})

describe('exports', () => {
  it('exports the estate’s totals as a real .xlsx with the numbers the screen shows', async () => {
    const e = ok(await srv.call('demo-secretary-e1', 'export.xlsx', { kind: 'totals', scopeId: 'E1', year: 2025 }))
    expect(e.filename).toMatch(/^幸福里小区党支部-2025-年度总分-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const rows = sheet(e.base64)
    const { rows: list } = ok(await srv.call('demo-secretary-e1', 'score.list', { year: 2025, scopeId: 'E1' }))
    expect(rows).toHaveLength(list.length + 1)
    const d001 = rows.find((r) => r[1] === 'D001') as unknown[]
    expect(d001.slice(0, 8)).toEqual(['张建国', 'D001', 87.25, 0.5, 65, 0.5, 76.13, '合格'])
    expect(rows.some((r) => r[10] === '未完成（缺单位积分）')).toBe(false) // D002 got a unit score above
  })
  it('exports the ledger, the roster with masked phones for admins, and the unit’s feedback table', async () => {
    const ledger = sheet(ok(await srv.call('demo-community-cm1', 'export.xlsx', { kind: 'ledger', scopeId: 'CM1', year: 2025 })).base64)
    expect(ledger[0][0]).toBe('日期')
    expect(ledger.length - 1).toBe(await srv.deps.store.count('ledger', {}))
    const roster = sheet(ok(await srv.call('demo-community-cm1', 'export.xlsx', { kind: 'roster', scopeId: 'E1', year: 2025 })).base64)
    expect(roster.find((r) => r[1] === 'D001')?.[2]).toBe('138****0001')
    const own = sheet(ok(await srv.call('demo-secretary-e1', 'export.xlsx', { kind: 'roster', scopeId: 'E1', year: 2025 })).base64)
    expect(own.find((r) => r[1] === 'D001')?.[2]).toBe('13800000001')
    const fb = sheet(ok(await srv.call('demo-unitsec-ub1', 'export.xlsx', { kind: 'feedback', scopeId: 'UB1', year: 2025 })).base64)
    expect(fb[0]).toEqual(['姓名', '党员编号', '是否报到', '报到小区', '参加活动（次）', '服务时长（小时）', '小区积分', '小区党支部评语'])
  })
  it('keeps to the caller’s scope', async () => {
    expect((await srv.call('demo-secretary-e2', 'export.xlsx', { kind: 'totals', scopeId: 'E1', year: 2025 })).status).toBe(403)
    expect((await srv.call('demo-unitsec-ub2', 'export.xlsx', { kind: 'feedback', scopeId: 'UB1', year: 2025 })).status).toBe(403)
    expect((await srv.call('demo-member-1', 'export.xlsx', { kind: 'ledger', scopeId: 'E1', year: 2025 })).status).toBe(403)
    // The 双报告 table is for unit secretaries and admins; an estate secretary reads remarks via feedback.remarks.
    expect((await srv.call('demo-secretary-e1', 'export.xlsx', { kind: 'feedback', scopeId: 'E1', year: 2025 })).status).toBe(403)
  })
})
