import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import AsyncView from '@/components/AsyncView'
import BarChart from '@/components/BarChart'
import ScopeGate from '@/components/ScopeGate'
import ExportButtons from '@/components/ExportButtons'
import OptionPicker from '@/components/OptionPicker'
import YearSwitch from '@/components/YearSwitch'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { currentYear } from '@/utils/format'
import { scopeOptions } from '../scopes'
import EstateRanking from './EstateRanking'
import Tiles from './Tiles'
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

  const options = scopeOptions(
    orgs.data ?? [],
    scope.scopes.map((s) => s.scopeId),
  )
  // The 双报告 table is for admins (an estate secretary writes the remarks instead).
  const isAdmin = scope.me?.roles.some((r) => r.role === 'county_admin' || r.role === 'street_admin' || r.role === 'community_admin') ?? false
  // Only the answer for the scope and year on screen counts; another one waits behind the placeholder.
  const current = dash.data?.scopeId === target && dash.data.year === year ? dash.data : undefined

  return (
    <ScopeGate scope={scope} empty={{ title: '仅书记和管理员可用', hint: '看板供小区党支部书记、社区党总支、街道党工委和县委组织部使用。' }}>
      {() => (
        <View className='page dashboard'>
          {options.length > 1 ? (
            <View className='field'>
              <OptionPicker className={hook('dashboard-scope')} options={options} value={target} onChange={setPicked} placeholder='选择范围' />
            </View>
          ) : null}
          <YearSwitch year={year} onChange={setYear} />
          <AsyncView state={{ ...dash, data: current }} skeleton={{ cards: 3 }}>
            {(d) => (
              <View>
                <Text className={cx('dashboard__scope', hook('dashboard-scope-name'))}>{d.scopeName}</Text>
                <Tiles d={d} />
                <View className={cx('card', hook('dashboard-bands'))}>
                  <Text className='dashboard__title'>总分等次分布</Text>
                  <BarChart
                    data={[...Object.entries(d.distribution).map(([label, value]) => ({ label, value })), { label: '未完成', value: d.incomplete }]}
                    layout='row'
                    format={(n) => `${n} 人`}
                  />
                </View>
                <EstateRanking estates={d.estates} />
                <ExportButtons
                  kinds={isAdmin ? ['totals', 'ledger', 'roster', 'feedback'] : ['totals', 'ledger', 'roster']}
                  scopeId={target}
                  scopeName={d.scopeName}
                  year={year}
                />
              </View>
            )}
          </AsyncView>
        </View>
      )}
    </ScopeGate>
  )
}
