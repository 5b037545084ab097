import * as XLSX from 'xlsx'
import { columnName, isUtf8, readCsv, readXlsx, rowsXml, writeXlsx, xlsxStream } from './xlsx'

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
  it('keeps a blank line in the middle as an empty row, so later rows keep the number Excel shows them under', () => {
    expect(readCsv('姓名,积分\r\n\r\n张三,80\r\n,\r\n李四,90\r\n\r\n')).toEqual([['姓名', '积分'], [], ['张三', '80'], [], ['李四', '90']])
  })
  it('counts a quoted line break as part of its cell, as Excel does', () => {
    expect(readCsv('a,b\n"x\ny",1\nz,2')).toEqual([
      ['a', 'b'],
      ['x\ny', '1'],
      ['z', '2'],
    ])
  })
})

describe('without TextDecoder (WeChat has none)', () => {
  const saved = globalThis.TextDecoder
  // fflate looks for TextDecoder once, when it is loaded: the modules are loaded afresh with it gone.
  let fresh: typeof import('./xlsx')
  beforeEach(() => {
    delete (globalThis as { TextDecoder?: unknown }).TextDecoder
    jest.isolateModules(() => {
      fresh = require('./xlsx')
    })
  })
  afterEach(() => {
    globalThis.TextDecoder = saved
  })

  it('decodes UTF-8 CSV with and without a BOM', () => {
    expect(typeof TextDecoder).toBe('undefined')
    const utf8 = [...Buffer.from('姓名,积分\r\n杨帆,88.5\r\n', 'utf8')]
    expect(fresh.decodeCsvBytes(new Uint8Array(utf8))).toBe('姓名,积分\r\n杨帆,88.5\r\n')
    expect(fresh.readCsv(fresh.decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])))).toEqual([
      ['姓名', '积分'],
      ['杨帆', '88.5'],
    ])
  })
  it('hands bytes that are not UTF-8 to the GBK decoder it is given', () => {
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]) // 姓名 in GBK
    expect(fresh.decodeCsvBytes(gbk, () => '姓名')).toBe('姓名')
  })
  it('without a GBK decoder, says how to save the file', () => {
    expect(() => fresh.decodeCsvBytes(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toThrow('CSV UTF-8')
  })
  it('reads an .xlsx with Chinese text', () => {
    const bytes = writeXlsx([
      {
        name: '单位积分',
        rows: [
          ['姓名', '积分'],
          ['杨帆', 88.5],
        ],
      },
    ])
    expect(fresh.readXlsx(bytes)).toEqual([
      ['姓名', '积分'],
      ['杨帆', 88.5],
    ])
  })
})

describe('UTF-8 detection', () => {
  it('accepts well-formed UTF-8 and refuses GBK, overlongs, surrogates and truncated sequences', () => {
    expect(isUtf8(new TextEncoder().encode('杨帆 😀 abc'))).toBe(true)
    expect(isUtf8(new Uint8Array([0xd1, 0xee, 0xb7, 0xab]))).toBe(false) // 杨帆 in GBK
    expect(isUtf8(new Uint8Array([0xc0, 0xaf]))).toBe(false)
    expect(isUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(false)
    expect(isUtf8(new Uint8Array([0xe6, 0x9d]))).toBe(false)
  })
})

it('names columns like a spreadsheet', () => {
  expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
})

describe('xlsxStream', () => {
  it('writes, piece by piece, the workbook writeXlsx writes in one go', () => {
    const rows = [
      ['姓名', '分值'],
      ['张三 & <李四>', 12.5],
      ['王五', null],
      [null, 0],
    ]
    const streamed = xlsxStream('名册')
    streamed.push(rowsXml(rows.slice(0, 2), 1))
    streamed.push('')
    streamed.push(rowsXml(rows.slice(2), 3))
    const bytes = streamed.finish()
    expect(readXlsx(bytes)).toEqual(readXlsx(writeXlsx([{ name: '名册', rows }])))
    expect(readXlsx(bytes)[1]).toEqual(['张三 & <李四>', 12.5])
  })
})
