// The unit secretary's file, as Excel on a Chinese Windows saves it, read the way the phone reads it.
import { strToU8, zipSync } from 'fflate'
import iconv from 'iconv-lite'
import type { ParsedTable } from '@/core/unit-score-table'
import type { PickedFile } from './sheet'

// "CSV (逗号分隔)": GBK, CRLF, no BOM, cells as displayed (a long number in a General column becomes 1.38E+10),
// a blank row inside the table written as commas only, and one written as nothing at all.
const excelCsv = [
  '2025年度单位积分,,,',
  '姓　名,手机号,单位积分,满分',
  '杨　帆,13800000006,８８．５,100',
  ',,,',
  '李秀英,13800000002,60.4,100',
  '',
  '周敏,1.38E+10,90,100',
  '王强,13800000008,,100',
  '',
].join('\r\n')

describe('a GBK CSV from Excel on a phone without TextDecoder', () => {
  const saved = globalThis.TextDecoder
  let readScoreSheet: (file: PickedFile) => ParsedTable
  beforeAll(() => {
    delete (globalThis as { TextDecoder?: unknown }).TextDecoder
    // fflate looks for TextDecoder when it is loaded: load the reader afresh without it, as on a phone.
    jest.isolateModules(() => {
      readScoreSheet = require('./sheet').readScoreSheet
    })
  })
  afterAll(() => {
    globalThis.TextDecoder = saved
  })

  it('reads names, numbers and row numbers as the secretary sees them in Excel', () => {
    expect(typeof TextDecoder).toBe('undefined')
    const bytes = new Uint8Array(iconv.encode(excelCsv, 'gbk'))
    expect(bytes[0]).not.toBe(0xef) // no BOM: this is the GBK the brief is about
    const t = readScoreSheet({ name: '单位积分.csv', bytes })
    expect(t.errors).toEqual([])
    expect(t.candidates).toEqual([
      { line: 3, name: '杨帆', phone: '13800000006', score: 88.5, fullScale: 100 },
      { line: 5, name: '李秀英', phone: '13800000002', score: 60.4, fullScale: 100 },
      {
        line: 7,
        name: '周敏',
        phone: '1.38E+10',
        score: 90,
        fullScale: 100,
        problem: '手机号一栏被存成了数字，显示成 1.38E+10，后几位已经丢失：请把手机号这一列设为“文本”格式，重新填写后再导入',
      },
      { line: 8, name: '王强', phone: '13800000008', fullScale: 100, problem: '积分一栏是空的' },
    ])
  })
  it('reads the same sheet saved as "CSV UTF-8"', () => {
    const t = readScoreSheet({ name: 'a.csv', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(excelCsv)]) })
    expect(t.candidates.map((c) => [c.line, c.name, c.score])).toEqual([
      [3, '杨帆', 88.5],
      [5, '李秀英', 60.4],
      [7, '周敏', 90],
      [8, '王强', undefined],
    ])
  })
})

describe('an .xlsx whose score is a weighted formula', () => {
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
  const inline = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`
  const file = zipSync(
    Object.fromEntries(
      Object.entries({
        '_rels/.rels': `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="汇总" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData><row r="1">${inline('A1', '姓名')}${inline('B1', '手机号码')}${inline('C1', '积分')}</row><row r="2" ht="24" customHeight="1"/><row r="3">${inline('A3', '李秀英')}${inline('B3', '13800000002')}<c r="C3"><f>0.6*60+0.4*61</f><v>${0.6 * 60 + 0.4 * 61}</v></c></row><row r="4">${inline('A4', '杨帆')}<c r="B4"><v>13800000006</v></c><c r="C4"><v></v></c></row></sheetData></worksheet>`,
      }).map(([k, v]) => [k, strToU8(v)]),
    ),
  )
  it('takes the value Excel shows, keeps row numbers past the empty row, and reads the empty score as missing', async () => {
    const { readScoreSheet } = await import('./sheet')
    expect(readScoreSheet({ name: '汇总.xlsx', bytes: file }).candidates).toEqual([
      { line: 3, name: '李秀英', phone: '13800000002', score: 60.4 },
      { line: 4, name: '杨帆', phone: '13800000006', problem: '积分一栏是空的' },
    ])
  })
  it('says a password-protected file is encrypted', async () => {
    const { readScoreSheet } = await import('./sheet')
    const cfb = new Uint8Array(1024)
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    cfb.set(
      [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]),
      512,
    )
    expect(readScoreSheet({ name: '加密.xlsx', bytes: cfb }).errors).toEqual(['文件已加密，请取消密码后另存为 .xlsx 再导入'])
  })
})
