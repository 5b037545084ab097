// The job kinds (docs/DESIGN.md#jobs): each one a file in this folder, all driven by the same runner.
import { exportKind } from './export'
import { importKind } from './import'
import { finaliseKind } from './finalise'
import { createJobs, type KindTable } from './runner'
import { tallyKind } from './tally'

export const JOB_KIND_TABLE: KindTable = { tally: tallyKind, finalise: finaliseKind, export: exportKind, import: importKind }

export const jobs = createJobs(JOB_KIND_TABLE)
