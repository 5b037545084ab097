// A resumable job (docs/DESIGN.md#jobs): work that grows with the county's size — 核算, 定稿, exports, directory
// import — is done in bounded steps. The job document holds everything a step needs to carry on: the kind's
// parameters, its cursor and working state, the progress counts, and a lease so that two drivers (the app and the
// timer) never work the same job at once.
import type { JobKind, JobStatus } from '../../src/core/api-types'

export interface JobDoc<P = Record<string, unknown>, S = Record<string, unknown>> {
  _id: string
  kind: JobKind
  status: JobStatus
  /** The kind's own phase name (e.g. score → rank → lock); shown to the person as the step label. */
  phase: string
  /** What the job was started with, validated at start (a step never re-reads the request). */
  params: P
  /** The kind's cursor and working state, saved after every step. */
  state: S
  /** Work units finished / in all (members, rows); `total` null while unknown. */
  done: number
  total: number | null
  /** Figures the kind reports (e.g. complete, incomplete, created, skipped). */
  counts: Record<string, number>
  /** The org the job works on (authorization is re-checked against it on every step). */
  scopeId: string
  startedBy: string
  startedAt: number
  updatedAt: number
  finishedAt: number | null
  steps: number
  /** Until when the driver named by `leaseBy` works on it; 0 when no step is running. */
  lease: number
  leaseBy: string
  /** A finished export's file. */
  file: { fileId: string; name: string; bytes: number } | null
  error: { code: string; message: string } | null
}
