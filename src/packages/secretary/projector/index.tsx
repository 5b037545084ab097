import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import Skeleton from '@/components/Skeleton'
import { useAction } from '@/hooks'
import { platform } from '@/services/platform'
import { a11y } from '@/utils/a11y'
import { cx, hook } from '@/utils/cx'
import { rangeText } from '@/utils/format'
import { useRotatingCode } from '../code/useRotatingCode'
import { projectorLayout } from './layout'
import './index.scss'

interface WindowSize {
  width: number
  height: number
  top: number
}

function windowSize(): WindowSize {
  const info = Taro.getWindowInfo ? Taro.getWindowInfo() : Taro.getSystemInfoSync()
  const top = Number.isFinite(info.statusBarHeight) ? Number(info.statusBarHeight) : 0
  return { width: info.windowWidth, height: info.windowHeight, top }
}

/**
 * 投屏模式 (docs/DESIGN.md#check-in-layers): the rotating check-in code alone on the screen — QR as large as the
 * window allows, the 6-digit code, the countdown and the live "已签到 N 人" (polled every 5 s) — with the screen
 * kept on and, in a browser, the page put full screen on a tap.
 */
export default function ProjectorPage() {
  const router = useRouter()
  const activityId = router.params.activityId ?? null
  const activity = useAction('activity.get', activityId ? { activityId } : null, [activityId])
  const { code, secondsLeft } = useRotatingCode(activityId)
  const [size, setSize] = useState<WindowSize>(windowSize)

  useEffect(() => platform.keepScreenOn(), [])
  useEffect(() => {
    const onResize = () => setSize(windowSize())
    Taro.onWindowResize?.(onResize)
    return () => Taro.offWindowResize?.(onResize)
  }, [])

  const l = projectorLayout(size.width, size.height, size.top)
  const a = activity.data
  const outOfWindow = code.error?.code === 'OUT_OF_WINDOW'
  const px = (n: number) => `${n}px`

  const tools = (
    <View className='projector__tools'>
      {platform.fullScreen ? (
        <Text
          {...a11y('button', { label: '全屏显示' })}
          className={cx('projector__tool', hook('projector-fullscreen'))}
          onClick={() => platform.fullScreen?.()}
        >
          全屏
        </Text>
      ) : null}
      <Text
        {...a11y('button', { label: '退出投屏' })}
        className={cx('projector__tool', hook('projector-exit'))}
        onClick={() => void Taro.navigateBack().catch(() => undefined)}
      >
        退出
      </Text>
    </View>
  )

  let body: JSX.Element
  if (!activityId) {
    body = <EmptyState title='没有选择活动' hint='请从「签到码」页进入投屏模式。' />
  } else if (code.error && (!code.data || outOfWindow)) {
    body = outOfWindow ? (
      <EmptyState
        className={hook('projector-out-of-window')}
        title='现在不在签到时间内'
        hint={code.error.message || '签到在活动开始前 30 分钟开放，活动结束时关闭。'}
      />
    ) : (
      <ErrorView error={code.error} onRetry={code.reload} />
    )
  } else if (!code.data) {
    body = <Skeleton cards={1} lines={6} />
  } else {
    body = (
      <View className={cx('projector__body', `projector__body--${l.orientation}`)} style={{ gap: px(l.pad) }}>
        <View className='projector__qr-box' style={{ width: px(l.qr), height: px(l.qr) }}>
          <Image className={cx('projector__qr', hook('projector-qr'))} src={code.data.qrImage} mode='aspectFit' />
        </View>
        <View className='projector__side' style={{ width: l.orientation === 'landscape' ? px(l.textWidth) : undefined }}>
          <Text className='projector__label' style={{ fontSize: px(l.metaPx) }}>
            扫码或输入签到码
          </Text>
          <Text className={cx('projector__short', hook('projector-short'))} style={{ fontSize: px(l.shortPx) }}>
            {code.data.shortCode}
          </Text>
          <Text className={cx('projector__countdown', hook('projector-countdown'))} style={{ fontSize: px(l.metaPx) }}>
            {secondsLeft} 秒后更换
          </Text>
          <Text className={cx('projector__count', hook('projector-count'))} style={{ fontSize: px(l.metaPx) }}>
            已签到 <Text className={hook('projector-count-number')}>{code.data.checkedIn}</Text> 人
          </Text>
        </View>
      </View>
    )
  }

  return (
    <View
      className={cx('projector', hook('projector-view'))}
      style={{ paddingTop: px(size.top + l.pad), paddingLeft: px(l.pad), paddingRight: px(l.pad), paddingBottom: px(l.pad) }}
    >
      <View className='projector__head'>
        <Text className={cx('projector__title', hook('projector-title'))} style={{ fontSize: px(l.titlePx) }}>
          {a ? `${a.title}　${rangeText(a.startAt, a.endAt)}` : '活动签到'}
        </Text>
        {tools}
      </View>
      {body}
    </View>
  )
}
