import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ACTIONS } from '@/core/contracts'
import type { MemberView } from '@/core/api-types'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import { useAction, useScope } from '@/hooks'
import { callAction, rowsOf, type RequestOf } from '@/services/api'
import { toActionError, type ActionError } from '@/services/errors'
import { currentYear, maskedPhone, parseSignedScore, signedPoints } from '@/utils/format'
import { searchMembers } from './search'
import './index.scss'

interface Done {
  entryId: string
  points: number
  name: string
  memberId: string
  year: number
  locked: boolean
}

/** A member as the search shows them: name, then 党员编号 · masked phone · estate. */
function MemberLine({ m, estateName }: { m: MemberView; estateName: Map<string, string> }) {
  return (
    <>
      <Text className='adjustment__name'>{m.name}</Text>
      <Text className='muted'>
        {m.id} · {maskedPhone(m.phone)}
        {m.estateBranchId ? ` · ${estateName.get(m.estateBranchId) ?? m.estateBranchId}` : ''}
      </Text>
    </>
  )
}

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
  const [pointsText, setPointsText] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<ActionError | null>(null)
  const [done, setDone] = useState<Done | null>(null)

  const year = Number(yearText)
  const yearOk = /^\d{4}$/.test(yearText.trim()) && year >= 2000 && year <= 2100
  const settings = useAction('settings.get', scopeId && yearOk ? { year } : null, [scopeId, year, yearOk])
  const locked = yearOk && settings.data?.year === year && settings.data.locked

  const people = rowsOf(members.data)
  const estateName = new Map(rowsOf(orgs.data).map((o) => [o.id, o.name]))
  const person = people.find((m) => m.id === memberId) ?? null
  const matches = person ? [] : searchMembers(people, query)

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!scopeId) return <View className='page'>{<EmptyState title='仅县委组织部可用' hint='定稿后的更正由县委组织部以留痕的审计调整进行。' />}</View>

  const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

  const submit = async () => {
    setRefusal(null)
    if (!person) return toast('请先查找并选择党员')
    if (!yearOk) return toast('请输入正确的年度')
    const points = parseSignedScore(pointsText)
    if (points === null || points === 0) return toast('调整分值应为非零数，最多两位小数，如 +2.5 或 -1')
    if (points < -100 || points > 100) return toast('调整分值应在 -100 到 100 之间')
    const why = reason.trim()
    if (why.length < 5) return toast('请写明调整理由（至少 5 个字）')
    const body: RequestOf<'adjustment.record'> = { memberId: person.id, year, points, reason: why }
    try {
      ACTIONS['adjustment.record'].body.parse(body, '')
    } catch (err) {
      return toast(err instanceof Error ? err.message : '请检查填写内容')
    }
    const { confirm } = await Taro.showModal({
      title: '确认审计调整',
      content: `给 ${person.name}（${person.id}）${year} 年度积分调整 ${signedPoints(points)} 分。\n理由：${why}\n调整将追加一条调整流水并写入审计日志（操作人、时间、理由留痕），不能撤回。确定吗？`,
      confirmText: '确认调整',
      confirmColor: '#c8161d',
    })
    if (!confirm) return
    setBusy(true)
    try {
      const r = await callAction('adjustment.record', body)
      setDone({ entryId: r.entryId, points: r.points, name: person.name, memberId: person.id, year, locked: !!locked })
      setPointsText('')
      setReason('')
    } catch (err) {
      setRefusal(toActionError(err))
    } finally {
      setBusy(false)
    }
  }

  const again = () => {
    setDone(null)
    setMemberId(null)
    setQuery('')
  }

  if (done) {
    return (
      <View className='page adjustment'>
        <View className='card adjustment__done adjustment-done'>
          <Text className='section-title'>已记录审计调整</Text>
          <Text className={`adjustment__points adjustment-done-points ${done.points < 0 ? 'adjustment__points--neg' : ''}`}>
            {signedPoints(done.points)}
          </Text>
          <Text className='adjustment-done-who'>
            {done.name}（{done.memberId}）· {done.year} 年度
          </Text>
          <Text className='hint adjustment-done-audit'>
            已留痕：调整流水 {done.entryId} 已写入审计日志（操作人、时间与理由），本人在“我的积分”流水中可见，不能删除或修改。
          </Text>
          {done.locked ? (
            <Text className='hint adjustment-done-locked'>
              {done.year} 年度已定稿，本次调整即定稿后的更正，已计入该年度的积分、排名与导出；定稿时的核算结果作为签发快照保留。
            </Text>
          ) : null}
          <Button className='btn btn-plain adjustment-again' onClick={again}>
            继续调整
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='page adjustment'>
      <ScopeBar label='范围' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <View className='notice'>
        审计调整用于定稿后的更正（也可用于未定稿的年度）：追加一条调整流水，原记录保留；须写明理由，操作人、时间与理由记入审计日志。
      </View>

      <View className='card'>
        <View className='field'>
          <Text className='field-label'>年度</Text>
          <Input className='field-input adjustment-year' type='number' maxlength={4} value={yearText} onInput={(e) => setYearText(e.detail.value)} />
        </View>
        {locked ? (
          <Text className='adjustment__state adjustment__state--locked adjustment-locked'>{year} 年度已定稿锁定：更正只能通过审计调整。</Text>
        ) : yearOk && settings.data?.year === year ? (
          <Text className='hint adjustment-open'>{year} 年度尚未定稿。</Text>
        ) : null}
      </View>

      <View className='card'>
        <Text className='section-title'>党员</Text>
        {members.error && !members.data ? (
          <ErrorView error={members.error} onRetry={members.reload} />
        ) : !members.data ? (
          <Skeleton cards={1} />
        ) : person ? (
          <View className='adjustment__picked adjustment-picked'>
            <View className='adjustment__picked-main'>
              <MemberLine m={person} estateName={estateName} />
            </View>
            <Text className='link adjustment-change' onClick={() => setMemberId(null)}>
              更换
            </Text>
          </View>
        ) : (
          <View>
            <Input
              className='field-input adjustment-search'
              value={query}
              maxlength={20}
              placeholder='输入姓名、手机号后四位或党员编号'
              onInput={(e) => setQuery(e.detail.value)}
            />
            {query.trim() && matches.length === 0 ? <Text className='hint adjustment-no-match'>范围内没有匹配的已报到党员。</Text> : null}
            {matches.map((m) => (
              <View key={m.id} className='adjustment__match adjustment-match' onClick={() => setMemberId(m.id)}>
                <MemberLine m={m} estateName={estateName} />
              </View>
            ))}
          </View>
        )}
      </View>

      <View className='card'>
        <View className='field'>
          <Text className='field-label'>调整分值（加分为正，减分为负）</Text>
          <Input
            className='field-input adjustment-points'
            type='text'
            maxlength={7}
            value={pointsText}
            placeholder='如 +2.5 或 -1'
            onInput={(e) => setPointsText(e.detail.value)}
          />
        </View>
        <View className='field'>
          <Text className='field-label'>调整理由（必填）</Text>
          <Textarea
            className='field-textarea adjustment-reason'
            value={reason}
            maxlength={500}
            placeholder='写明依据：如 申诉复核结论、文件编号、原记录错误的情况'
            onInput={(e) => setReason(e.detail.value)}
          />
        </View>
        {refusal ? (
          <View className='adjustment__error adjustment-error'>
            <Text className='adjustment__error-title'>未能记录调整</Text>
            <Text className='adjustment-error-message'>{refusal.message}</Text>
          </View>
        ) : null}
        <Button className='btn btn-primary adjustment-submit' disabled={busy || undefined} loading={busy} onClick={submit}>
          记录审计调整
        </Button>
      </View>
    </View>
  )
}
