import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EntryView, PublicityView, ScoreMine } from '@/core/api-types'
import BarChart, { type BarDatum } from '@/components/BarChart'
import EmptyState from '@/components/EmptyState'
import EntryList from '@/components/EntryList'
import ScoreCard from '@/components/ScoreCard'
import { monthDay } from '@/utils/format'
import { cx, hook } from '@/utils/cx'
import { ACTIVITIES_URL, APPEAL_URL } from '@/utils/routes'
import { a11y } from '@/utils/a11y'

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

function appealUrl(year: number, target: 'entry' | 'rejection' | 'total', targetId?: string, title?: string): string {
  const q = [`year=${year}`, `target=${target}`]
  if (targetId) q.push(`targetId=${encodeURIComponent(targetId)}`)
  if (title) q.push(`title=${encodeURIComponent(title)}`)
  return `${APPEAL_URL}?${q.join('&')}`
}

/** The estate's 公示 as one line: when it runs and what the member may do. */
function PublicityBanner({ p }: { p: PublicityView }) {
  const text =
    p.status === 'open'
      ? `公示中：${monthDay(p.startOn)}至 ${monthDay(p.endOn)}，可对积分提出申诉`
      : p.status === 'scheduled'
        ? `积分将于 ${monthDay(p.startOn)}至 ${monthDay(p.endOn)} 公示，公示期内可提出申诉`
        : `积分公示已于 ${monthDay(p.endOn)} 结束`
  return (
    <View className={cx('points__publicity', hook('points-publicity', `points-publicity--${p.status}`))}>
      <Text className='points__publicity-text'>{text}</Text>
      <Text
        {...a11y('link')}
        className={cx('points__publicity-link', hook('points-my-appeals'))}
        onClick={() => Taro.navigateTo({ url: `${APPEAL_URL}?year=${p.year}` })}
      >
        我的申诉 ›
      </Text>
    </View>
  )
}

export function PointsView({ score, publicity = null }: { score: ScoreMine; publicity?: PublicityView | null }) {
  const months = monthlyBars(score.byMonth)
  const categories = categoryBars(score.byCategory)
  const canAppeal = publicity?.status === 'open'
  const appealEntry = (e: EntryView) =>
    Taro.navigateTo({ url: appealUrl(score.year, e.status === 'rejected' ? 'rejection' : 'entry', e.id, e.title) })
  return (
    <View>
      {publicity ? <PublicityBanner p={publicity} /> : null}
      <ScoreCard score={score} />
      {canAppeal ? (
        <Button
          className={cx('btn btn-plain points__appeal-total', hook('points-appeal-total'))}
          onClick={() => Taro.navigateTo({ url: appealUrl(score.year, 'total') })}
        >
          对年度总分提出申诉
        </Button>
      ) : null}

      <View className={cx('card points__chart', hook('points-trend'))}>
        <Text className='points__chart-title'>月度积分</Text>
        {months.some((m) => m.value !== 0) ? <BarChart data={months} /> : <Text className='hint'>本年度还没有已通过的积分。</Text>}
      </View>

      {categories.length ? (
        <View className={cx('card points__chart', hook('points-categories'))}>
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
          <EntryList entries={score.entries} onAppeal={canAppeal ? appealEntry : undefined} />
        </View>
      ) : (
        <EmptyState
          className={hook('points-no-entries')}
          title='还没有积分流水'
          hint='参加小区的志愿服务活动并签到，审核通过后积分会记在这里。'
          actionText='去看活动'
          onAction={() => Taro.switchTab({ url: ACTIVITIES_URL })}
        />
      )}
    </View>
  )
}
