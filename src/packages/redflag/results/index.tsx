import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import EmptyState from '@/components/EmptyState'
import YearSwitch from '@/components/YearSwitch'
import { useAction, useMe } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { currentYear } from '@/utils/format'
import { campaignYear } from '../shared'
import '../index.scss'

/** The 红旗小区 of any year (every year kept), with the subsidy line of each: amount, paid on, by whom. */
export default function Results() {
  const { params } = useRouter()
  const { me } = useMe()
  const [year, setYear] = useState(Number(params.year) || campaignYear())
  const results = useAction('redflag.results', me ? { year } : null, [me?.openid, year])
  const d = results.data
  return (
    <View className='page rf'>
      <YearSwitch year={year} onChange={setYear} max={currentYear()} />
      {d === null ? (
        <EmptyState title={`${year} 年度没有红旗小区名单`} />
      ) : d ? (
        <View className='card'>
          <Text className={cx('rf__title', hook('rf-results-state'))}>
            {d.year} 年度红旗小区{d.final ? '' : '（公示中，尚未最终确定）'}
          </Text>
          {d.estates.map((e) => (
            <View key={e.estateBranchId} className={cx('rf__row', hook('rf-results-estate'))}>
              <Text>
                {e.name}（{e.streetName}）
              </Text>
              <Text>
                补助 {e.subsidyYuan} 元{e.paidOn ? ` · ${e.paidOn} 由${e.paidBy}发放` : ' · 待发放'}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
