// Reading the county's roster file for the chunked directory import (docs/DESIGN.md#directory-import): find the
// columns by their header (the same names the unit score sheets use for name, phone and member id), turn each data
// row into a RosterRow, flag what can be told from the file alone (a member id twice, a cell the server would refuse
// outright), and cut the rows into chunks that fit one call. Everything else is checked by the server, row by row.
import { CHUNK_BODY_BUDGET, chunkByBytes } from './chunks'
import { IMPORT_CHUNK_ROWS, IMPORT_MAX_ROWS, type RosterRow } from './contracts'
import { AppError } from './errors'
import { s } from './schema'
import { clean, HEADERS, type TableCell } from './unit-score-table'

const ROSTER_HEADERS = {
  id: HEADERS.memberId,
  name: HEADERS.name,
  phone: HEADERS.phone,
  unitBranchId: /^(单位党支部|单位党支部编号|单位支部|单位支部编号|unitbranchid)$/i,
  estateBranchId: /^(小区党支部|小区党支部编号|小区支部|小区支部编号|estatebranchid)$/i,
}
type Column = keyof typeof ROSTER_HEADERS
const COLUMNS = Object.keys(ROSTER_HEADERS) as Column[]
const LABEL: Record<Column, string> = { id: '党员编号', name: '姓名', phone: '手机号', unitBranchId: '单位党支部', estateBranchId: '小区党支部' }

export interface ParsedRoster {
  rows: RosterRow[]
  /** Problems with the file as a whole (no header, a required column missing, too many rows). */
  errors: string[]
}

/** A cell as the chunk schema takes it (≤ 100 characters of plain text), or why not. */
function checkCell(column: Column, text: string): string | null {
  try {
    s.str({ label: LABEL[column], min: 0, max: 100 }).parse(text, 'cell')
    return null
  } catch (err) {
    if (err instanceof AppError) return err.message.replace('（cell）', '')
    throw err
  }
}

export function parseRosterTable(table: TableCell[][]): ParsedRoster {
  const headerIndex = table.findIndex((r) => r.some((c) => ROSTER_HEADERS.id.test(clean(c))) && r.some((c) => ROSTER_HEADERS.name.test(clean(c))))
  if (headerIndex < 0) return { rows: [], errors: ['找不到表头：第一行需写明 党员编号、姓名、手机号、单位党支部（可选：小区党支部）'] }
  const header = table[headerIndex].map(clean)
  const at = Object.fromEntries(COLUMNS.map((k) => [k, header.findIndex((h) => ROSTER_HEADERS[k].test(h))])) as Record<Column, number>
  const missing = (['id', 'name', 'phone', 'unitBranchId'] as const).filter((k) => at[k] < 0)
  if (missing.length) return { rows: [], errors: [`缺少“${missing.map((k) => LABEL[k]).join('”“')}”列`] }

  const rows: RosterRow[] = []
  const firstLine = new Map<string, number>()
  table.slice(headerIndex + 1).forEach((cells, i) => {
    if (!cells.some((c) => clean(c) !== '')) return
    const row: RosterRow = { line: headerIndex + i + 2 }
    for (const k of COLUMNS) {
      if (at[k] < 0) continue
      let text = clean(cells[at[k]])
      if (k === 'phone') text = text.replace(/[\s-]/g, '')
      if (text === '') continue
      const bad = checkCell(k, text)
      if (bad) row.problem = row.problem ?? bad
      else row[k] = text
    }
    if (!row.problem && row.id) {
      const earlier = firstLine.get(row.id)
      if (earlier !== undefined) row.problem = `与第 ${earlier} 行的党员编号重复：${row.id}`
      else firstLine.set(row.id, row.line)
    }
    rows.push(row)
  })
  const errors: string[] = []
  if (rows.length === 0) errors.push('表中没有数据行')
  if (rows.length > IMPORT_MAX_ROWS) errors.push(`一个名册最多 ${IMPORT_MAX_ROWS} 行，请分成几个文件`)
  return { rows, errors }
}

/** Cuts rows into chunks of at most IMPORT_CHUNK_ROWS rows whose body stays within the byte limit. */
export const chunkRows = (rows: RosterRow[], budget = CHUNK_BODY_BUDGET): RosterRow[][] => chunkByBytes(rows, IMPORT_CHUNK_ROWS, budget)

export { CHUNK_BODY_BUDGET }
