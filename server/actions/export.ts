// .xlsx exports (docs/DESIGN.md#jobs). Every export is an export job (server/jobs/export.ts): it reads the scope a
// page at a time, keeps its rows in parts between steps, writes the workbook into file storage and answers a file id
// and a temporary link. `export.start` starts one for the app to drive with job.step, whatever the scope's size;
// `export.xlsx` runs the same job to its end in one call and also answers the bytes, for what fits in an answer.
// Both show exactly what the screens show the caller, with the same scope checks and the same phone masking.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { jobs } from '../jobs'
import { continuesInBackground } from '../jobs/runner'
import { XLSX_MIME, exportJobFor } from '../jobs/export'

/** Above this an answer of base64 would not fit a cloud function's answer: export.start serves any size. */
export const MAX_INLINE_BYTES = 4 * 1024 * 1024

export async function exportStart(b: BodyOf<'export.start'>, ctx: Ctx, deps: Deps) {
  return jobs.view(await jobs.start(await exportJobFor(b, ctx, deps), ctx, deps), deps)
}

export async function exportXlsx(b: BodyOf<'export.xlsx'>, ctx: Ctx, deps: Deps) {
  const job = await jobs.runToEnd(await exportJobFor(b, ctx, deps), ctx, deps)
  if (job.status === 'running') continuesInBackground(job, '导出')
  if (job.status !== 'done' || !job.file) return fail('CONFLICT', job.error?.message ?? '导出未能完成，请重试')
  const { fileId, name, bytes } = job.file
  // A cloud function answer is limited in size; beyond this the file is still there, by its link.
  if (bytes > (deps.inlineAnswerBytes ?? MAX_INLINE_BYTES)) fail('CONFLICT', '导出内容过大，请使用导出作业下载，或缩小范围（如按街道或社区分别导出）')
  const content = await deps.files.read(fileId)
  if (!content) return fail('CONFLICT', '导出文件读取失败，请重试')
  const url = (await deps.files.urls([fileId])).get(fileId)
  return {
    filename: name,
    mime: XLSX_MIME,
    rows: job.counts.rows ?? 0,
    base64: Buffer.from(content).toString('base64'),
    fileId,
    ...(url ? { url } : {}),
  }
}
