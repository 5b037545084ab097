import type { ReactNode } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import Skeleton from '@/components/Skeleton'
import type { ActionState } from '@/hooks'
import type { ResultOf } from '@/services/api'
import { cx, hook } from '@/utils/cx'

interface RotatingCodeProps {
  head: ReactNode
  code: ActionState<ResultOf<'activity.code'>>
  secondsLeft: number
  /** Opens the full-screen projector view of the same code. */
  onProjector: () => void
}

/** The 轮换签到码 for the projector: QR, 6-digit code, countdown to the next one and the live count. */
export default function RotatingCode({ head, code, secondsLeft, onProjector }: RotatingCodeProps) {
  // Outside the check-in window an old code must not stay on screen.
  const outOfWindow = code.error?.code === 'OUT_OF_WINDOW'
  return (
    <View className='code__screen'>
      {head}
      {code.error && (!code.data || outOfWindow) ? (
        outOfWindow ? (
          <EmptyState
            className={hook('code-out-of-window')}
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
          <Image className={cx('code__qr', hook('code-qr-image'))} src={code.data.qrImage} mode='aspectFit' />
          <Text className='code__label'>扫码签到，或在小程序中输入签到码</Text>
          <Text className={cx('code__short', hook('code-short'))}>{code.data.shortCode}</Text>
          <View className='code__meta'>
            <Text className={cx('code__countdown', hook('code-countdown'))}>{secondsLeft} 秒后更换</Text>
            <Text className={cx('code__count', hook('code-count'))}>已签到 {code.data.checkedIn} 人</Text>
          </View>
          <Button className={cx('btn btn-plain code__projector', hook('code-projector'))} onClick={onProjector}>
            投屏全屏显示
          </Button>
        </View>
      )}
    </View>
  )
}
