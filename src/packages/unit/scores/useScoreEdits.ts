import { useState } from 'react'
import type { UnitScoreRow } from '@/core/api-types'
import { chunkByBytes } from '@/core/chunks'
import { UNIT_SCORE_IMPORT_ROWS } from '@/core/contracts'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { parseScore, score2 } from '@/utils/format'

const hundredths = (n: number) => Math.round(n * 100)

/**
 * The unit's scores as typed: each field shows what is stored (the member's raw score, the unit's full scale) until
 * the secretary edits it; saving sends only the rows that changed, all on the one full scale.
 */
export function useScoreEdits(rows: UnitScoreRow[], unitBranchId: string | null, year: number, reload: () => Promise<void>) {
  const [edits, setEdits] = useState<Record<string, string>>({})
  const [scaleEdit, setScaleEdit] = useState<string | null>(null)
  const { busy, run } = useBusy()
  // The full scale is stored on each row (the answer has no page-wide one): the first row that has one shows it.
  const storedScale = rows.find((r) => r.fullScale !== null)?.fullScale
  const fullScale = scaleEdit ?? (storedScale ? score2(storedScale).replace(/\.00$/, '') : '100')
  const inputs: Record<string, string> = {}
  for (const r of rows) inputs[r.memberId] = edits[r.memberId] ?? (r.raw === null ? '' : score2(r.raw))

  const save = async () => {
    const scale = parseScore(fullScale)
    if (scale === null || scale <= 0) return showInfo('单位满分需为正数，最多两位小数')
    const scores: { memberId: string; score: number }[] = []
    for (const r of rows) {
      const text = (inputs[r.memberId] ?? '').trim()
      if (!text) continue
      const score = parseScore(text)
      if (score === null || score > scale) return showInfo(`${r.name} 的积分应为 0–${scale}，最多两位小数`)
      const unchanged =
        r.raw !== null && hundredths(r.raw) === hundredths(score) && r.fullScale !== null && hundredths(r.fullScale) === hundredths(scale)
      if (!unchanged) scores.push({ memberId: r.memberId, score })
    }
    if (!scores.length) return showInfo('没有新的积分需要保存')
    await run(async () => {
      // Each call saves at most UNIT_SCORE_IMPORT_ROWS (a branch of thousands is saved in several calls).
      for (const part of chunkByBytes(scores, UNIT_SCORE_IMPORT_ROWS))
        await callAction('unitScore.import', { unitBranchId: unitBranchId as string, year, fullScale: scale, scores: part })
      showSuccess(`已保存 ${scores.length} 人`)
      await reload()
      setEdits({})
      setScaleEdit(null)
    })
  }

  return {
    fullScale,
    setFullScale: setScaleEdit,
    inputs,
    edit: (memberId: string, text: string) => setEdits({ ...edits, [memberId]: text }),
    busy,
    save,
  }
}
