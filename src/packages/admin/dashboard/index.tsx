import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import BarChart from '@/components/BarChart'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ExportButtons from '@/components/ExportButtons'
import OptionPicker from '@/components/OptionPicker'
import Skeleton from '@/components/Skeleton'
import YearSwitch from '@/components/YearSwitch'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { rowsOf } from '@/services/api'
import { currentYear, score2 } from '@/utils/format'
import { percent, scopeOptions } from '../scopes'
import './index.scss'

/** 看板: how 双报到 and the estates' activities are going in a scope, for an estate, community, street and county. */
export default function Dashboard() {
  const scope = useScope(['county_admin', 'street_admin', 'community_admin', 'estate_secretary'])
  const orgs = useAction('org.list', scope.scopeId ? {} : null, [scope.scopeId])
  const [picked, setPicked] = useState<string | null>(null)
  const [year, setYear] = useState(currentYear)
  const target = picked ?? scope.scopeId
  const dash = useAction('dashboard.get', target ? { scopeId: target, year } : null, [target, year])
  usePullRefresh(dash.reload)

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!scope.scopeId)
    return (
      <View className='page'>{<EmptyState title='仅书记和管理员可用' hint='看板供小区党支部书记、社区党总支、街道党工委和县委组织部使用。' />}</View>
    )

  const options = scopeOptions(
    rowsOf(orgs.data),
    scope.scopes.map((s) => s.scopeId),
  )
  // The 双报告 table is for admins (an estate secretary writes the remarks instead).
  const isAdmin = scope.me?.roles.some((r) => r.role === 'county_admin' || r.role === 'street_admin' || r.role === 'community_admin') ?? false
  const d = dash.data?.scopeId === target && dash.data.year === year ? dash.data : undefined
  const bands = d ? [...Object.entries(d.distribution).map(([label, value]) => ({ label, value })), { label: '未完成', value: d.incomplete }] : []
  const maxRate = d ? Math.max(1, ...d.estates.map((e) => e.participationRate ?? 0)) : 1

  return (
    <View className='page dashboard'>
      {options.length > 1 ? (
        <View className='field'>
          <OptionPicker className='dashboard-scope' options={options} value={target} onChange={setPicked} placeholder='选择范围' />
        </View>
      ) : null}
      <YearSwitch year={year} onChange={setYear} />
      {dash.error && !d ? (
        <ErrorView error={dash.error} onRetry={dash.reload} />
      ) : !d ? (
        <Skeleton cards={3} />
      ) : (
        <View>
          <Text className='dashboard__scope dashboard-scope-name'>{d.scopeName}</Text>
          <View className='dashboard__tiles'>
            <View className='dashboard__tile dashboard-registration'>
              <Text className='dashboard__tile-label'>报到率</Text>
              <Text className='dashboard__tile-value'>{percent(d.registrationRate)}</Text>
              <Text className='dashboard__tile-sub'>
                已报到 {d.registered} / 名册 {d.directoryMembers}
              </Text>
            </View>
            <View className='dashboard__tile dashboard-participation'>
              <Text className='dashboard__tile-label'>参与率</Text>
              <Text className='dashboard__tile-value'>{percent(d.participationRate)}</Text>
              <Text className='dashboard__tile-sub'>
                参加活动 {d.participants} / 已报到 {d.registered}
              </Text>
            </View>
            <View className='dashboard__tile dashboard-average'>
              <Text className='dashboard__tile-label'>平均总分</Text>
              <Text className='dashboard__tile-value'>{d.averageTotal === null ? '—' : score2(d.averageTotal)}</Text>
              <Text className='dashboard__tile-sub'>总分未完成 {d.incomplete} 人不计</Text>
            </View>
            <View className={`dashboard__tile dashboard-todo ${d.pendingReviews || d.openAppeals ? 'dashboard__tile--warn' : ''}`}>
              <Text className='dashboard__tile-label'>待办</Text>
              <Text className='dashboard__tile-line dashboard-pending'>待审核签到 {d.pendingReviews}</Text>
              <Text className='dashboard__tile-line dashboard-appeals'>待处理申诉 {d.openAppeals}</Text>
            </View>
          </View>

          <View className='card dashboard-bands'>
            <Text className='dashboard__title'>总分等次分布</Text>
            <BarChart data={bands} layout='row' format={(n) => `${n} 人`} />
          </View>

          <View className='card dashboard-estates'>
            <Text className='dashboard__title'>各小区参与率排名</Text>
            {d.estates.length === 0 ? (
              <Text className='hint'>范围内没有小区。</Text>
            ) : (
              d.estates.map((e, k) => (
                <View className='dashboard__estate dashboard-estate' key={e.estateBranchId}>
                  <Text className='dashboard__rank'>{k + 1}</Text>
                  <View className='dashboard__estate-main'>
                    <View className='dashboard__estate-head'>
                      <Text className='dashboard__estate-name'>{e.name}</Text>
                      <Text className='dashboard__estate-rate'>{percent(e.participationRate)}</Text>
                    </View>
                    <View className='dashboard__track'>
                      <View className='dashboard__fill' style={{ width: `${Math.round(((e.participationRate ?? 0) / maxRate) * 100)}%` }} />
                    </View>
                    <Text className='muted'>
                      参加 {e.participants} / 报到 {e.registered} / 名册 {e.directory}
                    </Text>
                  </View>
                </View>
              ))
            )}
          </View>
          <ExportButtons
            kinds={isAdmin ? ['totals', 'ledger', 'roster', 'feedback'] : ['totals', 'ledger', 'roster']}
            scopeId={target}
            scopeName={d.scopeName}
            year={year}
          />
        </View>
      )}
    </View>
  )
}
