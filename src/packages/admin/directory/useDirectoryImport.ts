import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { ImportProblem } from '@/core/api-types'
import { chunkRows, parseRosterTable } from '@/core/roster-table'
import type { RosterRow } from '@/core/contracts'
import { useBusy } from '@/hooks/useBusy'
import { useJob } from '@/hooks/useJob'
import { type PickedFile, readSheetCells } from '@/lib/sheet-file'
import { callAction } from '@/services/api'

export interface Loaded {
  fileName: string
  rows: RosterRow[]
  errors: string[]
}

export interface ProblemPage {
  page: number
  pages: number
  problems: ImportProblem[]
}

/**
 * The roster import's steps (docs/DESIGN.md#directory-import): the file is read on the phone, uploaded in chunks to
 * a preview job that checks every row, the problems are shown page by page, and on confirmation an apply job writes
 * the rows. Both jobs are driven with useJob, so leaving the page and coming back picks up where it was.
 */
export function useDirectoryImport() {
  const preview = useJob('import:directory')
  const apply = useJob('import:directory:apply')
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [uploaded, setUploaded] = useState<{ done: number; of: number } | null>(null)
  const [problems, setProblems] = useState<ProblemPage | null>(null)
  const paging = useBusy()

  const previewJob = preview.job
  const previewDone = previewJob?.status === 'done' ? previewJob : null

  const loadProblems = useCallback(
    async (jobId: string, page: number) => {
      await paging.run(async () => {
        setProblems(await callAction('admin.importProblems', { jobId, page }))
      })
    },
    [paging.run],
  )

  // A finished preview (just now, or found again after coming back) shows its first page of problems.
  const previewId = previewDone?.id
  const problemCount = previewDone?.counts.problems ?? 0
  useEffect(() => {
    if (previewId && problemCount > 0) void loadProblems(previewId, 0)
    else setProblems(null)
  }, [previewId, problemCount, loadProblems])

  const onPicked = async (file: PickedFile) => {
    apply.clear()
    preview.clear()
    setProblems(null)
    const read = readSheetCells(file)
    const parsed = 'error' in read ? { rows: [], errors: [read.error] } : parseRosterTable(read.cells)
    const l: Loaded = { fileName: file.name, rows: parsed.rows, errors: parsed.errors }
    setLoaded(l)
    if (l.errors.length) return
    const chunks = chunkRows(l.rows)
    await preview.start(async () => {
      const job = await callAction('admin.importStart', { fileName: file.name.slice(-100), rows: l.rows.length })
      setUploaded({ done: 0, of: chunks.length })
      try {
        for (const [index, rows] of chunks.entries()) {
          await callAction('admin.importChunk', { jobId: job.id, index, rows })
          setUploaded({ done: index + 1, of: chunks.length })
        }
      } finally {
        setUploaded(null)
      }
      return callAction('job.get', { jobId: job.id })
    })
  }

  const confirm = async () => {
    if (!previewDone) return
    const c = previewDone.counts
    const writes = (c.created ?? 0) + (c.updated ?? 0)
    const parts = [`将新增 ${c.created ?? 0} 人、更新 ${c.updated ?? 0} 人，${c.unchanged ?? 0} 人未变。`]
    if (c.problems) parts.push(`有问题的 ${c.problems} 行不会导入，可改正后再导入。`)
    if (!writes) parts.push('没有需要写入的行。')
    const { confirm: ok } = await Taro.showModal({ title: '确认导入', content: parts.join(''), confirmText: '确认导入' })
    if (!ok) return
    await apply.start(() => callAction('admin.importApply', { jobId: previewDone.id }))
  }

  const showPage = (page: number) => {
    if (previewDone) void loadProblems(previewDone.id, page)
  }

  return {
    loaded,
    uploaded,
    previewJob,
    previewDone,
    problems,
    paging: paging.busy,
    showPage,
    applyJob: apply.job,
    busy: preview.running || apply.running || uploaded !== null,
    onPicked,
    confirm,
  }
}
