import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { callAction, rowsOf } from '@/services/api'
import { currentYear, parseScore, score2 } from '@/utils/format'
import './index.scss'
import { useBusy } from '@/hooks/useBusy'

export default function UnitScores() {
  const scope = useScope('unit_secretary')
  const [year, setYear] = useState(currentYear)
  const list = useAction('unitScore.list', scope.scopeId ? { unitBranchId: scope.scopeId, year } : null, [scope.scopeId, year])
  usePullRefresh(list.reload)
  const rows = rowsOf(list.data)
  // Fields show what is stored (each member's raw score, the unit's own full scale) until the secretary edits them.
  const [edits, setEdits] = useState<Record<string, string>>({})
  const [scaleEdit, setScaleEdit] = useState<string | null>(null)
  const { busy, run } = useBusy()
  const storedScale = rows.find((r) => r.fullScale !== null)?.fullScale ?? (list.data && !Array.isArray(list.data) ? list.data.fullScale : undefined)
  const fullScale = scaleEdit ?? (storedScale ? score2(storedScale).replace(/\.00$/, '') : '100')
  const inputs: Record<string, string> = {}
  for (const r of rows) inputs[r.memberId] = edits[r.memberId] ?? (r.raw === null ? '' : score2(r.raw))

  const save = async () => {
    const scale = parseScore(fullScale)
    if (scale === null || scale <= 0) {
      Taro.showToast({ title: '单位满分需为正数，最多两位小数', icon: 'none' })
      return
    }
    const scores: { memberId: string; score: number }[] = []
    for (const r of rows) {
      const text = (inputs[r.memberId] ?? '').trim()
      if (!text) continue
      const score = parseScore(text)
      if (score === null || score > scale) {
        Taro.showToast({ title: `${r.name} 的积分应为 0–${scale}，最多两位小数`, icon: 'none', duration: 2500 })
        return
      }
      const unchanged =
        r.raw !== null &&
        Math.round(r.raw * 100) === Math.round(score * 100) &&
        r.fullScale !== null &&
        Math.round(r.fullScale * 100) === Math.round(scale * 100)
      if (!unchanged) scores.push({ memberId: r.memberId, score })
    }
    if (!scores.length) {
      Taro.showToast({ title: '没有新的积分需要保存', icon: 'none' })
      return
    }
    await run(async () => {
      await callAction('unitScore.import', { unitBranchId: scope.scopeId as string, year, fullScale: scale, scores })
      Taro.showToast({ title: `已保存 ${scores.length} 人`, icon: 'success' })
      await list.reload()
      setEdits({})
      setScaleEdit(null)
    })
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  return (
    <View className='page unit-scores'>
      <ScopeBar label='单位党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <View className='section-title'>
        <Text className='link unit-year-prev' onClick={() => setYear(year - 1)}>
          ‹ {year - 1}
        </Text>
        <Text>{year} 年度</Text>
        <Text className='link' onClick={() => year < currentYear() && setYear(year + 1)}>
          {year < currentYear() ? `${year + 1} ›` : ' '}
        </Text>
      </View>
      <View className='notice'>按本单位原有的党员积分制度录入，系统按“单位满分”折算为百分制，占年度总分的 50%。</View>
      <View className='card unit-scores__import unit-scores-import' onClick={() => Taro.navigateTo({ url: '/packages/unit/import/index' })}>
        <Text>人数多？从 Excel / CSV 表格导入</Text>
        <Text className='link'>导入 ›</Text>
      </View>
      {list.error && !list.data ? (
        <ErrorView error={list.error} onRetry={list.reload} />
      ) : scope.loading || (list.loading && !list.data) ? (
        <Skeleton cards={3} />
      ) : rows.length === 0 ? (
        <EmptyState title='本支部还没有党员' hint='党员完成双报到或县委组织部导入名册后会出现在这里。' />
      ) : (
        <View>
          <View className='card'>
            <View className='unit-scores__row'>
              <Text className='unit-scores__name'>单位满分</Text>
              <Input
                className='field-input unit-scores__input unit-fullscale'
                type='digit'
                value={fullScale}
                onInput={(e) => setScaleEdit(e.detail.value)}
              />
            </View>
          </View>
          <View className='card'>
            {rows.map((r) => (
              <View className='unit-scores__row unit-score-row' key={r.memberId}>
                <View className='unit-scores__who'>
                  <Text className='unit-scores__name'>{r.name}</Text>
                  <Text className='muted'>{r.unitScore === null ? '未录入' : `折算 ${score2(r.unitScore)}`}</Text>
                </View>
                <Input
                  className={`field-input unit-scores__input unit-score-input unit-score-input-${r.memberId}`}
                  type='digit'
                  value={inputs[r.memberId] ?? ''}
                  placeholder='分数'
                  onInput={(e) => setEdits({ ...edits, [r.memberId]: e.detail.value })}
                />
              </View>
            ))}
          </View>
          <Button className='btn btn-primary unit-save' disabled={busy || undefined} loading={busy} onClick={save}>
            保存
          </Button>
        </View>
      )}
    </View>
  )
}
