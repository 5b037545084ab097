// From the bytes of the unit's own spreadsheet to what the server previews, and from the preview to the saves.
import type { UnitScorePreview } from '@/core/api-types'
import { chunkByBytes } from '@/core/chunks'
import { UNIT_SCORE_IMPORT_ROWS } from '@/core/contracts'
import { parseUnitScoreTable, type ParsedTable, type ScoreCandidate } from '@/core/unit-score-table'
import { type PickedFile, readSheetCells } from '@/lib/sheet-file'

export type { PickedFile } from '@/lib/sheet-file'
import { decodeGbk } from './gbk'

/** Reads an .xlsx or .csv file into score candidates; problems with the file as a whole come back in `errors`. */
export function readScoreSheet(file: PickedFile): ParsedTable {
  const read = readSheetCells(file, decodeGbk)
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

/** Rows per `unitScore.preview` call (and the byte limit): a sheet of thousands of rows is previewed in parts. */
export const PREVIEW_CHUNK_ROWS = 500

export const previewParts = (candidates: ScoreCandidate[]): ScoreCandidate[][] => chunkByBytes(candidates, PREVIEW_CHUNK_ROWS)

/**
 * The previews of consecutive parts of one sheet as one: matches and problems in row order, a member matched by an
 * earlier part turned into a problem (each part only knows its own rows), and as unscored only the members every
 * part found unscored.
 */
export function mergePreviews(parts: UnitScorePreview[]): UnitScorePreview {
  if (parts.length === 1) return parts[0]
  const matched: UnitScorePreview['matched'] = []
  const problems: UnitScorePreview['problems'] = []
  const seen = new Map<string, number>()
  for (const p of parts) {
    problems.push(...p.problems)
    for (const m of p.matched) {
      const earlier = seen.get(m.memberId)
      if (earlier !== undefined)
        problems.push({ line: m.line, name: m.name, memberId: m.memberId, reason: `与第 ${earlier} 行是同一名党员（${m.name}）` })
      else {
        seen.set(m.memberId, m.line)
        matched.push(m)
      }
    }
  }
  const everywhere = parts.slice(1).reduce((acc, p) => {
    const ids = new Set(p.unscored.map((u) => u.memberId))
    return acc.filter((u) => ids.has(u.memberId))
  }, parts[0]?.unscored ?? [])
  return { matched, problems: problems.sort((a, b) => a.line - b.line), unscored: everywhere }
}

/** The save calls of an import: one full scale per call, at most UNIT_SCORE_IMPORT_ROWS scores each. */
export function importCalls(matched: UnitScorePreview['matched']): ImportBatch[] {
  return importBatches(matched).flatMap((b) => chunkByBytes(b.scores, UNIT_SCORE_IMPORT_ROWS).map((scores) => ({ fullScale: b.fullScale, scores })))
}
