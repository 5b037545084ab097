// From the bytes of the unit's own spreadsheet to what the server previews, and from the preview to the saves.
import type { UnitScorePreview } from '@/core/api-types'
import { parseUnitScoreTable, type ParsedTable } from '@/core/unit-score-table'
import { type PickedFile, readSheetCells } from '@/lib/sheet-file'

export type { PickedFile } from '@/lib/sheet-file'

/** Reads an .xlsx or .csv file into score candidates; problems with the file as a whole come back in `errors`. */
export function readScoreSheet(file: PickedFile): ParsedTable {
  const read = readSheetCells(file)
  if ('error' in read) return { candidates: [], errors: [read.error] }
  return parseUnitScoreTable(read.cells)
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
