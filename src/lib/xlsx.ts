// A small .xlsx writer and reader (Office Open XML, the subset Excel and WPS write and read: one or more sheets of
// text and numbers). Platform-free: the server writes exports with it, the unit secretary's page reads imports
// with it on the phone. fflate does the zip; the XML is simple enough to write and scan by hand. What the reader
// accepts from Excel, WPS, LibreOffice and .NET exporters: docs/DESIGN.md#reading-spreadsheets.
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync, zipSync } from 'fflate'

export type Cell = string | number | null
export interface Sheet {
  name: string
  rows: Cell[][]
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'

// XML 1.0 cannot carry most control characters; they are dropped rather than corrupting the file.
const escapeXml = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')

export function columnName(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

function columnIndex(ref: string): number {
  let n = 0
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

/** The <row> elements of `rows`, numbered from `first` (1-based); row 1 is the bold header. */
export function rowsXml(rows: Cell[][], first = 1): string {
  return rows
    .map((row, i) => {
      const r = first + i
      const cells = row
        .map((v, c) => {
          if (v === null || v === '') return ''
          const ref = `${columnName(c)}${r}`
          const style = r === 1 ? ' s="1"' : ''
          if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"${style}><v>${v}</v></c>`
          return `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${escapeXml(String(v))}</t></is></c>`
        })
        .join('')
      return `<row r="${r}">${cells}</row>`
    })
    .join('')
}

// The header row stays in view while scrolling.
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`
const SHEET_TAIL = '</sheetData></worksheet>'

function sheetXml(rows: Cell[][]): string {
  return `${SHEET_HEAD}${rowsXml(rows)}${SHEET_TAIL}`
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`

/** Sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique. */
function sheetNames(sheets: Sheet[]): string[] {
  const used = new Set<string>()
  return sheets.map((s, i) => {
    let name =
      s.name
        .replace(/[:\\/?*[\]]/g, ' ')
        .slice(0, 31)
        .trim() || `Sheet${i + 1}`
    while (used.has(name)) name = `${name.slice(0, 28)}(${i + 1})`
    used.add(name)
    return name
  })
}

/** Every part of the package but the sheets' own XML. */
function packageFiles(sheetNamesInOrder: string[]): Record<string, Uint8Array> {
  const names = sheetNamesInOrder
  return {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${names
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('')}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${names
        .map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}">${names
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(STYLES),
  }
}

export function writeXlsx(sheets: Sheet[]): Uint8Array {
  if (sheets.length === 0) throw new Error('a workbook needs a sheet')
  const files = packageFiles(sheetNames(sheets))
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s.rows))
  })
  return zipSync(files, { level: 6 })
}

export interface XlsxStream {
  /** Appends rows to the sheet: the output of `rowsXml`, in row order. */
  push(rowsXmlPiece: string): void
  /** Ends the sheet and answers the workbook's bytes. */
  finish(): Uint8Array
}

/**
 * A one-sheet workbook whose rows arrive in pieces (an export assembled from parts, docs/DESIGN.md#jobs): each piece
 * is compressed as it comes, so only the compressed file is held, never the sheet's whole XML. The same package as
 * `writeXlsx` writes.
 */
export function xlsxStream(sheetName: string): XlsxStream {
  const out: Uint8Array[] = []
  const zip = new Zip((err, chunk) => {
    if (err) throw err
    out.push(chunk)
  })
  const rest = packageFiles(sheetNames([{ name: sheetName, rows: [] }]))
  for (const [name, bytes] of Object.entries(rest)) {
    const f = new ZipDeflate(name, { level: 6 })
    zip.add(f)
    f.push(bytes, true)
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 })
  zip.add(sheet)
  sheet.push(strToU8(SHEET_HEAD))
  return {
    push(piece) {
      if (piece) sheet.push(strToU8(piece))
    },
    finish() {
      sheet.push(strToU8(SHEET_TAIL), true)
      zip.end()
      const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0))
      let at = 0
      for (const c of out) {
        bytes.set(c, at)
        at += c.length
      }
      return bytes
    },
  }
}

const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]
  })

/**
 * Text as a cell holds it: XML entities, then OOXML's own `_xHHHH_` escapes (Excel writes a carriage return as
 * `_x000D_`, and a literal "_x000D_" as `_x005F_x000D_`, which the left-to-right scan below undoes correctly).
 */
const cellText = (s: string) => {
  const text = s.includes('&') ? decodeEntities(s) : s
  return text.includes('_x') ? text.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : text
}

/**
 * All text of the <t> elements inside a fragment (rich text runs included), without the phonetic guides
 * (<rPh>, the furigana/pinyin Excel stores beside East Asian text) that are not part of what the cell shows.
 */
const texts = (xml: string) =>
  [...(xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml).matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)]
    .map((m) => cellText(m[1] ?? ''))
    .join('')

/** An attribute's value, in double or single quotes. */
const attrPatterns = new Map<string, RegExp>()
const attr = (tag: string, name: string) => {
  let re = attrPatterns.get(name)
  if (!re) {
    re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    attrPatterns.set(name, re)
  }
  const m = re.exec(tag)
  if (!m) return undefined
  const v = m[1] ?? m[2]
  return v.includes('&') ? decodeEntities(v) : v
}
/** The relationship id of a <sheet>: `r:id`, whatever prefix the writer bound to the relationships namespace. */
const relId = (tag: string) => {
  const m = /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag)
  return m ? (m[1] ?? m[2]) : undefined
}

/**
 * Element names without their namespace prefix: .NET exporters (System.IO.Packaging, OpenXML SDK) write
 * `<x:row>`/`<x:c>` with the SpreadsheetML namespace bound to a prefix. Text cannot hold a raw "<", so only
 * tags are touched.
 */
const PREFIXED_TAG = /<\/?[A-Za-z_][\w.-]*:/
const unprefix = (xml: string) => (PREFIXED_TAG.test(xml) ? xml.replace(/<(\/?)[A-Za-z_][\w.-]*:/g, '<$1') : xml)

/** A part name as the package means it: forward slashes, no leading slash, "." and ".." resolved. */
function normalisePath(path: string): string {
  const out: string[] = []
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') out.pop()
    else out.push(seg)
  }
  return out.join('/')
}

/** Where a relationship's target points, from the folder of the part that holds the relationship. */
function resolveTarget(fromPart: string, target: string): string {
  if (/^\//.test(target) || /^\\/.test(target)) return normalisePath(target)
  const dir = fromPart.includes('/') ? fromPart.slice(0, fromPart.lastIndexOf('/')) : ''
  return normalisePath(`${dir}/${target}`)
}

/** A part's relationships part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/')
  return i < 0 ? `_rels/${part}.rels` : `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`
}

interface Relationship {
  id: string
  type: string
  target: string
}

function relationships(xml: string | null, fromPart: string): Relationship[] {
  if (!xml) return []
  return [...unprefix(xml).matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: attr(m[0], 'TargetMode') === 'External' ? '' : resolveTarget(fromPart, attr(m[0], 'Target') ?? ''),
  }))
}

export const ENCRYPTED_MESSAGE = '文件已加密，请取消密码后另存为 .xlsx 再导入'
export const LEGACY_XLS_MESSAGE = '这是旧版 .xls 格式的文件：请在 Excel 或 WPS 中另存为 .xlsx 后再选择'

/** "EncryptedPackage" as a compound-file directory entry names it (UTF-16LE). */
const ENCRYPTED_PACKAGE = [...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0])

function containsBytes(bytes: Uint8Array, needle: number[]): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

/**
 * An OLE compound file (D0 CF 11 E0 …) is not a zip. Excel and WPS save a password-protected .xlsx that way,
 * with the encrypted workbook in a stream named EncryptedPackage; without that stream it is a legacy .xls.
 */
function refuseCompoundFile(bytes: Uint8Array): void {
  if (bytes.length < 8 || bytes[0] !== 0xd0 || bytes[1] !== 0xcf || bytes[2] !== 0x11 || bytes[3] !== 0xe0) return
  throw new Error(containsBytes(bytes, ENCRYPTED_PACKAGE) ? ENCRYPTED_MESSAGE : LEGACY_XLS_MESSAGE)
}

/**
 * The parts of a package, found whatever the case of their names and whichever slash the zip used (some
 * Windows tools write `xl\worksheets\sheet1.xml`, some write `xl/SharedStrings.xml`).
 */
function openPackage(bytes: Uint8Array): (part: string) => string | null {
  refuseCompoundFile(bytes)
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes)
  } catch {
    throw new Error('不是有效的 .xlsx 文件')
  }
  const parts = new Map<string, Uint8Array>()
  for (const [name, data] of Object.entries(files)) parts.set(normalisePath(name).toLowerCase(), data)
  if (parts.has('encryptedpackage')) throw new Error(ENCRYPTED_MESSAGE)
  return (part) => {
    const data = parts.get(normalisePath(part).toLowerCase())
    return data ? strFromU8(data) : null
  }
}

const OFFICE_DOCUMENT = /\/officeDocument$/
const WORKSHEET = /\/worksheet$/
const SHARED_STRINGS = /\/sharedStrings$/

/**
 * Excel shows at most 15 significant digits; what a formula stores beyond them is binary noise
 * (=0.6*60+0.4*61 is stored as 60.400000000000006 and shown as 60.4). Take the value as shown.
 */
export const asDisplayed = (n: number): number => (Number.isFinite(n) && n !== 0 ? Number(n.toPrecision(15)) : n)

/** The names of the sheets in a workbook, in the order of its tabs, and whether each is hidden. */
function workbookSheets(part: (p: string) => string | null) {
  const root = relationships(part('_rels/.rels'), '')
  const workbookPath = root.find((r) => OFFICE_DOCUMENT.test(r.type))?.target || 'xl/workbook.xml'
  const workbook = part(workbookPath)
  if (!workbook) throw new Error('不是有效的 .xlsx 文件')
  const rels = relationships(part(relsPartOf(workbookPath)), workbookPath)
  const sheets = [...unprefix(workbook).matchAll(/<sheet\s[^>]*>/g)].map((m) => {
    const rid = relId(m[0]) ?? ''
    return {
      name: cellText(attr(m[0], 'name') ?? ''),
      hidden: /hidden/i.test(attr(m[0], 'state') ?? ''),
      path: rels.find((r) => r.id === rid && WORKSHEET.test(r.type))?.target ?? rels.find((r) => r.id === rid)?.target ?? '',
    }
  })
  const sharedPath = rels.find((r) => SHARED_STRINGS.test(r.type))?.target ?? resolveTarget(workbookPath, 'sharedStrings.xml')
  return { sheets, sharedPath }
}

/** The names of the sheets (tabs) of an .xlsx file, hidden ones left out. */
export function xlsxSheetNames(bytes: Uint8Array): string[] {
  return workbookSheets(openPackage(bytes))
    .sheets.filter((s) => !s.hidden)
    .map((s) => s.name)
}

/**
 * Reads the first visible sheet (or the one named) of an .xlsx file into rows of text and numbers. Row i of the
 * result is row i + 1 as Excel numbers it, so "第N行" means the same in a message and on screen; empty rows
 * are empty arrays.
 */
export function readXlsx(bytes: Uint8Array, sheetName?: string): Cell[][] {
  const part = openPackage(bytes)
  const { sheets, sharedPath } = workbookSheets(part)
  const chosen = sheetName ? sheets.find((s) => s.name === sheetName) : (sheets.find((s) => !s.hidden) ?? sheets[0])
  if (!chosen) throw new Error(sheetName ? `找不到工作表：${sheetName}` : '工作簿里没有工作表')
  const raw = chosen.path ? part(chosen.path) : null
  if (!raw) throw new Error('工作表内容缺失')
  const sheet = unprefix(raw)
  const shared = [...unprefix(part(sharedPath) ?? '').matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => texts(m[1] ?? ''))
  const data = /<sheetData\b[^>]*?(?:\/>|>([\s\S]*?)<\/sheetData>)/.exec(sheet)?.[1] ?? ''

  const rows: Cell[][] = []
  let lastRow = 0
  // A row may be written empty and self-closed (`<row r="5" ht="20" customHeight="1"/>`, a formatted blank line):
  // it must neither be skipped in the numbering nor take the next row's cells.
  for (const rowMatch of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rAttr = Number(attr(rowMatch[1], 'r'))
    const r = Number.isInteger(rAttr) && rAttr > 0 ? rAttr : lastRow + 1
    lastRow = r
    const row: Cell[] = []
    let lastCol = -1
    for (const c of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(c[1], 'r')
      const col = ref && /^[A-Za-z]+\d*$/.test(ref) ? columnIndex(ref.toUpperCase()) : lastCol + 1
      lastCol = col
      const type = attr(c[1], 't')
      const inner = c[2] ?? ''
      const vm = /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/.exec(inner)
      const v = vm ? (vm[1] ?? '') : undefined
      let value: Cell = null
      if (type === 's') value = v !== undefined && v.trim() !== '' ? (shared[Number(v)] ?? '') : null
      else if (type === 'inlineStr') value = texts(inner)
      else if (type === 'str' || type === 'e' || type === 'd') value = v !== undefined ? cellText(v) : null
      else if (type === 'b') value = v === undefined || v.trim() === '' ? null : v.trim() === '1' ? 'TRUE' : 'FALSE'
      // A number cell with an empty <v/> is blank, not 0 (a blank read as 0 would be a silent wrong score).
      else if (v !== undefined && v.trim() !== '') {
        const n = Number(v)
        // Fifteen characters hold at most fifteen digits: only a longer value can carry a tail to round away.
        value = Number.isFinite(n) ? (v.length > 15 ? asDisplayed(n) : n) : cellText(v)
      }
      if (value === null) continue
      while (row.length < col) row.push(null)
      row[col] = value
    }
    while (rows.length < r - 1) rows.push([])
    rows[r - 1] = row
  }
  return rows
}

/**
 * Reads CSV (RFC 4180 quoting, CRLF or LF, optional BOM) into rows of text. Row i of the result is row i + 1 as
 * Excel shows the file: a blank line stays (as an empty row) so that later row numbers do not shift; only blank
 * lines at the end are dropped.
 */
export function readCsv(text: string): Cell[][] {
  const s = text.replace(/^\ufeff/, '')
  const rows: Cell[][] = []
  let row: Cell[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  const blank = (r: Cell[]) => !r.some((c) => c !== '')
  while (rows.length && blank(rows[rows.length - 1])) rows.pop()
  return rows.map((r) => (blank(r) ? [] : r))
}

/** Whether bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF). */
export function isUtf8(bytes: Uint8Array): boolean {
  let i = 0
  const n = bytes.length
  while (i < n) {
    const b = bytes[i]
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lo = 0xa0
      if (b === 0xed) hi = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lo = 0x90
      if (b === 0xf4) hi = 0x8f
    } else return false
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined) return false
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return false
    }
    i += need + 1
  }
  return true
}

const NOT_UTF8 = 'CSV 不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8”，或直接上传 .xlsx'

/**
 * Decodes CSV bytes: UTF-8 (with or without a BOM) when the bytes are valid UTF-8, else GBK as Excel on a
 * Chinese Windows saves "CSV (逗号分隔)". Without TextDecoder (WeChat's JS runtime has none) UTF-8 is decoded
 * by fflate and GBK by the `gbk` decoder the caller passes (a table that lives in the subpackage that needs it);
 * without either, the message says how to save the file instead.
 */
export function decodeCsvBytes(bytes: Uint8Array, gbk?: (bytes: Uint8Array) => string): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  if (bom || isUtf8(bytes)) return strFromU8(bom ? bytes.subarray(3) : bytes)
  if (gbk) return gbk(bytes)
  if (typeof TextDecoder !== 'undefined') {
    try {
      return new TextDecoder('gbk').decode(bytes)
    } catch {
      // an engine without GBK falls through to the message
    }
  }
  throw new Error(NOT_UTF8)
}
