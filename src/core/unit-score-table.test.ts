import { parseUnitScoreTable } from './unit-score-table'

describe('reading a unit score sheet', () => {
  it('finds the columns by their Chinese names, wherever they are, and parses scores exactly', () => {
    const t = parseUnitScoreTable([
      ['2025 年度单位积分'],
      ['序号', '姓名', '手机号码', '单位积分', '满分'],
      [1, '张建国', '138 0000 0001', 87.25, 100],
      [2, '王伟', '13800000003', '130', '150'],
      [3, '刘洋', '13800000004', '八十', ''],
      [4, '陈静', '13800000005', '90.125', ''],
      [],
    ])
    expect(t.errors).toEqual([])
    expect(t.candidates).toEqual([
      { line: 3, name: '张建国', phone: '13800000001', score: 87.25, fullScale: 100 },
      { line: 4, name: '王伟', phone: '13800000003', score: 130, fullScale: 150 },
      { line: 5, name: '刘洋', phone: '13800000004', problem: '积分不是数字：八十' },
      { line: 6, name: '陈静', phone: '13800000005', problem: '积分最多两位小数：90.125' },
    ])
  })
  it('does not turn 0.1 + 0.2 style text into float noise', () => {
    expect(
      parseUnitScoreTable([
        ['编号', '积分'],
        ['D001', '80.10'],
      ]).candidates[0],
    ).toMatchObject({ memberId: 'D001', score: 80.1 })
  })
  it('explains a sheet without the columns it needs', () => {
    expect(
      parseUnitScoreTable([
        ['a', 'b'],
        [1, 2],
      ]).errors[0],
    ).toContain('积分')
    expect(
      parseUnitScoreTable([
        ['姓名', '积分'],
        ['张三', 80],
      ]).errors[0],
    ).toContain('党员编号')
  })
})
