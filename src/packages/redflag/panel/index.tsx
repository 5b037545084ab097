import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import EmptyState from '@/components/EmptyState'
import Field from '@/components/Field'
import ScopeGate from '@/components/ScopeGate'
import type { RfApplicationView, RfCampaignView } from '@/core/api-types'
import { useAction, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { parseScore } from '@/utils/format'
import { AssessmentRows, SnapshotRows } from '../FigureRows'
import { campaignYear } from '../shared'
import '../index.scss'

/**
 * 评选组 (panel reviewers; the county admin reads along): every street-recommended application with its frozen
 * figures and 实地评估 note, the reviewer's score per criterion (0 … weight) and objection, the panel's exact average,
 * the ranking by it and every objection.
 */
export default function Panel() {
  const scope = useScope(['panel_reviewer', 'county_admin'])
  const year = campaignYear()
  const isReviewer = scope.me?.roles.some((r) => r.role === 'panel_reviewer') ?? false
  const list = useAction('redflag.list', scope.scopeId ? { year, scopeId: 'county' } : null, [scope.scopeId])
  const campaign = useAction('redflag.campaignGet', scope.scopeId ? { year } : null, [scope.scopeId])
  const apps = (list.data?.applications ?? []).filter((a) => a.status === 'recommended')

  return (
    <ScopeGate scope={scope} empty={{ title: '仅评选组成员可用', hint: '评选组成员由县委组织部任命。' }}>
      {() => (
        <View className='page rf'>
          <View className='notice'>共 {apps.length} 个街道推荐的小区，按评选组平均分排序（精确到 0.01 分，四舍五入）。</View>
          {apps.length === 0 && !list.loading ? <EmptyState title='暂无街道推荐的申报' /> : null}
          {apps.map((a) => (
            <PanelCard
              key={a.applicationId}
              a={a}
              campaign={campaign.data ?? null}
              openid={scope.me?.openid}
              canScore={isReviewer}
              year={year}
              onSaved={list.reload}
            />
          ))}
        </View>
      )}
    </ScopeGate>
  )
}

function PanelCard(props: {
  a: RfApplicationView
  campaign: RfCampaignView | null
  openid?: string
  canScore: boolean
  year: number
  onSaved: () => Promise<void>
}) {
  const { a, campaign } = props
  const mine = a.reviews?.find((r) => r.reviewer === props.openid)
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(mine?.scores ?? {}).map(([k, v]) => [k, String(v)])),
  )
  const [objection, setObjection] = useState(mine?.objection ?? '')
  const { busy, run } = useBusy()

  const save = () =>
    run(async () => {
      const parsed: Record<string, number> = {}
      for (const k of campaign?.criteria ?? []) {
        const v = parseScore(scores[k.code] ?? '')
        if (v === null || v < 0 || v > k.weight) return showInfo(`「${k.name}」请填 0 至 ${k.weight} 分`)
        parsed[k.code] = v
      }
      await callAction('redflag.score', {
        year: props.year,
        estateBranchId: a.estateBranchId,
        scores: parsed,
        objection: objection.trim() || undefined,
      })
      showSuccess('评分已保存')
      await props.onSaved()
    })

  return (
    <View className={cx('card', hook('rf-panel-application'))}>
      <View className='rf__row'>
        <Text className='rf__title'>
          {a.panelRank ? `第 ${a.panelRank} 名 · ` : ''}
          {a.estateName}
        </Text>
        <Text className={cx('rf__average', hook('rf-average'))}>{a.average == null ? '未评分' : a.average.toFixed(2)}</Text>
      </View>
      {a.streetNote ? <Text className='hint'>街道实地评估：{a.streetNote}</Text> : null}
      <AssessmentRows application={a} criteria={campaign?.criteria} />
      <SnapshotRows snapshot={a.snapshot} />
      {(a.reviews ?? []).map((r) => (
        <View key={`${r.department}-${r.at}`} className={hook('rf-review')}>
          <View className='rf__row'>
            <Text>{r.department}</Text>
            <Text>{r.total.toFixed(2)} 分</Text>
          </View>
          {r.objection ? <Text className={cx('rf__objection', hook('rf-objection'))}>有异议：{r.objection}</Text> : null}
        </View>
      ))}
      {props.canScore && campaign ? (
        <View>
          <Text className='section-title'>我的评分</Text>
          {campaign.criteria.map((k) => (
            <Field key={k.code} label={`${k.name}（0–${k.weight}）`}>
              <Input
                className={cx('field-input', hook(`rf-score-${k.code}`))}
                type='digit'
                value={scores[k.code] ?? ''}
                onInput={(e) => setScores({ ...scores, [k.code]: e.detail.value })}
              />
            </Field>
          ))}
          <Field label='异议（如有，写明理由）'>
            <Textarea
              className={cx('field-textarea', hook('rf-objection-input'))}
              value={objection}
              maxlength={500}
              onInput={(e) => setObjection(e.detail.value)}
            />
          </Field>
          <Button className={cx('btn btn-primary', hook('rf-score-save'))} disabled={busy || undefined} loading={busy} onClick={save}>
            保存评分
          </Button>
        </View>
      ) : null}
    </View>
  )
}
