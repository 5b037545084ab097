import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { buildTemplateBody, type Draft, draftFrom, templateLabel } from '@/components/RulesetEditor'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo } from '@/services/feedback'
import { currentYear } from '@/utils/format'

/** The county template of a year in the editor, saved with `ruleset.saveTemplate` (no 党员大会, no adoption). */
export function useTemplateDraft() {
  const scope = useScope('county_admin')
  const county = scope.scopeId
  const [year, setYear] = useState(currentYear)
  const tpl = useAction('ruleset.template', county ? { year } : null, [county, year])
  usePullRefresh(tpl.reload)
  const [draft, setDraft] = useState<Draft | null>(null)
  const { busy, run } = useBusy()
  // Each answer (another year, a reload, the one after saving) starts the editor over from what is stored.
  useEffect(() => {
    setDraft(tpl.data ? draftFrom(tpl.data, templateLabel(tpl.data)) : null)
  }, [tpl.data])

  const reset = () => tpl.data && setDraft(draftFrom(tpl.data, templateLabel(tpl.data)))

  const save = async () => {
    if (!draft) return
    const built = buildTemplateBody(draft, year)
    if (built.error !== undefined) {
      Taro.showModal({ title: '请检查', content: built.error, showCancel: false, confirmText: '知道了' })
      return
    }
    await run(async () => {
      await callAction('ruleset.saveTemplate', built.body)
      showInfo(`${year} 年度县级模板已保存`)
      await tpl.reload()
    })
  }

  return { scope, year, setYear, tpl, draft, setDraft, busy, save, reset }
}
