import { useMemo, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AttendanceView } from '@/core/api-types'
import CheckBox from '@/components/CheckBox'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { callAction, rowsOf } from '@/services/api'
import { showError } from '@/services/feedback'
import { dateTimeText, flagText } from '@/utils/format'
import { groupBy, useSelection } from '../selection'
import './index.scss'

export default function Review() {
  const scope = useScope('estate_secretary')
  const list = useAction('attendance.list', scope.scopeId ? { estateBranchId: scope.scopeId, status: 'pending' } : null, [scope.scopeId])
  usePullRefresh(list.reload)
  const rows = rowsOf(list.data)
  const ids = useMemo(() => rows.map((r) => r.id), [rows])
  const sel = useSelection(ids)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)

  const decide = async (decision: 'approve' | 'reject') => {
    if (!sel.selected.length) {
      Taro.showToast({ title: '请先勾选要审核的签到', icon: 'none' })
      return
    }
    if (decision === 'reject' && !reason.trim()) {
      Taro.showToast({ title: '驳回需填写理由', icon: 'none' })
      return
    }
    setBusy(true)
    try {
      const r = await callAction('attendance.review', {
        attendanceIds: sel.selected,
        decision,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      })
      const parts = [r.approved ? `通过 ${r.approved} 条` : '', r.rejected ? `驳回 ${r.rejected} 条` : '', r.skipped ? `跳过 ${r.skipped} 条（已被处理）` : '']
      Taro.showToast({ title: parts.filter(Boolean).join('，') || '没有需要处理的记录', icon: 'none', duration: 2500 })
      sel.clear()
      setReason('')
      await list.reload()
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>

  const groups = groupBy(rows, (r) => r.activityId)
  return (
    <View className='page review'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      {list.error && !list.data ? (
        <ErrorView error={list.error} onRetry={list.reload} />
      ) : scope.loading || (list.loading && !list.data) ? (
        <Skeleton cards={3} />
      ) : rows.length === 0 ? (
        <EmptyState className='review-empty' title='没有待审核的签到' hint='未获取位置、补交或静态码的签到会出现在这里。下拉可刷新。' />
      ) : (
        <View>
          <View className='review__bar card'>
            <CheckBox className='review-select-all' checked={sel.all} onChange={sel.toggleAll} label={`全选（共 ${rows.length} 条）`} />
            <Text className='muted review-selected-count'>已选 {sel.selected.length}</Text>
          </View>
          {groups.map(([activityId, items]) => (
            <View className='card review__group review-group' key={activityId}>
              <View className='review__group-head'>
                <CheckBox
                  className='review-group-select'
                  checked={items.every((i) => sel.has(i.id))}
                  onChange={(on) => sel.set(items.map((i) => i.id), on)}
                  label={`${items[0].activityTitle}（${items.length}）`}
                />
              </View>
              {items.map((a) => (
                <AttendanceRow key={a.id} a={a} checked={sel.has(a.id)} onToggle={() => sel.toggle(a.id)} />
              ))}
            </View>
          ))}
          <View className='review__actions card'>
            <Input className='field-input review-reason' value={reason} maxlength={200} placeholder='驳回理由（驳回时必填）' onInput={(e) => setReason(e.detail.value)} />
            <View className='btn-row'>
              <Button className='btn btn-primary review-approve' disabled={busy || undefined} onClick={() => decide('approve')}>
                通过（{sel.selected.length}）
              </Button>
              <Button className='btn btn-plain review-reject' disabled={busy || undefined} onClick={() => decide('reject')}>
                驳回
              </Button>
            </View>
          </View>
        </View>
      )}
    </View>
  )
}

function AttendanceRow({ a, checked, onToggle }: { a: AttendanceView; checked: boolean; onToggle: () => void }) {
  return (
    <View className={`review__item review-item ${checked ? 'is-checked' : ''}`} onClick={onToggle}>
      <CheckBox className='review-checkbox' checked={checked} onChange={onToggle} />
      <View className='review__item-main'>
        <Text className='review__name'>
          {a.memberName} <Text className='muted'>{a.phone}</Text>
        </Text>
        <Text className='muted'>
          签到 {dateTimeText(a.checkinAt)}
          {a.checkoutAt ? ` · 签退 ${dateTimeText(a.checkoutAt)}` : ''}
        </Text>
        {a.flags.length ? (
          <View className='review__flags'>
            {a.flags.map((f) => (
              <Text className='review__flag' key={f}>
                {flagText(f)}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  )
}
