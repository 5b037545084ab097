import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import CheckBox from '@/components/CheckBox'
import FlagList from '@/components/FlagList'
import type { AttendanceView } from '@/core/api-types'
import { cx, hook } from '@/utils/cx'
import { dateTimeText, score2 } from '@/utils/format'
import type { GroupMode } from './useReview'
import { a11y } from '@/utils/a11y'

interface AttendanceRowProps {
  a: AttendanceView
  /** Grouped by activity: the row names the member; by member: the activity. */
  by: GroupMode
  selectable: boolean
  checked: boolean
  onToggle: () => void
}

/** One record to review: who (or which activity), when or what was claimed, points, flags and any reason. */
export default function AttendanceRow({ a, by, selectable, checked, onToggle }: AttendanceRowProps) {
  return (
    <View
      {...a11y('checkbox', { checked, disabled: !selectable })}
      className={cx('review__item', hook('review-item'), checked && hook('is-checked'))}
      onClick={selectable ? onToggle : undefined}
    >
      {selectable ? <CheckBox className={hook('review-checkbox')} checked={checked} onChange={onToggle} /> : null}
      <View className='review__item-main'>
        {by === 'activity' ? (
          <Text className='review__name'>
            {a.memberName} <Text className='muted'>{a.phone}</Text>
          </Text>
        ) : (
          <Text className='review__name'>{a.activityTitle}</Text>
        )}
        {a.claim ? (
          <ClaimDetails a={a} named={by === 'activity'} />
        ) : (
          <Text className='muted review__times'>
            签到 {dateTimeText(a.checkinAt)}
            {a.checkoutAt ? ` · 签退 ${dateTimeText(a.checkoutAt)}` : ''}
          </Text>
        )}
        {a.status === 'approved' ? <Text className='review__points'>计 {score2(a.points)} 分</Text> : null}
        <FlagList className={hook('review-flags')} flags={a.flags} />
        {a.distanceM !== undefined ? <Text className={cx('review__distance', hook('review-distance'))}>{`距活动地点 ${a.distanceM} 米`}</Text> : null}
        {a.reason ? (
          <Text className='review__reason'>
            {a.status === 'rejected'
              ? '驳回理由'
              : a.status === 'revoked'
                ? '撤销理由'
                : a.flags.includes('backfill') && a.status === 'pending'
                  ? '补录理由'
                  : '备注'}
            ：{a.reason}
          </Text>
        ) : null}
      </View>
    </View>
  )
}

/** What a member claimed, with the photos to check (tap to enlarge; tapping never toggles the selection). */
function ClaimDetails({ a, named }: { a: AttendanceView; named: boolean }) {
  const c = a.claim
  if (!c) return null
  const shown = c.photos.filter(Boolean)
  return (
    <View className={cx('review__claim', hook('review-claim'))}>
      {named ? <Text className='review__claim-title'>「{a.activityTitle}」</Text> : null}
      <Text className='muted review__times'>
        {c.itemName} · 服务日期 {c.occurredOn}
        {c.minutes ? ` · ${Math.round((c.minutes / 60) * 10) / 10} 小时` : ''} · 提交于 {dateTimeText(a.checkinAt)}
      </Text>
      <Text className={cx('review__claim-text', hook('review-claim-text'))}>{c.description}</Text>
      {c.photos.length ? (
        <View className='review__photos'>
          {c.photos.map((url, i) =>
            url ? (
              <Image
                key={url}
                className={cx('review__photo', hook('review-claim-photo'))}
                src={url}
                mode='aspectFill'
                onClick={(e) => {
                  e.stopPropagation()
                  Taro.previewImage({ current: url, urls: shown })
                }}
              />
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: a photo that cannot be shown has no url to key by; the list is fixed once loaded
              <View key={`missing-${i}`} className='review__photo review__photo--missing'>
                <Text className='muted'>照片暂时无法显示</Text>
              </View>
            ),
          )}
        </View>
      ) : (
        <Text className='muted'>未附照片</Text>
      )}
    </View>
  )
}
