import { View } from '@tarojs/components'
import './index.scss'
import { cx } from '@/utils/cx'

export interface SkeletonProps {
  /** Number of placeholder cards. */
  cards?: number
  /** Lines per card. */
  lines?: number
  className?: string
}

/** Grey placeholders with the page's shape while data loads, so the layout does not jump. */
export default function Skeleton({ cards = 2, lines = 3, className }: SkeletonProps) {
  return (
    <View className={cx('skeleton', className)} aria-busy='true'>
      {Array.from({ length: cards }, (_, c) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders; their position is their identity
        <View className='skeleton__card' key={c}>
          {Array.from({ length: lines }, (_, l) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder lines
            <View className='skeleton__line' key={l} style={{ width: l === 0 ? '45%' : l === lines - 1 ? '70%' : '100%' }} />
          ))}
        </View>
      ))}
    </View>
  )
}
