import { useState } from 'react'
import Taro from '@tarojs/taro'
import { buildSaveBody, type Draft } from '@/components/RulesetEditor'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo } from '@/services/feedback'
import { currentYear } from '@/utils/format'

/** The estate's versions for a year, the county template to draft from, and the draft being edited with its save. */
export function useEstateRuleset() {
  const scope = useScope('estate_secretary')
  const estateBranchId = scope.scopeId
  const [year, setYear] = useState(currentYear)
  const got = useAction('ruleset.get', estateBranchId ? { estateBranchId, year } : null, [estateBranchId, year])
  const tpl = useAction('ruleset.template', estateBranchId ? { year } : null, [estateBranchId, year])
  usePullRefresh(async () => {
    await Promise.all([got.reload(), tpl.reload()])
  })
  const [draft, setDraft] = useState<Draft | null>(null)
  // The draft whose adoption form is open (a draft just saved opens it straight away).
  const [adopting, setAdopting] = useState<string | null>(null)
  const { busy, run } = useBusy()

  const data = got.data && !Array.isArray(got.data) && 'versions' in got.data ? got.data : null
  const current = got.data?.current ?? null
  const versions = [...(data?.versions ?? [])].sort((a, b) => b.version - a.version)
  const drafts = versions.filter((v) => v.status === 'draft')
  const history = versions.filter((v) => v.status === 'adopted' && v.id !== current?.id)

  const save = async () => {
    if (!draft || !estateBranchId) return
    const built = buildSaveBody(draft, estateBranchId, year)
    if (built.error !== undefined) {
      Taro.showModal({ title: '请检查', content: built.error, showCancel: false, confirmText: '知道了' })
      return
    }
    await run(async () => {
      const r = await callAction('ruleset.save', built.body)
      showInfo(`已保存为第 ${r.version} 版草稿`)
      setDraft(null)
      setAdopting(r.rulesetId)
      await got.reload()
    })
  }

  return { scope, year, setYear, got, tpl, draft, setDraft, adopting, setAdopting, busy, save, current, drafts, history }
}
