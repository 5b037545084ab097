// Directory import as a job (docs/DESIGN.md#directory-import). The app reads the roster file itself and pushes it in
// chunks (`admin.importChunk`, each checked row by row when it arrives and stored with its problems), so the job's
// units never see the request: they work on the stored chunks.
// - preview: sums the chunks' forecasts (a few fields, one read per 1,000 chunks); done once every row up to the declared
//   total has arrived, in order. While a chunk is missing it waits (the app is still uploading); an upload
//   abandoned for a day fails.
// - apply (`admin.importApply`, a second job with an id derived from the preview's): one unit writes one chunk —
//   re-checked against the directory as it is then — in one transaction with the chunk's `applied` mark, so a repeated
//   unit finds the mark and only adds the counts it recorded. ≤ 250 rows → ≤ ~260 database requests per unit.
import { fail } from '../../src/core/errors'
import { requireScope } from '../context/authz'
import { auditDoc } from '../context/audit'
import { keyId } from '../context/ids'
import type { ImportCounts } from '../model/import'
import { MAX_PAGE } from '../ports/store.port'
import { requireCounty } from '../queries/orgs'
import { addCounts, checkRosterChunk } from '../services/directory'
import { finish, type JobKindDef } from './runner'

export interface ImportParams {
  mode: 'preview' | 'apply'
  fileName: string
  /** Rows the app declared (preview) or the preview counted (apply). */
  rows: number
  /** apply: the preview job whose chunks it writes. */
  previewJobId?: string
  /** apply: how many chunks the preview counted. */
  chunks?: number
}

export interface ImportState {
  /** preview, when done: the chunks with problems (the app pages them) and how many chunks there are. */
  problemChunks?: number[]
  chunks?: number
  /** apply: the next chunk to write. */
  next?: number
}

/** An upload nobody finished within a day is abandoned (the page that had the file is long gone). */
export const UPLOAD_TTL_MS = 24 * 3600_000

export const chunkId = (previewJobId: string, index: number) => keyId('IC', previewJobId, String(index))
export const applyJobId = (previewJobId: string) => keyId('JB_', 'import-apply', previewJobId)

const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US')
const summary = (c: Record<string, number>) => `新增 ${n(c.created)}，更新 ${n(c.updated)}，未变 ${n(c.unchanged)}，问题 ${n(c.problems)} 行`

export const importKind: JobKindDef<ImportParams, ImportState> = {
  kind: 'import',
  label(job) {
    const preview = job.params.mode === 'preview'
    if (job.status === 'done') return `${preview ? '预检完成：可' : '导入完成：'}${summary(job.counts)}`
    if (job.status === 'failed') return preview ? '预检未完成' : '导入未完成'
    return preview ? `已收到 ${n(job.done)} / ${n(job.total ?? 0)} 行，逐行预检` : `已导入 ${n(job.done)} / ${n(job.total ?? 0)} 行`
  },
  async authorize(_job, ctx, deps) {
    // Any county admin may follow and drive an import (the timer included); only its starter may upload to it, page
    // its problems or apply it (server/actions/admin.ts).
    requireScope(ctx, ['county_admin'], await requireCounty(deps.store), '名册导入')
  },
  async unit(job, ctx, deps) {
    if (job.params.mode === 'preview') {
      // Three fields of every chunk, a page of 1,000 per read (an upload has at most one chunk per row: ≤ 50 reads).
      const heads: { index: number; rowCount: number; preview: ImportCounts }[] = []
      let after: string | undefined
      for (;;) {
        const page = await deps.store.findPage(
          'importChunks',
          { jobId: job._id },
          { fields: ['index', 'rowCount', 'preview'], limit: MAX_PAGE, after },
        )
        heads.push(...page)
        if (page.length < MAX_PAGE) break
        after = page[page.length - 1]._id
      }
      const byIndex = new Map(heads.map((h) => [h.index, h]))
      const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, problems: 0 }
      const problemChunks: number[] = []
      let rows = 0
      let i = 0
      for (let h = byIndex.get(0); h; h = byIndex.get(++i)) {
        rows += h.rowCount
        addCounts(counts as unknown as Record<string, number>, h.preview)
        if (h.preview.problems > 0) problemChunks.push(h.index)
      }
      job.done = Math.min(rows, job.params.rows)
      if (rows > job.params.rows) fail('VALIDATION', `上传的行数（${rows}）多于登记的总行数（${job.params.rows}），请重新选择文件导入`)
      if (rows < job.params.rows) {
        if (deps.clock.now() - job.startedAt > UPLOAD_TTL_MS) fail('CONFLICT', '名册上传一天内没有完成，已作废；请重新选择文件导入')
        return 'wait'
      }
      job.counts = { ...counts }
      job.state = { problemChunks, chunks: i }
      finish(job, deps.clock.now())
      return
    }
    const previewJobId = job.params.previewJobId ?? ''
    const index = job.state.next ?? 0
    const id = chunkId(previewJobId, index)
    const chunk = await deps.store.get('importChunks', id)
    if (!chunk) return fail('NOT_FOUND', `导入的第 ${index + 1} 块已清理，请重新选择文件导入`)
    let counts = chunk.applied?.counts
    if (!counts) {
      const checked = await checkRosterChunk(chunk.rows, deps, deps.clock.now())
      counts = checked.counts
      const applied = { jobId: job._id, counts }
      counts = await deps.store.transaction(async (tx) => {
        const cur = await tx.get('importChunks', id)
        // Another driver wrote this chunk meanwhile (its lease expired): keep its counts, write nothing.
        if (cur?.applied) return cur.applied.counts
        for (const m of checked.writes) await tx.set('members', m)
        await tx.set('importChunks', { ...chunk, applied })
        await tx.create('audit', auditDoc(ctx, 'admin.importApply', `${previewJobId}#${index}`, null, { ...applied.counts }))
        return applied.counts
      })
    }
    addCounts(job.counts, counts)
    job.done = Math.min(job.done + chunk.rowCount, job.total ?? job.done + chunk.rowCount)
    job.state = { next: index + 1 }
    if (index + 1 >= (job.params.chunks ?? 0)) finish(job, deps.clock.now())
  },
}
