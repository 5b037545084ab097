import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import OptionPicker from '@/components/OptionPicker'
import Skeleton from '@/components/Skeleton'
import { useAction, useScope } from '@/hooks'
import { platform } from '@/services/platform'
import { cx, hook } from '@/utils/cx'
import { activityPhase, dateTimeText, rangeText } from '@/utils/format'
import { ACTIVITY_NEW_URL, posterUrl, projectorUrl } from '@/utils/routes'
import RotatingCode from './RotatingCode'
import StaticCode from './StaticCode'
import { useRotatingCode } from './useRotatingCode'
import './index.scss'
import { a11y } from '@/utils/a11y'

export default function CodeScreen() {
  const router = useRouter()
  const scope = useScope('estate_secretary')
  const [activityId, setActivityId] = useState<string | null>(router.params.activityId ?? null)
  // 轮换签到码 for the screen, or the printable static 小程序码 for the notice board.
  const [view, setView] = useState<'rotating' | 'static'>(router.params.view === 'static' ? 'static' : 'rotating')
  const list = useAction('activity.list', scope.scopeId ? { estateBranchId: scope.scopeId } : null, [scope.scopeId])
  const { code, now, secondsLeft } = useRotatingCode(view === 'rotating' ? activityId : null)
  const staticCode = useAction('activity.staticCode', activityId && view === 'static' ? { activityId } : null, [activityId, view])

  // A projector must not go to sleep mid-activity.
  useEffect(() => platform.keepScreenOn(), [])

  const activities = (list.data ?? []).filter((a) => a.status !== 'draft' && a.status !== 'cancelled' && activityPhase(a, now) !== 'past')
  const activity = (list.data ?? []).find((a) => a.id === activityId)

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>

  const picker = (
    <View className='field code__picker'>
      <OptionPicker
        className={hook('code-activity-picker')}
        options={activities.map((a) => ({ value: a.id, label: `${a.title}（${dateTimeText(a.startAt)}）` }))}
        value={activityId}
        onChange={setActivityId}
        placeholder='选择要签到的活动'
      />
    </View>
  )

  if (!activityId) {
    return (
      <View className='page code'>
        {list.loading && !list.data ? (
          <Skeleton />
        ) : activities.length ? (
          <View className='card'>
            <Text className='section-title'>选择活动</Text>
            {picker}
          </View>
        ) : (
          <EmptyState
            title='没有可签到的活动'
            hint='先发布一个活动，活动开始前 30 分钟起可在这里展示签到码。'
            actionText='发布活动'
            onAction={() => Taro.navigateTo({ url: ACTIVITY_NEW_URL })}
          />
        )}
      </View>
    )
  }

  const head = (
    <>
      <Text className={cx('code__title', hook('code-activity-title'))}>{activity?.title ?? '活动签到'}</Text>
      {activity ? <Text className='code__time'>{rangeText(activity.startAt, activity.endAt)}</Text> : null}
    </>
  )

  return (
    <View className='page code'>
      {activities.length > 1 ? picker : null}
      <View className='code__tabs' {...a11y('tablist')}>
        <Text
          {...a11y('tab', { selected: view === 'rotating' })}
          className={cx('code__tab', view === 'rotating' && 'code__tab--on', hook('code-tab-rotating'))}
          onClick={() => setView('rotating')}
        >
          轮换签到码
        </Text>
        <Text
          {...a11y('tab', { selected: view === 'static' })}
          className={cx('code__tab', view === 'static' && 'code__tab--on', hook('code-tab-static'))}
          onClick={() => setView('static')}
        >
          打印静态码
        </Text>
      </View>
      {view === 'static' ? (
        <StaticCode head={head} staticCode={staticCode} onPoster={() => Taro.navigateTo({ url: posterUrl(activityId) })} />
      ) : (
        <RotatingCode head={head} code={code} secondsLeft={secondsLeft} onProjector={() => Taro.navigateTo({ url: projectorUrl(activityId) })} />
      )}
    </View>
  )
}
