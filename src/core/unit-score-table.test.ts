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
  it('takes a formula result as Excel shows it (15 significant digits) before the two-decimal rule', () => {
    const weighted = 0.6 * 60 + 0.4 * 61 // stored as 60.400000000000006
    const third = 100 / 3 // shown as 33.3333333333333: more than two decimals for real
    const t = parseUnitScoreTable([
      ['编号', '积分', '满分'],
      ['D001', weighted, 0.1 + 0.2 + 99.7],
      ['D002', third, 100],
      ['D003', 0.1 * 3, 100],
    ])
    expect(t.candidates).toEqual([
      { line: 2, memberId: 'D001', score: 60.4, fullScale: 100 },
      { line: 3, memberId: 'D002', problem: '积分最多两位小数：33.3333333333333', fullScale: 100 },
      { line: 4, memberId: 'D003', score: 0.3, fullScale: 100 },
    ])
  })
  it('reads full-width digits and punctuation, and names and headers spaced with full-width spaces', () => {
    const t = parseUnitScoreTable([
      ['姓　名', '手 机 号', '单位积分'],
      ['杨　帆', '１３８０００００００６', '８８．５'],
      [' 欧阳 小明 ', '13800000009', '－５'],
      ['Li  Ming', '13800000010', '90'],
    ])
    expect(t.errors).toEqual([])
    expect(t.candidates).toEqual([
      { line: 2, name: '杨帆', phone: '13800000006', score: 88.5 },
      { line: 3, name: '欧阳小明', phone: '13800000009', score: -5 },
      { line: 4, name: 'Li Ming', phone: '13800000010', score: 90 },
    ])
  })
  it('says in plain words why a row cannot be read', () => {
    const t = parseUnitScoreTable([
      ['姓名', '手机号', '积分'],
      ['王强', '13800000008', null],
      ['周敏', '1.38E+10', 90],
      ['陈静', '13800000005', '#DIV/0!'],
      ['刘洋', 13800000004, 80],
    ])
    expect(t.candidates.map((c) => [c.line, c.problem])).toEqual([
      [2, '积分一栏是空的'],
      [3, '手机号一栏被存成了数字，显示成 1.38E+10，后几位已经丢失：请把手机号这一列设为“文本”格式，重新填写后再导入'],
      [4, '积分一栏是公式错误 #DIV/0!，请在表格里改好公式再导入'],
      [5, undefined],
    ])
    expect(t.candidates[3].phone).toBe('13800000004')
  })
  it('does not hold a lost phone against a row matched by member id', () => {
    expect(
      parseUnitScoreTable([
        ['党员编号', '手机号', '积分'],
        ['D001', '1.38E+10', 90],
      ]).candidates,
    ).toEqual([{ line: 2, memberId: 'D001', phone: '1.38E+10', score: 90 }])
  })
})
