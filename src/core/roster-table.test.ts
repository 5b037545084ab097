import { IMPORT_CHUNK_ROWS, MAX_BODY_BYTES, utf8Bytes } from './contracts'
import { CHUNK_BODY_BUDGET, chunkRows, parseRosterTable } from './roster-table'

const header = ['党员编号', '姓名', '手机号', '单位党支部', '小区党支部']

describe('reading a roster', () => {
  it('finds the columns by header, reads numbers as text and tidies phone numbers', () => {
    const parsed = parseRosterTable([
      ['县名册', null],
      header,
      ['M1', '张三', 13800000001, 'UB1', 'E1'],
      ['M2', ' 李四 ', '138-0000 0002', 'UB2', ''],
      [null, null, null, null, null],
      ['M3', '王五', '13800000003', 'UB1', null],
    ])
    expect(parsed.errors).toEqual([])
    expect(parsed.rows).toEqual([
      { line: 3, id: 'M1', name: '张三', phone: '13800000001', unitBranchId: 'UB1', estateBranchId: 'E1' },
      { line: 4, id: 'M2', name: '李四', phone: '13800000002', unitBranchId: 'UB2' },
      { line: 6, id: 'M3', name: '王五', phone: '13800000003', unitBranchId: 'UB1' },
    ])
  })

  it('flags a repeated member id and a cell the server would refuse, keeping the row for the problem list', () => {
    const parsed = parseRosterTable([
      header,
      ['M1', '张三', '13800000001', 'UB1', 'E1'],
      ['M1', '张三三', '13800000002', 'UB1', 'E1'],
      ['M4', '党'.repeat(101), '13800000004', 'UB1', 'E1'],
      ['M5', '赵\u202e六', '13800000005', 'UB1', 'E1'],
    ])
    expect(parsed.rows.map((r) => [r.line, r.problem])).toEqual([
      [2, undefined],
      [3, '与第 2 行的党员编号重复：M1'],
      [4, '姓名不能超过 100 个字'],
      [5, '姓名含有不允许的字符'],
    ])
    expect(parsed.rows[2].name).toBeUndefined()
  })

  it('says which required columns are missing, or that there is no header at all', () => {
    expect(
      parseRosterTable([
        ['党员编号', '姓名'],
        ['M1', '张三'],
      ]).errors,
    ).toEqual(['缺少“手机号”“单位党支部”列'])
    expect(parseRosterTable([['a', 'b']]).errors[0]).toMatch(/找不到表头/)
    expect(parseRosterTable([header]).errors).toEqual(['表中没有数据行'])
  })
})

describe('cutting rows into chunks', () => {
  it('keeps every chunk within the row cap and the body limit in UTF-8 bytes, in order, losing nothing', () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      line: i + 2,
      id: `M${i}`,
      // Long Chinese names: 100 characters are 300 bytes, so the byte limit, not the row cap, cuts these chunks.
      name: '党'.repeat(i % 2 ? 100 : 60),
      phone: '13800000001',
      unitBranchId: 'UB1',
    }))
    const chunks = chunkRows(rows)
    expect(chunks.flat()).toEqual(rows)
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(IMPORT_CHUNK_ROWS)
      expect(utf8Bytes(JSON.stringify({ jobId: 'J'.repeat(64), index: 99999, rows: c }))).toBeLessThanOrEqual(MAX_BODY_BYTES - 1024)
    }
    expect(chunks.some((c) => c.length < IMPORT_CHUNK_ROWS && c !== chunks[chunks.length - 1])).toBe(true)
    expect(chunkRows(rows.map((r) => ({ ...r, name: '张三' }))).map((c) => c.length)).toEqual([250, 250, 250, 250, 200])
    expect(CHUNK_BODY_BUDGET).toBeLessThan(MAX_BODY_BYTES)
  })
})
