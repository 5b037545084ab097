import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import ScoreTable from '@/components/ScoreTable'
import Skeleton from '@/components/Skeleton'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { rowsOf } from '@/services/api'
import { currentYear } from '@/utils/format'

export default function EstateScores() {
  const scope = useScope('estate_secretary')
  const [year, setYear] = useState(currentYear)
  const list = useAction('score.list', scope.scopeId ? { year, scopeId: scope.scopeId } : null, [scope.scopeId, year])
  usePullRefresh(list.reload)
  const rows = rowsOf(list.data)
  const incomplete = rows.filter((r) => !r.complete).length

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  return (
    <View className='page'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <View className='section-title'>
        <Text className='link scores-year-prev' onClick={() => setYear(year - 1)}>
          ‹ {year - 1}
        </Text>
        <Text>{year} 年度</Text>
        <Text className='link' onClick={() => year < currentYear() && setYear(year + 1)}>
          {year < currentYear() ? `${year + 1} ›` : ' '}
        </Text>
      </View>
      {list.error && !list.data ? (
        <ErrorView error={list.error} onRetry={list.reload} />
      ) : scope.loading || (list.loading && !list.data) ? (
        <Skeleton cards={3} />
      ) : rows.length === 0 ? (
        <EmptyState title='还没有已报到的党员' hint='党员完成双报到后会出现在这里。' />
      ) : (
        <View className='card'>
          <Text className='hint'>
            共 {rows.length} 人{incomplete ? `，其中 ${incomplete} 人单位积分尚未录入（总分未完成）` : ''}。排名仅供书记掌握情况，不对外公布。
          </Text>
          <ScoreTable rows={rows} />
        </View>
      )}
    </View>
  )
}
