import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActivityCard from '@/components/ActivityCard'
import EmptyState from '@/components/EmptyState'
import MemberGate from '@/components/MemberGate'
import Skeleton from '@/components/Skeleton'
import { useAction, useMe, useNow, usePullRefresh, useReloadOnShow } from '@/hooks'
import { byStart, cardAction, cardActionUrl } from '@/utils/activity-actions'
import { activityPhase } from '@/utils/format'
import { cx, hook } from '@/utils/cx'
import { ACTIVITIES_URL, CHECKIN_URL, WORKBENCH_URL, activityUrl, hasWorkbench, rfResultsUrl } from '@/utils/routes'
import './index.scss'
import { a11y } from '@/utils/a11y'

export default function Home() {
  const { me, loading, error, reload, isMember } = useMe()
  const activities = useAction('activity.list', isMember ? {} : null, [isMember])
  // 红旗小区 honour badge for the member's estate (docs/DESIGN.md#red-flag-estates).
  const honours = useAction('redflag.honours', isMember ? {} : null, [isMember])
  const now = useNow(30_000)
  usePullRefresh(reload, activities.reload)
  useReloadOnShow(activities.reload)

  const soon = (activities.data ?? [])
    .filter((a) => ['upcoming', 'ongoing'].includes(activityPhase(a, now)))
    .sort(byStart(false))
    .slice(0, 3)

  return (
    <View className='page home'>
      {me && hasWorkbench(me) ? (
        <View {...a11y('link')} className='card home__workbench' onClick={() => Taro.navigateTo({ url: WORKBENCH_URL })}>
          <Text className='home__workbench-title'>工作台</Text>
          <Text className='link'>发布活动、签到码、审核 ›</Text>
        </View>
      ) : null}
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        <View className='home__estate card'>
          <Text className='home__hello'>{me?.member?.name}，您好</Text>
          <Text className={cx('home__estate-name', hook('home-estate'))}>{me?.member?.estateBranchName ?? '我的小区'}</Text>
          <Text className='muted'>单位：{me?.member?.unitBranchName ?? me?.member?.unitBranchId}</Text>
          {honours.data?.length ? (
            <Text
              {...a11y('link')}
              className={cx('home__honour', hook('home-honour'))}
              onClick={() => Taro.navigateTo({ url: rfResultsUrl(honours.data?.[0]?.year) })}
            >
              <Text className='home__honour-flag' />
              {honours.data.map((h) => h.year).join('、')} 年度红旗小区
            </Text>
          ) : null}
        </View>

        <Button className={cx('btn btn-primary home__checkin', hook('home-checkin-button'))} onClick={() => Taro.navigateTo({ url: CHECKIN_URL })}>
          扫码签到
        </Button>
        <Text className='home__checkin-hint hint'>扫描书记展示的二维码，或输入 6 位签到码</Text>

        <View className='section-title'>
          <Text>近期活动</Text>
          <Text {...a11y('link', { label: '全部活动' })} className='link home__more' onClick={() => Taro.switchTab({ url: ACTIVITIES_URL })}>
            全部 ›
          </Text>
        </View>
        {activities.loading && !activities.data ? (
          <Skeleton cards={2} />
        ) : soon.length ? (
          soon.map((a) => (
            <ActivityCard
              key={a.id}
              activity={a}
              now={now}
              actionText={cardAction(a, now).text}
              onTap={(x) => Taro.navigateTo({ url: activityUrl(x.id) })}
              onAction={(x) => Taro.navigateTo({ url: cardActionUrl(x, now) })}
            />
          ))
        ) : (
          <EmptyState
            className={hook('home-no-activities')}
            title='近期没有活动'
            hint='小区党支部发布志愿服务活动后会显示在这里；下拉可刷新。'
            actionText='查看全部活动'
            onAction={() => Taro.switchTab({ url: ACTIVITIES_URL })}
          />
        )}
      </MemberGate>
    </View>
  )
}
