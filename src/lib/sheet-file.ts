// A picked spreadsheet file (.xlsx or .csv) to its cells: one reader for the unit secretary's 单位积分 sheets and the
// county admin's roster, so both accept the same files and say the same things about the ones they cannot read.
import { strFromU8 } from 'fflate'
import { type Cell, decodeCsvBytes, readCsv, readXlsx } from './xlsx'

export interface PickedFile {
  name: string
  bytes: Uint8Array
}

/** CSV text: TextDecoder where the platform has one (browsers), fflate's UTF-8 decoder where it does not. */
function csvText(bytes: Uint8Array): string {
  if (typeof TextDecoder !== 'undefined') return decodeCsvBytes(bytes)
  return strFromU8(bytes)
}

/** The first sheet's cells, or why the file cannot be read (in words for the person who chose it). */
export function readSheetCells(file: PickedFile): { cells: Cell[][] } | { error: string } {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase()
  try {
    if (ext === 'xlsx') return { cells: readXlsx(file.bytes) }
    if (ext === 'csv') return { cells: readCsv(csvText(file.bytes)) }
  } catch (err) {
    return { error: err instanceof Error ? err.message : '文件读取失败' }
  }
  return { error: ext === 'xls' ? '暂不支持旧版 .xls 文件：请在 Excel 或 WPS 中另存为 .xlsx 后再选择' : '请选择 .xlsx 或 .csv 文件' }
}
