import { Text, View } from '@tarojs/components'
import type { ActivityView } from '@/core/api-types'
import { activityPhase, rangeText, score2, signupText } from '@/utils/format'
import StatusBadge from '../StatusBadge'
import './index.scss'
import { cx, hook } from '@/utils/cx'
import { a11y } from '@/utils/a11y'

export interface ActivityCardProps {
  activity: ActivityView
  now: number
  /** Tapping the card (opens the activity's detail page). */
  onTap?: (a: ActivityView) => void
  /** Text of the action shown on the right, e.g. 去签到. */
  actionText?: string
  /** Tapping the action text; without it the tap goes to `onTap`. */
  onAction?: (a: ActivityView) => void
}

export const PHASE_LABEL = { draft: '草稿', upcoming: '即将开始', ongoing: '进行中', past: '已结束' } as const

export default function ActivityCard({ activity: a, now, onTap, actionText, onAction }: ActivityCardProps) {
  const phase = a.status === 'cancelled' ? null : activityPhase(a, now)
  return (
    <View
      {...a11y('button')}
      className={cx('activity-card', `activity-card--${phase ?? 'cancelled'}`, hook('activity-card-item'))}
      onClick={() => onTap?.(a)}
    >
      <View className='activity-card__head'>
        <Text className={cx('activity-card__title', hook('activity-card-title'))}>{a.title}</Text>
        <Text className={cx('activity-card__phase', `activity-card__phase--${phase ?? 'cancelled'}`)}>{phase ? PHASE_LABEL[phase] : '已取消'}</Text>
      </View>
      <Text className='activity-card__line'>时间：{rangeText(a.startAt, a.endAt)}</Text>
      {a.location?.address ? <Text className='activity-card__line'>地点：{a.location.address}</Text> : null}
      <Text className='activity-card__line'>
        积分：{a.itemName} <Text className='nowrap'>{`${score2(a.points)} 分${a.perHour ? '/小时' : ''}`}</Text>
      </Text>
      <Text className='activity-card__line activity-card__counts'>
        {signupText(a)} · 已签到 {a.checkedIn} 人
      </Text>
      <View className='activity-card__foot'>
        {a.mine ? (
          <View className='activity-card__mine'>
            <Text>我已签到 </Text>
            <StatusBadge status={a.mine.status} />
          </View>
        ) : a.mySignup && a.status !== 'cancelled' ? (
          <Text className={cx('activity-card__signed', hook('activity-card-signed'))}>✓ 我已报名</Text>
        ) : (
          <Text />
        )}
        {actionText ? (
          <Text
            {...a11y('button')}
            className={cx('activity-card__action', hook('activity-card-action'))}
            onClick={(e) => {
              if (!onAction) return
              e.stopPropagation()
              onAction(a)
            }}
          >
            {actionText} ›
          </Text>
        ) : null}
      </View>
    </View>
  )
}
