import { useMemo, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import CheckBox from '@/components/CheckBox'
import AsyncView from '@/components/AsyncView'
import type { EmptyStateProps } from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { callAction } from '@/services/api'
import { dateTimeText } from '@/utils/format'
import { useSelection } from '../selection'
import { useBusy } from '@/hooks/useBusy'
import { bulkProblem } from '@/utils/bulk'
import MoveRequests from './MoveRequests'
import { cx, hook } from '@/utils/cx'
import { showInfo } from '@/services/feedback'
import './index.scss'
import { a11y } from '@/utils/a11y'

// Also what a user without an estate sees: nothing was asked, so there is nothing yet.
const NONE: EmptyStateProps = {
  className: hook('members-empty'),
  title: '没有待审核的报到',
  hint: '与党员名册不一致的报到会出现在这里；名册一致的会自动生效。下拉可刷新。',
}

/** 成员与报到: registrations that did not match the roster wait here for the secretary, with move requests below. */
export default function Members() {
  const scope = useScope('estate_secretary')
  const body = scope.scopeId ? { scopeId: scope.scopeId } : null
  const pending = useAction('member.list', body ? { ...body, status: 'pending' } : null, [scope.scopeId])
  const active = useAction('member.list', body ? { ...body, status: 'active' } : null, [scope.scopeId])
  usePullRefresh(pending.reload, active.reload)
  const rows = pending.data ?? []
  const ids = useMemo(() => rows.map((r) => r.id), [rows])
  const sel = useSelection(ids)
  const [reason, setReason] = useState('')
  const { busy, run } = useBusy()

  const decide = async (decision: 'approve' | 'reject') => {
    const problem = bulkProblem(sel.selected.length, '请先勾选报到申请', reason, decision === 'reject' ? '驳回' : null)
    if (problem) return showInfo(problem)
    await run(async () => {
      await callAction('member.review', { memberIds: sel.selected, decision, ...(reason.trim() ? { reason: reason.trim() } : {}) })
      showInfo(decision === 'approve' ? `已通过 ${sel.selected.length} 人` : `已驳回 ${sel.selected.length} 人`)
      sel.clear()
      setReason('')
      await Promise.all([pending.reload(), active.reload()])
    })
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>

  return (
    <View className='page members'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <View className='section-title'>
        <Text>待审核的报到</Text>
        <Text className='muted'>已报到 {(active.data ?? []).length} 人</Text>
      </View>
      <AsyncView state={pending} waiting={scope.loading} skeleton={{ cards: 2 }} isEmpty={(d) => d.length === 0} empty={NONE} idle={NONE}>
        {() => (
          <View>
            <View className='card members__bar'>
              <CheckBox className={hook('members-select-all')} checked={sel.all} onChange={sel.toggleAll} label={`全选（共 ${rows.length} 人）`} />
            </View>
            <View className='card'>
              {rows.map((m) => (
                <View
                  {...a11y('checkbox', { checked: sel.has(m.id) })}
                  className={cx('members__item', hook('members-item'), sel.has(m.id) && hook('is-checked'))}
                  key={m.id}
                  onClick={() => sel.toggle(m.id)}
                >
                  <CheckBox className={hook('members-checkbox')} checked={sel.has(m.id)} onChange={() => sel.toggle(m.id)} />
                  <View className='members__main'>
                    <Text className='members__name'>{m.name}</Text>
                    <Text className='muted'>
                      {m.phone} · 单位支部 {m.unitBranchId}
                      {m.registeredAt ? ` · ${dateTimeText(m.registeredAt)}` : ''}
                    </Text>
                  </View>
                </View>
              ))}
            </View>
            <View className='card'>
              <Input
                className={cx('field-input', hook('members-reason'))}
                value={reason}
                maxlength={200}
                placeholder='驳回理由（驳回时必填）'
                onInput={(e) => setReason(e.detail.value)}
              />
              <View className='btn-row'>
                <Button className={cx('btn btn-primary', hook('members-approve'))} disabled={busy || undefined} onClick={() => decide('approve')}>
                  通过（{sel.selected.length}）
                </Button>
                <Button className={cx('btn btn-plain', hook('members-reject'))} disabled={busy || undefined} onClick={() => decide('reject')}>
                  驳回
                </Button>
              </View>
            </View>
          </View>
        )}
      </AsyncView>
      {scope.scopeId ? <MoveRequests estateBranchId={scope.scopeId} onMoved={active.reload} /> : null}
    </View>
  )
}
