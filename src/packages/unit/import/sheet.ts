// From the bytes of the unit's own spreadsheet to what the server previews, and from the preview to the saves.
import type { UnitScorePreview } from '@/core/api-types'
import { parseUnitScoreTable, type ParsedTable } from '@/core/unit-score-table'
import { decodeCsvBytes, readCsv, readXlsx } from '@/lib/xlsx'
import { decodeGbk } from './gbk'

export interface PickedFile {
  name: string
  bytes: Uint8Array
}

/** CSV text: UTF-8 when the bytes are UTF-8, else GBK (Excel's "CSV (逗号分隔)" on a Chinese Windows), on any platform. */
export const csvText = (bytes: Uint8Array): string => decodeCsvBytes(bytes, decodeGbk)

/** Reads an .xlsx or .csv file into score candidates; problems with the file as a whole come back in `errors`. */
export function readScoreSheet(file: PickedFile): ParsedTable {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase()
  try {
    if (ext === 'xlsx') return parseUnitScoreTable(readXlsx(file.bytes))
    if (ext === 'csv') return parseUnitScoreTable(readCsv(csvText(file.bytes)))
  } catch (err) {
    return { candidates: [], errors: [err instanceof Error ? err.message : '文件读取失败'] }
  }
  return {
    candidates: [],
    errors: [ext === 'xls' ? '暂不支持旧版 .xls 文件：请在 Excel 或 WPS 中另存为 .xlsx 后再选择' : '请选择 .xlsx 或 .csv 文件'],
  }
}

export interface ImportBatch {
  fullScale: number
  scores: { memberId: string; score: number }[]
}

/** `unitScore.import` takes one full scale per call: the matched rows grouped by theirs, in first-seen order. */
export function importBatches(matched: UnitScorePreview['matched']): ImportBatch[] {
  const groups = new Map<number, ImportBatch>()
  for (const m of matched) {
    const key = Math.round(m.fullScale * 100)
    const g = groups.get(key) ?? { fullScale: m.fullScale, scores: [] }
    g.scores.push({ memberId: m.memberId, score: m.raw })
    groups.set(key, g)
  }
  return [...groups.values()]
}
