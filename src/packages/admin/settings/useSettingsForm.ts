import { useEffect, useState } from 'react'
import type { SettingsView } from '@/core/api-types'
import { useAction } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { type BandDraft, validateBands, validateWeights } from './validate'

export interface Form {
  unit: string
  estate: string
  bands: BandDraft[]
  holidays: string[]
  extraWorkdays: string[]
  honourList: boolean
}

const formOf = (s: SettingsView): Form => ({
  unit: String(s.weights.unit),
  estate: String(s.weights.estate),
  bands: s.bands.map((b) => ({ name: b.name, min: String(b.min) })),
  holidays: s.holidays,
  extraWorkdays: s.extraWorkdays,
  honourList: s.honourList,
})

/** The year's settings as an editable form, checked as it is typed, and saved as a whole. */
export function useSettingsForm(scopeId: string | null, year: number) {
  const got = useAction('settings.get', scopeId ? { year } : null, [scopeId, year])
  const [form, setForm] = useState<Form | null>(null)
  const { busy, run } = useBusy()
  useEffect(() => {
    if (got.data && got.data.year === year) setForm(formOf(got.data))
  }, [got.data, year])

  const s = got.data?.year === year ? got.data : undefined
  const weights = form ? validateWeights(form.unit, form.estate) : null
  const bands = form ? validateBands(form.bands) : null
  const weightError = weights && 'error' in weights ? weights.error : null
  const bandError = bands && 'error' in bands ? bands.error : null
  const set = (patch: Partial<Form>) => form && setForm({ ...form, ...patch })

  const save = async () => {
    if (!form || !weights || !bands) return
    if ('error' in weights || 'error' in bands) return showInfo(('error' in weights ? weights.error : '') || ('error' in bands ? bands.error : ''))
    await run(async () => {
      const next = await callAction('settings.set', {
        year,
        weights: weights.weights,
        bands: bands.bands,
        holidays: form.holidays,
        extraWorkdays: form.extraWorkdays,
        honourList: form.honourList,
      })
      setForm(formOf(next))
      showSuccess('设置已保存')
      await got.reload()
    })
  }

  // The page waits for both the year's settings and the form made from them.
  const ready = s && form ? { s, form } : undefined
  return { state: { ...got, data: ready }, set, weightError, bandError, busy, save }
}
