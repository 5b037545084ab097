// The job kinds (docs/DESIGN.md#jobs): each one a file in this folder, all driven by the same runner.
import { exportKind } from './export'
import { importKind } from './import'
import { createJobs, type KindTable } from './runner'

export const JOB_KIND_TABLE: KindTable = {
  export: exportKind,
  import: importKind,
}

export const jobs = createJobs(JOB_KIND_TABLE)
