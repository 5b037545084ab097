import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import ScopeGate from '@/components/ScopeGate'
import Field from '@/components/Field'
import ScopeBar from '@/components/ScopeBar'
import { useAction, useScope } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { currentYear } from '@/utils/format'
import DoneCard from './DoneCard'
import MemberPicker from './MemberPicker'
import { useAdjustment } from './useAdjustment'
import './index.scss'

/**
 * 审计调整: the county's correction of a member's year score. After 定稿 this is the only way to correct a year,
 * so it works for a locked year too; every adjustment is a ledger entry plus an audit record, with a reason.
 */
export default function Adjustment() {
  const scope = useScope('county_admin')
  const scopeId = scope.scopeId
  const members = useAction('member.list', scopeId ? { scopeId, status: 'active' } : null, [scopeId])
  const orgs = useAction('org.list', scopeId ? { kind: 'estate' } : null, [scopeId])
  const [query, setQuery] = useState('')
  const [memberId, setMemberId] = useState<string | null>(null)
  const [yearText, setYearText] = useState(String(currentYear()))

  const year = Number(yearText)
  const yearOk = /^\d{4}$/.test(yearText.trim()) && year >= 2000 && year <= 2100
  const settings = useAction('settings.get', scopeId && yearOk ? { year } : null, [scopeId, year, yearOk])
  const locked = yearOk && settings.data?.year === year && settings.data.locked

  const estateName = new Map((orgs.data ?? []).map((o) => [o.id, o.name]))
  const person = (members.data ?? []).find((m) => m.id === memberId) ?? null
  const form = useAdjustment(person, year, yearOk, !!locked)

  const again = () => {
    form.clearDone()
    setMemberId(null)
    setQuery('')
  }

  return (
    <ScopeGate scope={scope} empty={{ title: '仅县委组织部可用', hint: '定稿后的更正由县委组织部以留痕的审计调整进行。' }}>
      {() =>
        form.done ? (
          <DoneCard done={form.done} onAgain={again} />
        ) : (
          <View className='page adjustment'>
            <ScopeBar label='范围' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
            <View className='notice'>
              审计调整用于定稿后的更正（也可用于未定稿的年度）：追加一条调整流水，原记录保留；须写明理由，操作人、时间与理由记入审计日志。
            </View>

            <View className='card'>
              <Field label='年度'>
                <Input
                  className={cx('field-input', hook('adjustment-year'))}
                  type='number'
                  maxlength={4}
                  value={yearText}
                  onInput={(e) => setYearText(e.detail.value)}
                />
              </Field>
              {locked ? (
                <Text className={cx('adjustment__state adjustment__state--locked', hook('adjustment-locked'))}>
                  {year} 年度已定稿锁定：更正只能通过审计调整。
                </Text>
              ) : yearOk && settings.data?.year === year ? (
                <Text className={cx('hint', hook('adjustment-open'))}>{year} 年度尚未定稿。</Text>
              ) : null}
            </View>

            <MemberPicker members={members} estateName={estateName} query={query} onQuery={setQuery} person={person} onPick={setMemberId} />

            <View className='card'>
              <Field label='调整分值（加分为正，减分为负）'>
                <Input
                  className={cx('field-input', hook('adjustment-points'))}
                  type='text'
                  maxlength={7}
                  value={form.pointsText}
                  placeholder='如 +2.5 或 -1'
                  onInput={(e) => form.setPointsText(e.detail.value)}
                />
              </Field>
              <Field label='调整理由（必填）'>
                <Textarea
                  className={cx('field-textarea', hook('adjustment-reason'))}
                  value={form.reason}
                  maxlength={500}
                  placeholder='写明依据：如 申诉复核结论、文件编号、原记录错误的情况'
                  onInput={(e) => form.setReason(e.detail.value)}
                />
              </Field>
              {form.refusal ? (
                <View className={cx('adjustment__error', hook('adjustment-error'))}>
                  <Text className='adjustment__error-title'>未能记录调整</Text>
                  <Text className={hook('adjustment-error-message')}>{form.refusal.message}</Text>
                </View>
              ) : null}
              <Button
                className={cx('btn btn-primary', hook('adjustment-submit'))}
                disabled={form.busy || undefined}
                loading={form.busy}
                onClick={form.submit}
              >
                记录审计调整
              </Button>
            </View>
          </View>
        )
      }
    </ScopeGate>
  )
}
