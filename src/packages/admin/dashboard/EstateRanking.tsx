import { Text, View } from '@tarojs/components'
import type { DashboardData } from '@/core/api-types'
import { cx, hook } from '@/utils/cx'
import { percent } from '../scopes'

/** 各小区参与率排名: the estates in the scope, best first, each bar relative to the best. */
export default function EstateRanking({ estates }: { estates: DashboardData['estates'] }) {
  const maxRate = Math.max(1, ...estates.map((e) => e.participationRate ?? 0))
  return (
    <View className={cx('card', hook('dashboard-estates'))}>
      <Text className='dashboard__title'>各小区参与率排名</Text>
      {estates.length === 0 ? (
        <Text className='hint'>范围内没有小区。</Text>
      ) : (
        estates.map((e, k) => (
          <View className={cx('dashboard__estate', hook('dashboard-estate'))} key={e.estateBranchId}>
            <Text className='dashboard__rank'>{k + 1}</Text>
            <View className='dashboard__estate-main'>
              <View className='dashboard__estate-head'>
                <Text className='dashboard__estate-name'>{e.name}</Text>
                <Text className='dashboard__estate-rate'>{percent(e.participationRate)}</Text>
              </View>
              <View className='dashboard__track'>
                <View className='dashboard__fill' style={{ width: `${Math.round(((e.participationRate ?? 0) / maxRate) * 100)}%` }} />
              </View>
              <Text className='muted'>
                参加 {e.participants} / 报到 {e.registered} / 名册 {e.directory}
              </Text>
            </View>
          </View>
        ))
      )}
    </View>
  )
}
