import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo } from '@/services/feedback'
import { bulkProblem } from '@/utils/bulk'
import { useSelection } from '../selection'

export type ReviewTab = 'pending' | 'approved' | 'rejected' | 'revoked'
export type GroupMode = 'activity' | 'member'

/** The records of one tab, the selection and reason over them, and the bulk approve / reject / revoke. */
export function useReview() {
  const scope = useScope('estate_secretary')
  const [tab, setTab] = useState<ReviewTab>('pending')
  const [groupMode, setGroupMode] = useState<GroupMode>('activity')
  const list = useAction('attendance.list', scope.scopeId ? { estateBranchId: scope.scopeId, status: tab } : null, [scope.scopeId, tab])
  usePullRefresh(list.reload)
  // Rows of the tab just left are never shown under the new one while it loads.
  const loaded = list.data ?? []
  const rows = useMemo(() => loaded.filter((r) => r.status === tab), [loaded, tab])
  const switching = list.loading && loaded.some((r) => r.status !== tab)
  const ids = useMemo(() => (tab === 'rejected' || tab === 'revoked' ? [] : rows.map((r) => r.id)), [rows, tab])
  const sel = useSelection(ids)
  const [reason, setReason] = useState('')
  const { busy, run } = useBusy()

  const switchTab = (next: ReviewTab) => {
    if (next === tab) return
    sel.clear()
    setReason('')
    setTab(next)
  }

  const done = async (message: string) => {
    showInfo(message)
    sel.clear()
    setReason('')
    await list.reload()
  }

  const decide = async (decision: 'approve' | 'reject') => {
    const problem = bulkProblem(sel.selected.length, '请先勾选要审核的签到', reason, decision === 'reject' ? '驳回' : null)
    if (problem) return showInfo(problem)
    await run(async () => {
      const r = await callAction('attendance.review', {
        attendanceIds: sel.selected,
        decision,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      })
      const parts = [
        r.approved ? `通过 ${r.approved} 条` : '',
        r.rejected ? `驳回 ${r.rejected} 条` : '',
        r.skipped ? `跳过 ${r.skipped} 条（已被处理）` : '',
      ]
      await done(parts.filter(Boolean).join('，') || '没有需要处理的记录')
    })
  }

  const revoke = async () => {
    const problem = bulkProblem(sel.selected.length, '请先勾选要撤销的签到', reason, '撤销')
    if (problem) return showInfo(problem)
    const ok = await Taro.showModal({
      title: '撤销已通过的签到',
      content: `撤销 ${sel.selected.length} 条签到：将追加冲正流水扣回积分，原记录保留。`,
      confirmText: '撤销',
    })
    if (!ok.confirm) return
    await run(async () => {
      const r = await callAction('attendance.revoke', { attendanceIds: sel.selected, reason: reason.trim() })
      const parts = [r.revoked ? `已撤销 ${r.revoked} 条` : '', r.skipped ? `跳过 ${r.skipped} 条（已被处理）` : '']
      await done(parts.filter(Boolean).join('，') || '没有需要撤销的记录')
    })
  }

  return { scope, tab, switchTab, groupMode, setGroupMode, list, rows, switching, sel, reason, setReason, busy, decide, revoke }
}

export type Review = ReturnType<typeof useReview>
