import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ScoreMine } from '@/core/api-types'
import BarChart, { type BarDatum } from '@/components/BarChart'
import EmptyState from '@/components/EmptyState'
import EntryList from '@/components/EntryList'
import ScoreCard from '@/components/ScoreCard'

/** Twelve bars, January to December; keys may be "YYYY-MM" or a bare month. */
export function monthlyBars(byMonth: Record<string, number>): BarDatum[] {
  const sums = new Array<number>(12).fill(0)
  for (const [key, value] of Object.entries(byMonth ?? {})) {
    const m = Number(key.split('-').pop())
    if (m >= 1 && m <= 12) sums[m - 1] = Math.round((sums[m - 1] + value) * 100) / 100
  }
  return sums.map((value, i) => ({ label: String(i + 1), value }))
}

export function categoryBars(byCategory: Record<string, number>): BarDatum[] {
  return Object.entries(byCategory ?? {})
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value)
}

export function PointsView({ score }: { score: ScoreMine }) {
  const months = monthlyBars(score.byMonth)
  const categories = categoryBars(score.byCategory)
  return (
    <View>
      <ScoreCard score={score} />

      <View className='card points__chart points-trend'>
        <Text className='points__chart-title'>月度积分</Text>
        {months.some((m) => m.value !== 0) ? <BarChart data={months} /> : <Text className='hint'>本年度还没有已通过的积分。</Text>}
      </View>

      {categories.length ? (
        <View className='card points__chart points-categories'>
          <Text className='points__chart-title'>积分构成（按类别）</Text>
          <BarChart data={categories} layout='row' />
        </View>
      ) : null}

      <View className='section-title'>
        <Text>积分流水</Text>
        <Text className='muted'>{score.entries.length} 条</Text>
      </View>
      {score.entries.length ? (
        <View className='card points__entries'>
          <EntryList entries={score.entries} />
        </View>
      ) : (
        <EmptyState
          className='points-no-entries'
          title='还没有积分流水'
          hint='参加小区的志愿服务活动并签到，审核通过后积分会记在这里。'
          actionText='去看活动'
          onAction={() => Taro.switchTab({ url: '/pages/activities/index' })}
        />
      )}
    </View>
  )
}
