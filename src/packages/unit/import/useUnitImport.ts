import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { UnitScorePreview } from '@/core/api-types'
import type { ScoreCandidate } from '@/core/unit-score-table'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { currentYear, parseScore } from '@/utils/format'
import { importCalls, mergePreviews, previewParts, readScoreSheet, type PickedFile } from './sheet'

/** A unit branch of thousands fits; each call takes a bounded part of the sheet. */
const MAX_ROWS = 20000

export interface Loaded {
  fileName: string
  candidates: ScoreCandidate[]
  errors: string[]
}

export interface ImportTotals {
  imported: number
  created: number
  updated: number
}

/** A matched row whose stored score it would replace with a different one. */
export const overwrites = (m: UnitScorePreview['matched'][number]): boolean =>
  m.previous !== null && Math.round(m.previous * 100) !== Math.round(m.unitScore * 100)

/**
 * The import's steps: a picked file is read and previewed (again after the year or the full scale changed), and
 * on confirmation the matched rows are saved, one call per full scale.
 */
export function useUnitImport(unitBranchId: string | null) {
  const [year, setYear] = useState(currentYear)
  const [scaleText, setScaleText] = useState('100')
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [preview, setPreview] = useState<UnitScorePreview | null>(null)
  const [stale, setStale] = useState(false)
  const [done, setDone] = useState<ImportTotals | null>(null)
  const previewing = useBusy()
  const importing = useBusy()

  const scale = parseScore(scaleText)

  const runPreview = async (l: Loaded, y = year) => {
    if (!unitBranchId) return
    if (scale === null || scale <= 0) return showInfo('单位满分需为正数，最多两位小数')
    setPreview(null)
    await previewing.run(async () => {
      // A large sheet is previewed in parts (each call bounded in rows and bytes), merged into one preview.
      const parts = []
      for (const rows of previewParts(l.candidates))
        parts.push(await callAction('unitScore.preview', { unitBranchId, year: y, fullScale: scale, rows }))
      setPreview(mergePreviews(parts))
      setStale(false)
    })
  }

  const onPicked = async (file: PickedFile) => {
    setDone(null)
    setPreview(null)
    const parsed = readScoreSheet(file)
    const errors = [...parsed.errors]
    if (parsed.candidates.length > MAX_ROWS) errors.push(`一次最多导入 ${MAX_ROWS} 行，请把表格分成几份`)
    const l: Loaded = { fileName: file.name, candidates: parsed.candidates, errors }
    setLoaded(l)
    if (!errors.length) await runPreview(l)
  }

  // A change of year or full scale makes the preview out of date until it is run again.
  const changed =
    <T>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      if (preview) setStale(true)
    }

  const confirmImport = async () => {
    if (!unitBranchId || !preview || !preview.matched.length) return
    const overwrite = preview.matched.filter(overwrites).length
    const parts = [`将导入 ${preview.matched.length} 人的单位积分。`]
    if (overwrite) parts.push(`其中 ${overwrite} 人会覆盖原有积分。`)
    if (preview.problems.length) parts.push(`有问题的 ${preview.problems.length} 行不会导入，可改正后再导入。`)
    const { confirm } = await Taro.showModal({ title: '确认导入', content: parts.join(''), confirmText: '确认导入' })
    if (!confirm) return
    const total: ImportTotals = { imported: 0, created: 0, updated: 0 }
    await importing.run(async () => {
      try {
        for (const batch of importCalls(preview.matched)) {
          const r = await callAction('unitScore.import', { unitBranchId, year, fullScale: batch.fullScale, scores: batch.scores })
          total.imported += r.imported ?? batch.scores.length
          total.created += r.created ?? 0
          total.updated += r.updated ?? 0
        }
      } catch (err) {
        // The batches saved before the failure stay saved: say so, then the error.
        if (total.imported) setDone(total)
        throw err
      }
      setDone(total)
      setPreview(null)
      setLoaded(null)
      showSuccess(`已导入 ${total.imported} 人`)
    })
  }

  return {
    year,
    setYear: changed(setYear),
    scaleText,
    setScaleText: changed(setScaleText),
    loaded,
    preview,
    stale,
    done,
    previewing: previewing.busy,
    importing: importing.busy,
    onPicked,
    repreview: () => loaded && runPreview(loaded),
    confirmImport,
  }
}
