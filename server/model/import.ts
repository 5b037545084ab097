// One chunk of a chunked directory import (docs/DESIGN.md#directory-import): the rows the app read from the roster
// file, what the preview found wrong with each, and — once an apply job has written it — that job's counts. The id is
// deterministic per (preview job, index), so a repeated upload finds its chunk and a repeated apply unit finds it applied.
import type { ImportProblem } from '../../src/core/api-types'
import type { RosterRow } from '../../src/core/contracts'

/** What applying a chunk did (or, in the preview, would do) to the directory. */
export interface ImportCounts {
  created: number
  updated: number
  unchanged: number
  problems: number
}

export interface ImportChunkDoc {
  _id: string
  /** The preview job the chunk was uploaded to. */
  jobId: string
  index: number
  rows: RosterRow[]
  rowCount: number
  /** The preview's findings, in row order (the app pages them per chunk). */
  problems: ImportProblem[]
  /** The preview's forecast. */
  preview: ImportCounts
  /** Set in the same transaction as the chunk's members are written: by which apply job, with what counts. */
  applied: { jobId: string; counts: ImportCounts } | null
  uploadedAt: number
}
