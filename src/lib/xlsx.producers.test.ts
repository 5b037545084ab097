// Workbooks as the programs that units use actually write them, each built here part by part the way that
// producer lays it out (part names, prefixes, empty rows, escapes), so the reader is held to what arrives.
import { strToU8, zipSync } from 'fflate'
import { ENCRYPTED_MESSAGE, LEGACY_XLS_MESSAGE, readXlsx, xlsxSheetNames } from './xlsx'

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006'
const X14AC = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac'
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])))

/** Shared strings as Excel writes them, with the count attributes. */
const sst = (strings: string[]) =>
  `${HEAD}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si>${s}</si>`).join('')}</sst>`

/** The package around one sheet, with Excel's part names and relationship ids. */
function excelPackage(sheetData: string, sharedStrings: string, extra: Record<string, string> = {}) {
  return zip({
    '[Content_Types].xml': `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    '_rels/.rels': `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId3" Type="${R}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="${MC}" mc:Ignorable="x15"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="22228"/><workbookPr defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets><sheet name="单位积分" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="162913"/></workbook>`,
    'xl/_rels/workbook.xml.rels': `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId3" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${R}/theme" Target="theme/theme1.xml"/><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${R}" xmlns:mc="${MC}" mc:Ignorable="x14ac" xmlns:x14ac="${X14AC}"><dimension ref="A1:E7"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/><sheetData>${sheetData}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    'xl/sharedStrings.xml': sharedStrings,
    ...extra,
  })
}

describe('Excel (Windows, 2016–365)', () => {
  // A weighted total by formula: Excel stores the double it computed and shows 15 significant digits.
  const weighted = 60 * 0.6 + 61 * 0.4
  it('the fixture carries the binary tail Excel stores', () => {
    expect(String(weighted)).toBe('60.400000000000006')
  })
  const bytes = excelPackage(
    [
      '<row r="1" spans="1:5" x14ac:dyDescent="0.2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>',
      `<row r="2" spans="1:5" x14ac:dyDescent="0.2"><c r="A2" t="s"><v>5</v></c><c r="B2"><v>13800000002</v></c><c r="C2"><v>60</v></c><c r="D2"><v>61</v></c><c r="E2" s="1"><f>C2*0.6+D2*0.4</f><v>${weighted}</v></c></row>`,
      // A blank line the secretary formatted (taller, bordered): written empty and self-closed.
      '<row r="3" spans="1:5" ht="20.25" customHeight="1" x14ac:dyDescent="0.2"/>',
      '<row r="4" spans="1:5" x14ac:dyDescent="0.2"><c r="A4" t="s"><v>6</v></c><c r="B4"><v>13800000006</v></c><c r="E4" s="1"><v>88.5</v></c></row>',
      // Only styled cells: nothing in them.
      '<row r="5" spans="1:5" x14ac:dyDescent="0.2"><c r="A5" s="2"/><c r="E5" s="1"/></row>',
      // A score cell left empty, and one an exporter wrote as an empty value.
      '<row r="6" spans="1:5" x14ac:dyDescent="0.2"><c r="A6" t="s"><v>7</v></c><c r="B6"><v>13800000007</v></c><c r="E6" s="1"/></row>',
      '<row r="7" spans="1:5" x14ac:dyDescent="0.2"><c r="A7" t="s"><v>8</v></c><c r="B7"><v>13800000008</v></c><c r="E7" s="1"><v></v></c></row>',
    ].join(''),
    sst([
      '<t>姓名</t>',
      '<t>手机号</t>',
      '<t>考勤</t>',
      '<t>业绩</t>',
      '<t>单位积分</t>',
      '<t>李秀英</t>',
      '<t>杨帆</t>',
      '<t>周敏</t>',
      '<t>王强</t>',
    ]),
  )

  it('reads the value Excel shows, keeps every row at its own number, and leaves blank numbers blank', () => {
    expect(readXlsx(bytes)).toEqual([
      ['姓名', '手机号', '考勤', '业绩', '单位积分'],
      ['李秀英', 13800000002, 60, 61, 60.4],
      [],
      ['杨帆', 13800000006, null, null, 88.5],
      [],
      ['周敏', 13800000007],
      ['王强', 13800000008],
    ])
  })
  it('lists the sheet names', () => {
    expect(xlsxSheetNames(bytes)).toEqual(['单位积分'])
  })
})

describe('.NET exporters (OpenXML SDK, System.IO.Packaging)', () => {
  // Everything prefixed with x:, absolute targets, generated relationship ids, no r= on rows or cells.
  const bytes = zip({
    '[Content_Types].xml': `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG}"><Relationship Type="${R}/officeDocument" Target="/xl/workbook.xml" Id="R3c1f4e9a2b7d4c10"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="${R}" xmlns:x="${MAIN}"><x:sheets><x:sheet name="Hidden" sheetId="2" state="hidden" r:id="R9a0b" /><x:sheet name="Export" sheetId="1" r:id="R1d2e" /></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="${PKG}"><Relationship Type="${R}/worksheet" Target="/xl/worksheets/sheet.xml" Id="R1d2e"/><Relationship Type="${R}/worksheet" Target="/xl/worksheets/sheet2.xml" Id="R9a0b"/></Relationships>`,
    'xl/worksheets/sheet.xml': `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>党员编号</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>积分</x:t></x:is></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>D001</x:t></x:is></x:c><x:c t="n"><x:v>92.25</x:v></x:c></x:row><x:row /><x:row><x:c t="inlineStr"><x:is><x:t>D002</x:t></x:is></x:c><x:c><x:v>80</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    'xl/worksheets/sheet2.xml': `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>secret</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
  })
  it('reads prefixed elements, rows and cells without references, and the first visible sheet', () => {
    expect(readXlsx(bytes)).toEqual([['党员编号', '积分'], ['D001', 92.25], [], ['D002', 80]])
    expect(xlsxSheetNames(bytes)).toEqual(['Export'])
    expect(readXlsx(bytes, 'Hidden')).toEqual([['secret']])
  })
})

describe('packages zipped by Windows tools', () => {
  // Backslashes in entry names, part names in other cases, a workbook that is not at xl/workbook.xml and a
  // shared-strings part its relationships do not name.
  const bytes = zip({
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    '_rels\\.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='${PKG}'><Relationship Id='rId1' Type='${R}/officeDocument' Target='Book/Workbook.xml'/></Relationships>`,
    'BOOK\\Workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:rel="${R}"><sheets><sheet name="Sheet1" sheetId="1" rel:id="s1"/></sheets></workbook>`,
    'Book\\_rels\\Workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="s1" Type="${R}/worksheet" Target="./Sheets/../Sheets/Sheet1.xml"/></Relationships>`,
    'Book\\Sheets\\SHEET1.XML': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="a2" t="s"><v>2</v></c><c r="b2"><v>75</v></c></row></sheetData></worksheet>`,
    'book\\SharedStrings.xml': sst(['<t>姓名</t>', '<t>积分</t>', '<t>陈静</t>']),
  })
  it('finds every part through the relationships, whatever the slashes and case', () => {
    expect(readXlsx(bytes)).toEqual([
      ['姓名', '积分'],
      ['陈静', 75],
    ])
  })
})

describe('text as Excel and WPS store it', () => {
  const bytes = excelPackage(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>',
    sst([
      // Phonetic guides (Japanese/Chinese input keeps them): shown above the text, not part of it.
      '<t>杨帆</t><rPh sb="0" eb="2"><t>ヤンファン</t></rPh><phoneticPr fontId="1" type="noConversion"/>',
      // A rich-text run and a phonetic guide in a run.
      '<r><rPr><b/><sz val="11"/></rPr><t>备</t></r><r><t xml:space="preserve">注 </t></r><rPh sb="0" eb="1"><t>ビ</t></rPh>',
      // A line break typed with Alt+Enter on Windows is stored as _x000D_ and a newline; a literal "_x000D_" as _x005F_x000D_.
      '<t xml:space="preserve">第一行_x000D_\n第二行</t>',
      '<t>code _x005F_x000D_ &amp; &lt;ok&gt;</t>',
    ]),
  )
  it('drops phonetic runs and decodes _xHHHH_ escapes', () => {
    expect(readXlsx(bytes)).toEqual([['杨帆', '备注 ', '第一行\r\n第二行', 'code _x000D_ & <ok>']])
  })
})

describe('LibreOffice Calc', () => {
  const bytes = excelPackage(
    '<row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" s="0" t="s"><v>1</v></c></row><row r="2" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A2" s="0" t="s"><v>2</v></c><c r="B2" s="0" t="n"><v>88.35</v></c></row><row r="3" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A3" s="0" t="s"><v>3</v></c><c r="B3" s="0" t="b"><v>1</v></c></row>',
    sst([
      '<t xml:space="preserve">编号</t>',
      '<t xml:space="preserve">积分</t>',
      '<t xml:space="preserve">D001</t>',
      '<t xml:space="preserve">D002</t>',
    ]),
  )
  it('reads typed cells', () => {
    expect(readXlsx(bytes)).toEqual([
      ['编号', '积分'],
      ['D001', 88.35],
      ['D002', 'TRUE'],
    ])
  })
})

/**
 * A compound file (OLE/CFB, version 3, 512-byte sectors) holding the streams Excel and WPS write for a
 * password-protected workbook: EncryptionInfo and EncryptedPackage, and the DataSpaces storage.
 */
function compoundFile(streams: string[]): Uint8Array {
  const sector = 512
  const header = new Uint8Array(sector)
  const dv = new DataView(header.buffer)
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  dv.setUint16(0x18, 0x3e, true) // minor version
  dv.setUint16(0x1a, 3, true) // major version 3
  dv.setUint16(0x1c, 0xfffe, true) // little-endian
  dv.setUint16(0x1e, 9, true) // 2^9 = 512-byte sectors
  dv.setUint16(0x20, 6, true) // 64-byte mini sectors
  dv.setUint32(0x2c, 1, true) // one FAT sector
  dv.setUint32(0x30, 1, true) // directory starts at sector 1
  dv.setUint32(0x38, 4096, true) // mini stream cutoff
  dv.setUint32(0x3c, 0xfffffffe, true) // no mini FAT
  dv.setUint32(0x44, 0xfffffffe, true) // no DIFAT sectors
  dv.setUint32(0x4c, 0, true) // FAT at sector 0
  for (let i = 1; i < 109; i++) dv.setUint32(0x4c + i * 4, 0xffffffff, true)
  const fat = new Uint8Array(sector).fill(0xff)
  const fv = new DataView(fat.buffer)
  fv.setUint32(0, 0xfffffffd, true) // sector 0: FAT
  fv.setUint32(4, 0xfffffffe, true) // sector 1: directory, end of chain
  const dir = new Uint8Array(sector)
  const entry = (i: number, name: string, type: number) => {
    const e = new DataView(dir.buffer, i * 128, 128)
    for (let k = 0; k < name.length; k++) e.setUint16(k * 2, name.charCodeAt(k), true)
    e.setUint16(64, (name.length + 1) * 2, true)
    e.setUint8(66, type)
    e.setUint32(68, 0xffffffff, true)
    e.setUint32(72, i + 1 < 4 && i > 0 ? i + 1 : 0xffffffff, true)
    e.setUint32(76, i === 0 ? 1 : 0xffffffff, true)
  }
  entry(0, 'Root Entry', 5)
  streams.slice(0, 3).forEach((name, i) => entry(i + 1, name, name.startsWith('\u0006') ? 1 : 2))
  const out = new Uint8Array(sector * 3)
  out.set(header, 0)
  out.set(fat, sector)
  out.set(dir, sector * 2)
  // Sector numbering starts after the header.
  return out
}

describe('files that are not a workbook package', () => {
  it('tells a password-protected workbook as such', () => {
    const bytes = compoundFile(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage'])
    expect(() => readXlsx(bytes)).toThrow(ENCRYPTED_MESSAGE)
    expect(ENCRYPTED_MESSAGE).toBe('文件已加密，请取消密码后另存为 .xlsx 再导入')
  })
  it('tells a legacy .xls saved under an .xlsx name to be saved again', () => {
    expect(() => readXlsx(compoundFile(['Workbook', '\u0005SummaryInformation']))).toThrow(LEGACY_XLS_MESSAGE)
  })
})
