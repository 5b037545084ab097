// A picked spreadsheet file (.xlsx or .csv) to its cells: one reader for the unit secretary's 单位积分 sheets and the
// county admin's roster, so both accept the same files and say the same things about the ones they cannot read.
import { type Cell, decodeCsvBytes, readCsv, readXlsx } from './xlsx'

export interface PickedFile {
  name: string
  bytes: Uint8Array
}

/**
 * The first sheet's cells, or why the file cannot be read (in words for the person who chose it). CSV is UTF-8 when
 * its bytes are, else GBK (Excel's "CSV (逗号分隔)" on a Chinese Windows) through `gbk` — a decoder the caller's
 * subpackage carries (WeChat's JS runtime has no TextDecoder; the table is too big for the main package).
 */
export function readSheetCells(file: PickedFile, gbk?: (bytes: Uint8Array) => string): { cells: Cell[][] } | { error: string } {
  const csvText = (bytes: Uint8Array) => decodeCsvBytes(bytes, gbk)
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase()
  try {
    if (ext === 'xlsx') return { cells: readXlsx(file.bytes) }
    if (ext === 'csv') return { cells: readCsv(csvText(file.bytes)) }
  } catch (err) {
    return { error: err instanceof Error ? err.message : '文件读取失败' }
  }
  return { error: ext === 'xls' ? '暂不支持旧版 .xls 文件：请在 Excel 或 WPS 中另存为 .xlsx 后再选择' : '请选择 .xlsx 或 .csv 文件' }
}
