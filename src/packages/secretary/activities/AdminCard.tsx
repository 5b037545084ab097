import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityView } from '@/core/api-types'
import { cx, hook } from '@/utils/cx'
import { rangeText, signupText } from '@/utils/format'
import { BACKFILL_URL, CODE_URL, codeUrl, REVIEW_URL, routeQuery } from '@/utils/routes'

export type Section = 'draft' | 'ongoing' | 'upcoming' | 'past' | 'cancelled'

interface AdminCardProps {
  a: ActivityView
  section: Section
  busy: boolean
  onPublish: (a: ActivityView) => void
  onCancel: (a: ActivityView) => void
}

/** One activity with what can be done to it in its section (publish, codes, 补录, review, cancel). */
export default function AdminCard({ a, section, busy, onPublish, onCancel }: AdminCardProps) {
  const go = (url: string) => Taro.navigateTo({ url })
  const live = section === 'ongoing' || section === 'upcoming'
  return (
    <View className={cx('card activities-admin__item', `activities-admin__item--${section}`, hook('activities-admin-item'))}>
      <Text className='activities-admin__title'>{a.title}</Text>
      <Text className='activities-admin__line'>{rangeText(a.startAt, a.endAt)}</Text>
      <Text className='activities-admin__line muted'>
        {a.itemName} · {signupText(a)} · 已签到 {a.checkedIn} 人{a.requireCheckout ? ' · 需签退' : ''}
      </Text>
      {a.status === 'cancelled' && a.cancelReason ? <Text className='activities-admin__reason'>取消原因：{a.cancelReason}</Text> : null}
      {section === 'cancelled' ? null : (
        <View className='activities-admin__actions'>
          {section === 'draft' ? (
            <Button
              className={cx('btn btn-primary activities-admin__btn', hook('activities-admin-publish'))}
              disabled={busy || undefined}
              onClick={() => onPublish(a)}
            >
              发布
            </Button>
          ) : null}
          {live ? (
            <Button className={cx('btn btn-primary activities-admin__btn', hook('activities-admin-code'))} onClick={() => go(codeUrl(a.id))}>
              签到码
            </Button>
          ) : null}
          {live ? (
            <Button
              className={cx('btn btn-plain activities-admin__btn', hook('activities-admin-static'))}
              onClick={() => go(`${CODE_URL}${routeQuery({ activityId: a.id, view: 'static' })}`)}
            >
              打印码
            </Button>
          ) : null}
          {section === 'ongoing' || section === 'past' ? (
            <Button
              className={cx('btn btn-plain activities-admin__btn', hook('activities-admin-backfill'))}
              onClick={() => go(`${BACKFILL_URL}${routeQuery({ activityId: a.id })}`)}
            >
              补录
            </Button>
          ) : null}
          {section === 'past' ? (
            <Button className={cx('btn btn-plain activities-admin__btn', hook('activities-admin-review'))} onClick={() => go(REVIEW_URL)}>
              审核
            </Button>
          ) : null}
          {section !== 'past' ? (
            <Button
              className={cx('btn btn-gray activities-admin__btn', hook('activities-admin-cancel'))}
              disabled={busy || undefined}
              onClick={() => onCancel(a)}
            >
              取消活动
            </Button>
          ) : null}
        </View>
      )}
    </View>
  )
}
