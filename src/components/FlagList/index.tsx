import { Text, View } from '@tarojs/components'
import { flagText } from '@/utils/format'
import './index.scss'
import { cx, hook } from '@/utils/cx'

export interface FlagListProps {
  /** Review flags from the server (no_location, static_code, …). */
  flags: string[]
  /** A sentence above the chips, e.g. why these matter to the member. */
  lead?: string
  className?: string
}

/** Why a check-in needs review, in words (one vocabulary: src/core/flags.ts); nothing when there are no flags. */
export default function FlagList({ flags, lead, className }: FlagListProps) {
  if (!flags.length) return null
  return (
    <View className={cx('flag-list', className)}>
      {lead ? <Text className='flag-list__lead'>{lead}</Text> : null}
      <View className='flag-list__chips'>
        {flags.map((f) => (
          <Text className={cx('flag-chip', `flag-chip--${f}`, hook('flag-item', `flag-item--${f}`))} key={f}>
            {flagText(f)}
          </Text>
        ))}
      </View>
    </View>
  )
}
