import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import FlagList from '@/components/FlagList'
import StatusBadge from '@/components/StatusBadge'
import { cx, hook } from '@/utils/cx'
import { askFor } from '@/services/subscribe'
import { activityUrl } from '@/utils/routes'
import { outcomeHint, outcomeTitle } from './outcome'
import type { Outcome } from './useCheckin'
import { a11y } from '@/utils/a11y'

/** What the last check-in came to: accepted, sent for review, queued on a weak network, or refused. */
export default function OutcomeCard({ outcome }: { outcome: Outcome }) {
  if ('queued' in outcome) {
    return (
      <View className={cx('card checkin__result checkin__result--queued', hook('checkin-result checkin-queued'))}>
        <Text className={cx('checkin__result-title', hook('checkin-result-status'))}>已排队，联网后自动提交</Text>
        <Text className='hint'>
          网络不佳，{outcome.kind === 'activity.checkin' ? '签到' : '签退'}
          已保存在手机上，按扫码时的二维码时段判定；联网后自动提交，结果会显示在下方“排队的签到”。
        </Text>
      </View>
    )
  }
  if ('error' in outcome) {
    return (
      <View className={cx('card checkin__result checkin__result--error', hook('checkin-result checkin-error'))}>
        <Text className={cx('checkin__result-title', hook('checkin-result-status'))}>
          {outcome.kind === 'activity.checkin' ? '签到未成功' : '签退未成功'}
        </Text>
        <Text className={cx('checkin__result-message', hook('checkin-error-message'))}>{outcome.error.message}</Text>
      </View>
    )
  }
  const r = outcome.result
  return (
    <View className={cx('card checkin__result', `checkin__result--${r.repeated ? 'repeated' : r.status}`, hook('checkin-result'))}>
      <Text className={cx('checkin__result-title', hook('checkin-result-status'))}>{outcomeTitle(outcome.kind, r)}</Text>
      <Text className='checkin__result-activity'>{r.activityTitle}</Text>
      <View className='checkin__result-badge'>
        <StatusBadge status={r.status} />
      </View>
      <Text className='hint'>{outcomeHint(outcome.kind, r)}</Text>
      <FlagList className={hook('checkin-result-flags')} flags={r.flags} lead={r.status === 'pending' ? '需要审核的原因：' : undefined} />
      {r.status === 'pending' && !r.repeated ? (
        // A check-in opened from a scanned 小程序码 had no tap to ask in: this one asks (docs/DESIGN.md#reminders).
        <Text
          {...a11y('button')}
          className={cx('link checkin__result-link', hook('checkin-result-subscribe'))}
          onClick={() => void askFor('checkin')}
        >
          审核结果用微信通知我 ›
        </Text>
      ) : null}
      <Text
        {...a11y('link')}
        className={cx('link checkin__result-link', hook('checkin-result-detail'))}
        onClick={() => Taro.navigateTo({ url: activityUrl(r.activityId) })}
      >
        查看活动详情 ›
      </Text>
    </View>
  )
}
