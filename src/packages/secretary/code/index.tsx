import { useEffect, useRef, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import OptionPicker from '@/components/OptionPicker'
import Skeleton from '@/components/Skeleton'
import { useAction, useNow, useScope } from '@/hooks'
import { rowsOf } from '@/services/api'
import { activityPhase, dateTimeText, rangeText } from '@/utils/format'
import './index.scss'

/** How often the live count and code are refreshed even before the code rotates. */
const POLL_MS = 5000

export default function CodeScreen() {
  const router = useRouter()
  const scope = useScope('estate_secretary')
  const [activityId, setActivityId] = useState<string | null>(router.params.activityId ?? null)
  // 轮换签到码 for the screen, or the printable static 小程序码 for the notice board.
  const [view, setView] = useState<'rotating' | 'static'>(router.params.view === 'static' ? 'static' : 'rotating')
  const list = useAction('activity.list', scope.scopeId ? { estateBranchId: scope.scopeId } : null, [scope.scopeId])
  const code = useAction('activity.code', activityId && view === 'rotating' ? { activityId } : null, [activityId, view])
  const staticCode = useAction('activity.staticCode', activityId && view === 'static' ? { activityId } : null, [activityId, view])
  const now = useNow(500)
  const refreshedFor = useRef<string | null>(null)

  // A projector must not go to sleep mid-activity.
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
  }, [])

  useEffect(() => {
    if (!activityId || view !== 'rotating') return
    const t = setInterval(() => void code.reload(), POLL_MS)
    return () => clearInterval(t)
  }, [activityId, view, code.reload])

  // Fetch the next code the moment the shown one rotates.
  const expiresAt = code.data ? Date.parse(code.data.expiresAt) : null
  useEffect(() => {
    if (expiresAt && now >= expiresAt && refreshedFor.current !== code.data?.expiresAt) {
      refreshedFor.current = code.data?.expiresAt ?? null
      void code.reload()
    }
  }, [now, expiresAt, code])

  const activities = rowsOf(list.data).filter((a) => a.status !== 'draft' && a.status !== 'cancelled' && activityPhase(a, now) !== 'past')
  const activity = rowsOf(list.data).find((a) => a.id === activityId)

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>

  const picker = (
    <View className='field code__picker'>
      <OptionPicker
        className='code-activity-picker'
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
            onAction={() => Taro.navigateTo({ url: '/packages/secretary/activity-new/index' })}
          />
        )}
      </View>
    )
  }

  const secondsLeft = expiresAt ? Math.max(0, Math.ceil((expiresAt - now) / 1000)) : 0
  const outOfWindow = code.error?.code === 'OUT_OF_WINDOW'

  const tabs = (
    <View className='code__tabs'>
      <Text className={`code__tab code-tab-rotating ${view === 'rotating' ? 'code__tab--on' : ''}`} onClick={() => setView('rotating')}>
        轮换签到码
      </Text>
      <Text className={`code__tab code-tab-static ${view === 'static' ? 'code__tab--on' : ''}`} onClick={() => setView('static')}>
        打印静态码
      </Text>
    </View>
  )

  if (view === 'static') {
    const sc = staticCode.data
    return (
      <View className='page code'>
        {activities.length > 1 ? picker : null}
        {tabs}
        <View className='code__screen code-static'>
          <Text className='code__title code-activity-title'>{activity?.title ?? '活动签到'}</Text>
          {activity ? <Text className='code__time'>{rangeText(activity.startAt, activity.endAt)}</Text> : null}
          {staticCode.error && !sc ? (
            <ErrorView error={staticCode.error} onRetry={staticCode.reload} />
          ) : !sc ? (
            <Skeleton cards={1} lines={6} />
          ) : (
            <View className='code__body'>
              <Image className='code__qr code__qr--static code-static-image' src={sc.qrImage} mode='aspectFit' showMenuByLongpress />
              <Text className='code__static-label'>扫码签到</Text>
              <Text className='code__static-window code-static-window'>有效时段：{rangeText(sc.validFrom, sc.validUntil)}</Text>
              <Text className='code__static-note code-static-note'>仅在签到时段内有效，扫码签到需审核</Text>
            </View>
          )}
        </View>
        {sc ? (
          <View className='card code__static-help'>
            <Text className='hint'>
              {process.env.TARO_ENV === 'weapp'
                ? '长按图片可保存到相册，打印后张贴在活动现场。静态码不会变化，用它签到的记录都要经您审核后才计分。'
                : '可打印本页或截图后张贴在活动现场。静态码不会变化，用它签到的记录都要经您审核后才计分。'}
            </Text>
            {process.env.TARO_ENV === 'h5' ? (
              <Button className='btn btn-plain code-static-print' onClick={() => window.print()}>
                打印
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>
    )
  }

  return (
    <View className='page code'>
      {activities.length > 1 ? picker : null}
      {tabs}
      <View className='code__screen'>
        <Text className='code__title code-activity-title'>{activity?.title ?? '活动签到'}</Text>
        {activity ? <Text className='code__time'>{rangeText(activity.startAt, activity.endAt)}</Text> : null}

        {code.error && (!code.data || outOfWindow) ? (
          outOfWindow ? (
            <EmptyState
              className='code-out-of-window'
              title='现在不在签到时间内'
              hint={code.error.message || '签到在活动开始前 30 分钟开放，活动结束时关闭。'}
            />
          ) : (
            <ErrorView error={code.error} onRetry={code.reload} />
          )
        ) : !code.data ? (
          <Skeleton cards={1} lines={6} />
        ) : (
          <View className='code__body'>
            <Image className='code__qr code-qr-image' src={code.data.qrImage} mode='aspectFit' />
            <Text className='code__label'>扫码签到，或在小程序中输入签到码</Text>
            <Text className='code__short code-short'>{code.data.shortCode}</Text>
            <View className='code__meta'>
              <Text className='code__countdown code-countdown'>{secondsLeft} 秒后更换</Text>
              <Text className='code__count code-count'>已签到 {code.data.checkedIn} 人</Text>
            </View>
          </View>
        )}
      </View>
    </View>
  )
}
