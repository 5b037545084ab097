import { Text, View } from '@tarojs/components'
import { cx, hook } from '@/utils/cx'
import './index.scss'
import { a11y } from '@/utils/a11y'

export interface LoadMoreProps {
  /** A further page exists. */
  hasMore: boolean
  loading: boolean
  onMore: () => void
  /** How many are shown so far (said in the footer). */
  shown?: number
}

/** The footer of a list that comes in pages: 加载更多 (tap, or reach the bottom) until 已全部加载. */
export default function LoadMore({ hasMore, loading, onMore, shown }: LoadMoreProps) {
  const count = shown === undefined ? '' : `（已显示 ${shown} 人）`
  if (!hasMore) return <Text className={cx('load-more', hook('list-end'))}>已全部加载{count}</Text>
  return (
    <View
      {...a11y('button', { disabled: loading })}
      className={cx('load-more load-more--active', hook('list-more'))}
      onClick={loading ? undefined : onMore}
    >
      <Text>{loading ? '正在加载…' : `加载更多${count}`}</Text>
    </View>
  )
}
