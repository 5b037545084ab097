import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import EmptyState from '@/components/EmptyState'
import ReasonDialog from '@/components/ReasonDialog'
import ScopeBar from '@/components/ScopeBar'
import ScopeGate from '@/components/ScopeGate'
import type { RfApplicationView } from '@/core/api-types'
import { useAction, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showSuccess } from '@/services/feedback'
import { a11y } from '@/utils/a11y'
import { cx, hook } from '@/utils/cx'
import { AssessmentRows, SnapshotRows } from '../FigureRows'
import { campaignYear, statusText } from '../shared'
import '../index.scss'

/**
 * 社区把关 and 街道审核: a community admin endorses or returns (with a reason) each submitted application; a street admin
 * ranks the endorsed ones, notes the 实地评估 of each pick and recommends at most the street's quota by the deadline.
 */
export default function Review() {
  const scope = useScope(['community_admin', 'street_admin'])
  const scopeId = scope.scopeId
  const year = campaignYear()
  const isStreet = scope.me?.roles.some((r) => r.role === 'street_admin' && r.scopeId === scopeId) ?? false
  const list = useAction('redflag.list', scopeId ? { year, scopeId } : null, [scopeId])
  const campaign = useAction('redflag.campaignGet', scopeId ? { year } : null, [scopeId])
  const quota = campaign.data?.streets.find((s) => s.streetId === scopeId)?.quota
  const [returning, setReturning] = useState<RfApplicationView | null>(null)
  const [picks, setPicks] = useState<string[] | null>(null)
  const [notes, setNotes] = useState<Record<string, string>>({})
  const { busy, run } = useBusy()
  const apps = list.data?.applications ?? []
  const chosen =
    picks ??
    apps
      .filter((a) => a.status === 'recommended')
      .sort((x, y) => (x.streetRank ?? 0) - (y.streetRank ?? 0))
      .map((a) => a.estateBranchId)

  const review = (a: RfApplicationView, decision: 'endorse' | 'return', reason?: string) =>
    run(async () => {
      await callAction('redflag.review', { year, estateBranchId: a.estateBranchId, decision, reason })
      showSuccess(decision === 'endorse' ? '已同意上报' : '已退回')
      setReturning(null)
      await list.reload()
    })
  const toggle = (id: string) => setPicks(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id])
  const up = (id: string) => {
    const i = chosen.indexOf(id)
    if (i > 0) setPicks([...chosen.slice(0, i - 1), id, chosen[i - 1], ...chosen.slice(i + 1)])
  }
  const recommend = () =>
    run(async () => {
      if (!scopeId) return
      const noteOf = (id: string) => notes[id]?.trim() || apps.find((a) => a.estateBranchId === id)?.streetNote || ''
      await callAction('redflag.recommend', { year, streetId: scopeId, picks: chosen.map((id) => ({ estateBranchId: id, note: noteOf(id) })) })
      showSuccess('推荐名单已提交')
      setPicks(null)
      await list.reload()
    })

  return (
    <ScopeGate scope={scope} empty={{ title: '仅社区、街道管理员可用', hint: '社区把关申报，街道审核推荐。' }}>
      {() => (
        <View className='page rf'>
          <ScopeBar label='范围' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
          {isStreet ? (
            <View className='notice'>
              本街道最多推荐 {quota ?? '—'} 个小区；推荐截止 {campaign.data?.deadline ?? '—'}。勾选并排序，写明实地评估意见后提交。
            </View>
          ) : null}
          {apps.length === 0 && !list.loading ? <EmptyState title={`${year} 年度暂无申报`} /> : null}
          {apps.map((a) => (
            <View key={a.applicationId} className={cx('card', hook('rf-application'))}>
              <View className='rf__row'>
                <Text className='rf__title'>{a.estateName}</Text>
                <Text className={cx('rf__status', hook('rf-application-status'))}>{statusText(a)}</Text>
              </View>
              <SnapshotRows snapshot={a.snapshot} />
              <AssessmentRows application={a} criteria={campaign.data?.criteria} />
              {!isStreet && a.status === 'submitted' ? (
                <View className='btn-row'>
                  <Button className={cx('btn btn-plain', hook('rf-return'))} disabled={busy || undefined} onClick={() => setReturning(a)}>
                    退回
                  </Button>
                  <Button className={cx('btn btn-primary', hook('rf-endorse'))} disabled={busy || undefined} onClick={() => review(a, 'endorse')}>
                    同意上报
                  </Button>
                </View>
              ) : null}
              {isStreet && (a.status === 'endorsed' || a.status === 'recommended') ? (
                <View>
                  <View className='rf__row'>
                    <Text
                      className={cx('link', hook('rf-pick'))}
                      {...a11y('checkbox', { checked: chosen.includes(a.estateBranchId), label: `推荐 ${a.estateName}` })}
                      onClick={() => toggle(a.estateBranchId)}
                    >
                      {chosen.includes(a.estateBranchId) ? `☑ 推荐第 ${chosen.indexOf(a.estateBranchId) + 1} 名` : '☐ 推荐'}
                    </Text>
                    {chosen.indexOf(a.estateBranchId) > 0 ? (
                      <Text className='link' {...a11y('button', { label: `${a.estateName} 上移` })} onClick={() => up(a.estateBranchId)}>
                        上移
                      </Text>
                    ) : null}
                  </View>
                  {chosen.includes(a.estateBranchId) ? (
                    <Input
                      className={cx('field-input', hook('rf-note'))}
                      value={notes[a.estateBranchId] ?? a.streetNote ?? ''}
                      placeholder='实地评估意见'
                      onInput={(e) => setNotes({ ...notes, [a.estateBranchId]: e.detail.value })}
                    />
                  ) : null}
                </View>
              ) : null}
            </View>
          ))}
          {isStreet && apps.some((a) => a.status === 'endorsed' || a.status === 'recommended') ? (
            <Button className={cx('btn btn-primary', hook('rf-recommend'))} disabled={busy || undefined} loading={busy} onClick={recommend}>
              提交推荐名单（{chosen.length} / {quota ?? '—'}）
            </Button>
          ) : null}
          <ReasonDialog
            open={returning !== null}
            title={`退回 ${returning?.estateName ?? ''} 的申报`}
            hint='小区书记将看到退回理由，修改后可重新提交。'
            busy={busy}
            onConfirm={(reason) => returning && review(returning, 'return', reason)}
            onCancel={() => setReturning(null)}
            className={hook('rf-return-dialog')}
          />
        </View>
      )}
    </ScopeGate>
  )
}
