import { Text } from '@tarojs/components'
import type { ScoreList } from '@/core/api-types'
import { cx, hook } from '@/utils/cx'
import { dateTimeText } from '@/utils/format'

/**
 * Says where a score list's order and figures come from when it is not computed now: a large scope lists the
 * totals of the last 核算 (mode 'stored'); a small one may take ranks that need the whole county from it
 * ('storedRanks'). Nothing for a list computed now.
 */
export default function TallyNote({ list }: { list: Pick<ScoreList, 'mode' | 'talliedAt'> }) {
  if (!list.mode) return null
  const when = list.talliedAt ? `排名截至 最近核算 ${dateTimeText(list.talliedAt)}` : '尚未核算'
  const text =
    list.mode === 'stored'
      ? list.talliedAt
        ? `${when}（人数较多，按核算结果从高到低分页显示）`
        : '尚未核算：人数较多的范围按核算结果分页显示，请县委组织部先核算'
      : list.talliedAt
        ? `${when}（跨小区、跨单位的排名取自核算结果）`
        : '跨小区、跨单位的排名需先核算，暂缺'
  return <Text className={cx('hint', hook('tally-note'))}>{text}</Text>
}
