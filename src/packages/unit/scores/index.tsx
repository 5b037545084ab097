import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import AsyncView from '@/components/AsyncView'
import type { EmptyStateProps } from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { currentYear, score2 } from '@/utils/format'
import { UNIT_IMPORT_URL } from '@/utils/routes'
import { useScoreEdits } from './useScoreEdits'
import './index.scss'
import { a11y } from '@/utils/a11y'

// Also what a user without a unit branch sees: nothing was asked, so there is nothing yet.
const NONE: EmptyStateProps = { title: '本支部还没有党员', hint: '党员完成双报到或县委组织部导入名册后会出现在这里。' }

/** 单位积分: the unit secretary types each member's score on the unit's own scale (or imports a sheet). */
export default function UnitScores() {
  const scope = useScope('unit_secretary')
  const [year, setYear] = useState(currentYear)
  const list = useAction('unitScore.list', scope.scopeId ? { unitBranchId: scope.scopeId, year } : null, [scope.scopeId, year])
  usePullRefresh(list.reload)
  const rows = list.data ?? []
  const scores = useScoreEdits(rows, scope.scopeId, year, list.reload)

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  return (
    <View className='page unit-scores'>
      <ScopeBar label='单位党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <View className='section-title'>
        <Text
          {...a11y('button', { label: `上一年度，${year - 1} 年` })}
          className={cx('link', hook('unit-year-prev'))}
          onClick={() => setYear(year - 1)}
        >
          ‹ {year - 1}
        </Text>
        <Text>{year} 年度</Text>
        <Text
          {...a11y('button', { label: `下一年度，${year + 1} 年`, disabled: year >= currentYear() })}
          className='link'
          onClick={() => year < currentYear() && setYear(year + 1)}
        >
          {year < currentYear() ? `${year + 1} ›` : ' '}
        </Text>
      </View>
      <View className='notice'>按本单位原有的党员积分制度录入，系统按“单位满分”折算为百分制，占年度总分的 50%。</View>
      <View
        {...a11y('link')}
        className={cx('card unit-scores__import', hook('unit-scores-import'))}
        onClick={() => Taro.navigateTo({ url: UNIT_IMPORT_URL })}
      >
        <Text>人数多？从 Excel / CSV 表格导入</Text>
        <Text className='link'>导入 ›</Text>
      </View>
      <AsyncView state={list} waiting={scope.loading} skeleton={{ cards: 3 }} isEmpty={(r) => r.length === 0} empty={NONE} idle={NONE}>
        {(shown) => (
          <View>
            <View className='card'>
              <View className='unit-scores__row'>
                <Text className='unit-scores__name'>单位满分</Text>
                <Input
                  className={cx('field-input unit-scores__input', hook('unit-fullscale'))}
                  type='digit'
                  value={scores.fullScale}
                  onInput={(e) => scores.setFullScale(e.detail.value)}
                />
              </View>
            </View>
            <View className='card'>
              {shown.map((r) => (
                <View className={cx('unit-scores__row', hook('unit-score-row'))} key={r.memberId}>
                  <View className='unit-scores__who'>
                    <Text className='unit-scores__name'>{r.name}</Text>
                    <Text className='muted'>{r.unitScore === null ? '未录入' : `折算 ${score2(r.unitScore)}`}</Text>
                  </View>
                  <Input
                    className={cx('field-input unit-scores__input', hook('unit-score-input', `unit-score-input-${r.memberId}`))}
                    type='digit'
                    value={scores.inputs[r.memberId] ?? ''}
                    placeholder='分数'
                    onInput={(e) => scores.edit(r.memberId, e.detail.value)}
                  />
                </View>
              ))}
            </View>
            <Button
              className={cx('btn btn-primary', hook('unit-save'))}
              disabled={scores.busy || undefined}
              loading={scores.busy}
              onClick={scores.save}
            >
              保存
            </Button>
          </View>
        )}
      </AsyncView>
    </View>
  )
}
