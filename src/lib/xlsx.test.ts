import * as XLSX from 'xlsx'
import { decodeCsvBytes, readCsv, readXlsx, writeXlsx, columnName } from './xlsx'

describe('.xlsx written by us', () => {
  const rows = [
    ['姓名', '手机号', '单位积分', '备注'],
    ['张建国', '13800000001', 87.25, 'A & B <ok> "引号"'],
    ['李秀英', '13800000002', null, '控制\u0001字符'],
  ]
  const bytes = writeXlsx([
    { name: '单位积分', rows },
    { name: 'a/b:c*?', rows: [['x'], [1]] },
  ])

  it('is read by an independent reader (SheetJS) with the same cells', () => {
    const wb = XLSX.read(bytes, { type: 'array' })
    expect(wb.SheetNames).toEqual(['单位积分', 'a b c'])
    const back = XLSX.utils.sheet_to_json(wb.Sheets.单位积分, { header: 1, defval: null })
    expect(back).toEqual([rows[0], rows[1], ['李秀英', '13800000002', null, '控制字符']])
  })
  it('round-trips through our own reader', () => {
    expect(readXlsx(bytes)).toEqual([rows[0], rows[1], ['李秀英', '13800000002', null, '控制字符']])
  })
})

describe('.xlsx written by others', () => {
  it('reads shared strings, numbers and gaps from a SheetJS-written file', () => {
    const ws = XLSX.utils.aoa_to_sheet([['编号', '积分'], ['D001', 80.5], ['D002'], [null, 90]])
    const wb = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(wb, ws, '表1')
    const bytes = XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST: true }) as ArrayBuffer
    expect(readXlsx(new Uint8Array(bytes))).toEqual([['编号', '积分'], ['D001', 80.5], ['D002'], [null, 90]])
  })
  it('refuses what is not an .xlsx', () => {
    expect(() => readXlsx(new TextEncoder().encode('姓名,积分'))).toThrow('不是有效的 .xlsx 文件')
  })
})

describe('CSV', () => {
  it('handles quotes, commas, CRLF and a BOM', () => {
    expect(readCsv('\ufeff姓名,积分\r\n"张,三",80.5\r\n"说""好""",90\n\n')).toEqual([
      ['姓名', '积分'],
      ['张,三', '80.5'],
      ['说"好"', '90'],
    ])
  })
  it('decodes UTF-8, and says what to do with an encoding it cannot read', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('姓名'))).toBe('姓名')
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]) // 姓名 in GBK
    let decoded: string | Error
    try {
      decoded = decodeCsvBytes(gbk)
    } catch (e) {
      decoded = e as Error
    }
    expect(decoded === '姓名' || (decoded instanceof Error && decoded.message.includes('UTF-8'))).toBe(true)
  })
})

it('names columns like a spreadsheet', () => {
  expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
})
