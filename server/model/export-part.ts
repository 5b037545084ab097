/**
 * A chunk of an export's rows, written by the job's `rows` phase and read back by its `write` phase
 * (docs/DESIGN.md#jobs). The id `<jobId>_<n>` is deterministic: a repeated step overwrites the same part.
 */
export interface ExportPartDoc {
  _id: string
  jobId: string
  n: number
  /** The sheet row number of the first row here (1 is the header). */
  first: number
  /** The rows' cells (text, numbers, empty), as src/lib/xlsx writes them. */
  rows: (string | number | null)[][]
}
