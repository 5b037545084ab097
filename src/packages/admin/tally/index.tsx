import { useState } from 'react'
import { View } from '@tarojs/components'
import ScopeGate from '@/components/ScopeGate'
import { useAction, useScope } from '@/hooks'
import { currentYear } from '@/utils/format'
import FinaliseCard from './FinaliseCard'
import TallyRun from './TallyRun'
import ViewScores from './ViewScores'
import './index.scss'

/** 核算与定稿: the county tallies and finalises a year; street and community admins view and export their scope's scores. */
export default function Tally() {
  const scope = useScope(['county_admin', 'street_admin', 'community_admin'])
  const isCounty = scope.me?.roles.some((r) => r.role === 'county_admin') ?? false
  const orgs = useAction('org.list', scope.scopeId ? {} : null, [scope.scopeId])
  const [yearText, setYearText] = useState(String(currentYear()))
  const year = Number(yearText)
  const yearOk = Number.isInteger(year) && year >= 2000 && year <= 2100
  const settings = useAction('settings.get', scope.scopeId && yearOk ? { year } : null, [scope.scopeId, year, yearOk])

  const orgRows = orgs.data ?? []
  const countyRoots = scope.me?.roles.filter((r) => r.role === 'county_admin').map((r) => r.scopeId) ?? []

  return (
    <ScopeGate scope={scope} empty={{ title: '仅管理员可用', hint: '核算由县委组织部进行，街道和社区可查看本范围积分。' }}>
      {(scopeId) => (
        <View className='page tally'>
          <TallyRun
            yearText={yearText}
            onYearText={setYearText}
            year={year}
            yearOk={yearOk}
            isCounty={isCounty}
            orgs={orgRows}
            countyRoots={countyRoots}
          />
          <FinaliseCard year={year} yearOk={yearOk} isCounty={isCounty} settings={settings} />
          <ViewScores year={year} yearOk={yearOk} orgs={orgRows} scopeId={scopeId} roots={scope.scopes.map((s) => s.scopeId)} />
        </View>
      )}
    </ScopeGate>
  )
}
