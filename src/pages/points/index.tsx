import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import AsyncView from '@/components/AsyncView'
import MemberGate from '@/components/MemberGate'
import { useAction, useMe, usePullRefresh, useReloadOnShow } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { currentYear } from '@/utils/format'
import { PointsView } from './PointsView'
import './index.scss'
import { a11y } from '@/utils/a11y'

export default function Points() {
  const { me, loading, error, reload, isMember } = useMe()
  const [year, setYear] = useState(currentYear)
  const score = useAction('score.mine', isMember ? { year } : null, [isMember, year])
  const estateBranchId = me?.member?.estateBranchId
  const publicity = useAction('publicity.get', isMember && estateBranchId ? { estateBranchId, year } : null, [isMember, estateBranchId, year])
  usePullRefresh(reload, score.reload, publicity.reload)
  useReloadOnShow(score.reload, publicity.reload)

  return (
    <View className='page points'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        <View className='points__years'>
          <Text
            {...a11y('button', { label: `上一年度，${year - 1} 年` })}
            className={cx('points__year-btn', hook('points-year-prev'))}
            onClick={() => setYear(year - 1)}
          >
            ‹ {year - 1}
          </Text>
          <Text className={cx('points__year', hook('points-year'))}>{year} 年度</Text>
          {year < currentYear() ? (
            <Text
              {...a11y('button', { label: `下一年度，${year + 1} 年` })}
              className={cx('points__year-btn', hook('points-year-next'))}
              onClick={() => setYear(year + 1)}
            >
              {year + 1} ›
            </Text>
          ) : (
            <Text className='points__year-btn points__year-btn--off'> </Text>
          )}
        </View>
        <AsyncView state={score} skeleton={{ cards: 3 }} stale={(d) => d.year !== year}>
          {(d) => <PointsView score={d} publicity={publicity.data?.year === year ? publicity.data : null} />}
        </AsyncView>
      </MemberGate>
    </View>
  )
}
