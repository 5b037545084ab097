import { Button, Text, View } from '@tarojs/components'
import './index.scss'
import { cx } from '@/utils/cx'

export interface EmptyStateProps {
  title: string
  /** What to do next, in one sentence. */
  hint?: string
  actionText?: string
  onAction?: () => void
  className?: string
}

export default function EmptyState({ title, hint, actionText, onAction, className }: EmptyStateProps) {
  return (
    <View className={cx('empty-state', className)}>
      <View className='empty-state__icon'>
        <Text>○</Text>
      </View>
      <Text className='empty-state__title'>{title}</Text>
      {hint ? <Text className='empty-state__hint'>{hint}</Text> : null}
      {actionText && onAction ? (
        <Button className='btn btn-plain empty-state__action' onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  )
}
