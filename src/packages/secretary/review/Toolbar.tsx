import { Text, View } from '@tarojs/components'
import { cx, hook } from '@/utils/cx'
import type { GroupMode, ReviewTab } from './useReview'
import { a11y } from '@/utils/a11y'

const TABS: { key: ReviewTab; label: string }[] = [
  { key: 'pending', label: '待审核' },
  { key: 'approved', label: '已通过' },
  { key: 'rejected', label: '未通过' },
  { key: 'revoked', label: '已撤销' },
]

const GROUPINGS: { key: GroupMode; label: string }[] = [
  { key: 'activity', label: '按活动' },
  { key: 'member', label: '按党员' },
]

interface ToolbarProps {
  tab: ReviewTab
  onTab: (t: ReviewTab) => void
  groupMode: GroupMode
  onGroupMode: (g: GroupMode) => void
}

/** The status tabs and the grouping chips. */
export default function Toolbar({ tab, onTab, groupMode, onGroupMode }: ToolbarProps) {
  return (
    <>
      <View className='review__tabs' {...a11y('tablist')}>
        {TABS.map((t) => (
          <Text
            {...a11y('tab', { selected: tab === t.key })}
            key={t.key}
            className={cx('review__tab', tab === t.key && 'review__tab--on', hook(`review-tab-${t.key}`), tab === t.key && hook('is-on'))}
            onClick={() => onTab(t.key)}
          >
            {t.label}
          </Text>
        ))}
      </View>
      <View className='review__grouping' {...a11y('tablist')}>
        <Text className='muted'>分组：</Text>
        {GROUPINGS.map((g) => (
          <Text
            {...a11y('tab', { selected: groupMode === g.key })}
            key={g.key}
            className={cx(
              'review__chip',
              groupMode === g.key && 'review__chip--on',
              hook(`review-group-by-${g.key}`),
              groupMode === g.key && hook('is-on'),
            )}
            onClick={() => onGroupMode(g.key)}
          >
            {g.label}
          </Text>
        ))}
      </View>
    </>
  )
}
