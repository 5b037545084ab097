import { Text, View } from '@tarojs/components'
import type { ScoreRow } from '@/core/api-types'
import { rankBy as competitionRanks } from '@/core/scoring'
import { score2, toHundredths } from '@/utils/format'
import './index.scss'
import { cx, hook } from '@/utils/cx'

export interface ScoreTableProps {
  rows: ScoreRow[]
  /**
   * Which rank to show: within the estate (secretaries), within the unit (unit secretaries), or by total across
   * the whole list (admins looking at a street or the county, where estate ranks would repeat).
   */
  rankBy?: 'estate' | 'unit' | 'total'
}

/** One card-row per member (no wide table: it must fit a 375 px screen). Incomplete totals are said so. */
export default function ScoreTable({ rows, rankBy = 'estate' }: ScoreTableProps) {
  const overall = rankBy === 'total' ? competitionRanks(rows, (r) => (r.total === null ? null : toHundredths(r.total))) : null
  const rank = (r: ScoreRow) => (overall ? (overall.get(r) ?? null) : rankBy === 'unit' ? r.rankInUnit : r.rankInEstate)
  const sorted = [...rows].sort((a, b) => (rank(a) ?? Infinity) - (rank(b) ?? Infinity) || a.name.localeCompare(b.name, 'zh'))
  return (
    <View className='score-table'>
      {sorted.map((r) => (
        <View className={cx('score-table__row', hook('scores-row'))} key={r.memberId}>
          <Text className='score-table__rank'>{rank(r) ?? '—'}</Text>
          <View className='score-table__who'>
            <Text className='score-table__name'>{r.name}</Text>
            <Text className='score-table__halves'>
              单位 {score2(r.unitScore)} · 小区 {score2(r.estateScore)}
            </Text>
          </View>
          <View className='score-table__total'>
            {r.complete ? (
              <Text className={cx('score-table__value', hook('scores-total'))}>{score2(r.total)}</Text>
            ) : (
              <Text className={cx('score-table__incomplete', hook('scores-incomplete'))}>未完成</Text>
            )}
            <Text className={cx('score-table__band', hook('scores-band'))}>{r.band ?? '单位积分未录入'}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
