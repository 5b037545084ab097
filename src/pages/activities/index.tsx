import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityView } from '@/core/api-types'
import ActivityCard from '@/components/ActivityCard'
import AsyncView from '@/components/AsyncView'
import MemberGate from '@/components/MemberGate'
import { useAction, useMe, useNow, usePullRefresh, useReloadOnShow } from '@/hooks'
import { byStart, cardAction, cardActionUrl } from '@/utils/activity-actions'
import { activityPhase } from '@/utils/format'
import { cx, hook } from '@/utils/cx'
import { activityUrl } from '@/utils/routes'

const SECTIONS = [
  { phase: 'ongoing', title: '进行中' },
  { phase: 'upcoming', title: '即将开始' },
  { phase: 'past', title: '已结束' },
] as const
const SECTION_HOOK = { ongoing: 'activities-ongoing', upcoming: 'activities-upcoming', past: 'activities-past' } as const

export default function Activities() {
  const { me, loading, error, reload, isMember } = useMe()
  const list = useAction('activity.list', isMember ? {} : null, [isMember])
  const now = useNow(30_000)
  usePullRefresh(reload, list.reload)
  useReloadOnShow(list.reload)

  const openDetail = (a: ActivityView) => Taro.navigateTo({ url: activityUrl(a.id) })
  const act = (a: ActivityView) => Taro.navigateTo({ url: cardActionUrl(a, now) })

  return (
    <View className={cx('page', hook('activities'))}>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        <AsyncView
          state={list}
          skeleton={{ cards: 3 }}
          isEmpty={(d) => d.length === 0}
          empty={{
            className: hook('activities-empty'),
            title: '小区还没有发布活动',
            hint: '小区党支部书记发布志愿服务活动后会显示在这里，下拉可刷新。',
          }}
        >
          {(d) =>
            SECTIONS.map(({ phase, title }) => {
              const items = d.filter((a) => activityPhase(a, now) === phase).sort(byStart(phase === 'past'))
              if (!items.length) return null
              return (
                <View key={phase} className={cx('activities__section', hook(SECTION_HOOK[phase]))}>
                  <View className='section-title'>
                    <Text>{title}</Text>
                    <Text className='muted'>{items.length} 项</Text>
                  </View>
                  {items.map((a) => (
                    <ActivityCard key={a.id} activity={a} now={now} onTap={openDetail} actionText={cardAction(a, now).text} onAction={act} />
                  ))}
                </View>
              )
            })
          }
        </AsyncView>
      </MemberGate>
    </View>
  )
}
