import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { FeedbackRow } from '@/core/api-types'
import AsyncView from '@/components/AsyncView'
import ErrorView from '@/components/ErrorView'
import ExportButtons from '@/components/ExportButtons'
import ScopeBar from '@/components/ScopeBar'
import YearSwitch from '@/components/YearSwitch'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { currentYear, dateText, score2 } from '@/utils/format'
import './index.scss'

/** 双报告: how each member of the unit branch does in the estate where they live (在职党员社区表现反馈表). */
export default function UnitFeedback() {
  const scope = useScope('unit_secretary')
  const [year, setYear] = useState(currentYear)
  const list = useAction('feedback.list', scope.scopeId ? { unitBranchId: scope.scopeId, year } : null, [scope.scopeId, year])
  usePullRefresh(list.reload)
  const rows = list.data?.rows ?? []
  const registered = rows.filter((r) => r.registered).length

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  return (
    <View className='page feedback'>
      <ScopeBar label='单位党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <YearSwitch year={year} onChange={setYear} />
      <AsyncView
        state={list}
        waiting={scope.loading}
        skeleton={{ cards: 3 }}
        isEmpty={() => rows.length === 0}
        empty={{ title: '本支部还没有党员', hint: '县委组织部导入名册或党员完成双报到后会出现在这里。' }}
      >
        {(d) => (
          <View>
            <View className={cx('card feedback__summary', hook('feedback-summary'))}>
              <Text>
                共 {rows.length} 人，已向小区报到 {registered} 人{rows.length - registered ? `，未报到 ${rows.length - registered} 人` : ''}。
              </Text>
              <Text className='hint'>由各小区党支部根据活动记录和积分生成，评语由小区党支部书记填写。</Text>
            </View>
            {rows.map((r) => (
              <FeedbackCard key={r.memberId} r={r} />
            ))}
            <ExportButtons kinds={['feedback']} scopeId={scope.scopeId} year={year} scopeName={d.unitBranchName} />
          </View>
        )}
      </AsyncView>
    </View>
  )
}

function FeedbackCard({ r }: { r: FeedbackRow }) {
  return (
    <View className={cx('card feedback__row', !r.registered && 'feedback__row--off', hook('feedback-row'))}>
      <View className='feedback__head'>
        <Text className='feedback__name'>{r.name}</Text>
        <Text className={cx('feedback__state', r.registered && 'feedback__state--on')}>{r.registered ? '已报到' : '未报到'}</Text>
      </View>
      {r.registered ? (
        <View>
          <Text className='muted'>{r.estateBranchName || '—'}</Text>
          <View className='feedback__facts'>
            <View className='feedback__fact'>
              <Text className='feedback__num'>{r.activities}</Text>
              <Text className='muted'>参加活动</Text>
            </View>
            <View className='feedback__fact'>
              <Text className='feedback__num'>{r.hours}</Text>
              <Text className='muted'>服务小时</Text>
            </View>
            <View className='feedback__fact'>
              <Text className={cx('feedback__num', hook('feedback-estate-score'))}>{score2(r.estateScore)}</Text>
              <Text className='muted'>小区积分</Text>
            </View>
          </View>
          <View className='feedback__remark'>
            <Text className='muted'>小区党支部评语{r.remarkAt ? `（${dateText(r.remarkAt)}）` : ''}：</Text>
            <Text className={hook('feedback-remark')}>{r.remark || '暂无'}</Text>
          </View>
        </View>
      ) : (
        <Text className='hint'>尚未向居住地小区党支部报到，请提醒其完成双报到。</Text>
      )}
    </View>
  )
}
