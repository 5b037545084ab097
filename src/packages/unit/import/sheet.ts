// From the bytes of the unit's own spreadsheet to what the server previews, and from the preview to the saves.
import { strFromU8 } from 'fflate'
import type { UnitScorePreview } from '@/core/api-types'
import { parseUnitScoreTable, type ParsedTable } from '@/core/unit-score-table'
import { decodeCsvBytes, readCsv, readXlsx } from '@/lib/xlsx'

export interface PickedFile {
  name: string
  bytes: Uint8Array
}

/** CSV text: TextDecoder where the platform has one (browsers), fflate's UTF-8 decoder where it does not. */
function csvText(bytes: Uint8Array): string {
  if (typeof TextDecoder !== 'undefined') return decodeCsvBytes(bytes)
  return strFromU8(bytes)
}

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
