import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { NoticeView } from '@/core/api-types'
import Skeleton from '@/components/Skeleton'
import { cx, hook } from '@/utils/cx'
import { dateTimeText } from '@/utils/format'
import { activityUrl } from '@/utils/routes'
import { a11y } from '@/utils/a11y'

interface NoticesProps {
  notices: NoticeView[]
  loading: boolean
  failed: boolean
  onRetry: () => void
}

/** Messages for the member, newest first: so far, activities they signed up for that were cancelled. */
export default function Notices({ notices, loading, failed, onRetry }: NoticesProps) {
  if (loading) return <Skeleton cards={1} lines={2} />
  if (failed) {
    return (
      <View {...a11y('button')} className='card mine__notices-empty' onClick={onRetry}>
        <Text className='hint'>通知加载失败，点此重试。</Text>
      </View>
    )
  }
  if (!notices.length) {
    return (
      <View className={cx('card mine__notices-empty', hook('mine-notices-empty'))}>
        <Text className='mine__notices-empty-title'>暂无通知</Text>
        <Text className='hint'>您报名的活动如有取消或变动，会在这里告诉您。</Text>
      </View>
    )
  }
  return (
    <View className={cx('card mine__notices', hook('mine-notices'))}>
      {notices.map((n) => (
        <View
          {...a11y('button')}
          className={cx('mine__notice', hook('mine-notice'))}
          key={n.id}
          onClick={() => {
            if (n.activityId) Taro.navigateTo({ url: activityUrl(n.activityId) })
          }}
        >
          <Text className={cx('mine__notice-title', hook('mine-notice-title'))}>{n.title}</Text>
          <Text className={cx('mine__notice-body', hook('mine-notice-body'))}>{n.body}</Text>
          <Text className='muted mine__notice-at'>{dateTimeText(n.at)}</Text>
        </View>
      ))}
    </View>
  )
}
