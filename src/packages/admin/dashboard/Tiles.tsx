import { Text, View } from '@tarojs/components'
import type { DashboardData } from '@/core/api-types'
import { cx, hook } from '@/utils/cx'
import { score2 } from '@/utils/format'
import { percent } from '../scopes'

/** The four headline tiles: 报到率, 参与率, the average total, and what is waiting to be done. */
export default function Tiles({ d }: { d: DashboardData }) {
  return (
    <View className='dashboard__tiles'>
      <View className={cx('dashboard__tile', hook('dashboard-registration'))}>
        <Text className='dashboard__tile-label'>报到率</Text>
        <Text className='dashboard__tile-value'>{percent(d.registrationRate)}</Text>
        <Text className='dashboard__tile-sub'>
          已报到 {d.registered} / 名册 {d.directoryMembers}
        </Text>
      </View>
      <View className={cx('dashboard__tile', hook('dashboard-participation'))}>
        <Text className='dashboard__tile-label'>参与率</Text>
        <Text className='dashboard__tile-value'>{percent(d.participationRate)}</Text>
        <Text className='dashboard__tile-sub'>
          参加活动 {d.participants} / 已报到 {d.registered}
        </Text>
      </View>
      <View className={cx('dashboard__tile', hook('dashboard-average'))}>
        <Text className='dashboard__tile-label'>平均总分</Text>
        <Text className='dashboard__tile-value'>{d.averageTotal === null ? '—' : score2(d.averageTotal)}</Text>
        <Text className='dashboard__tile-sub'>总分未完成 {d.incomplete} 人不计</Text>
      </View>
      <View className={cx('dashboard__tile', (d.pendingReviews > 0 || d.openAppeals > 0) && 'dashboard__tile--warn', hook('dashboard-todo'))}>
        <Text className='dashboard__tile-label'>待办</Text>
        <Text className={cx('dashboard__tile-line', hook('dashboard-pending'))}>待审核签到 {d.pendingReviews}</Text>
        <Text className={cx('dashboard__tile-line', hook('dashboard-appeals'))}>待处理申诉 {d.openAppeals}</Text>
      </View>
    </View>
  )
}
