import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import AsyncView from '@/components/AsyncView'
import ScopeGate from '@/components/ScopeGate'
import ScopeBar from '@/components/ScopeBar'
import YearSwitch from '@/components/YearSwitch'
import type { AppealStatus } from '@/core/api-types'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import { currentYear, todayShanghai } from '@/utils/format'
import AppealItem from './AppealItem'
import { OpenForm, StatusCard } from './Status'
import './index.scss'
import { a11y } from '@/utils/a11y'

const TABS: AppealStatus[] = ['open', 'accepted', 'rejected']
const TAB_LABEL: Record<AppealStatus, string> = { open: '待处理', accepted: '已采纳', rejected: '未采纳' }

/** 公示与申诉: the estate's yearly publicity period, the members' appeals, and whose unit score is still missing. */
export default function Publicity() {
  const scope = useScope('estate_secretary')
  const estateBranchId = scope.scopeId
  const [year, setYear] = useState(currentYear)
  const [tab, setTab] = useState<AppealStatus>('open')
  const pub = useAction('publicity.get', estateBranchId ? { estateBranchId, year } : null, [estateBranchId, year])
  const appeals = useAction('appeal.list', estateBranchId ? { estateBranchId, year, status: tab } : null, [estateBranchId, year, tab])
  const scores = useAction('score.list', estateBranchId ? { year, scopeId: estateBranchId } : null, [estateBranchId, year])
  usePullRefresh(pub.reload, appeals.reload, scores.reload)
  const [startOn, setStartOn] = useState(todayShanghai)

  const unscored = (scores.data?.rows ?? []).filter((r) => !r.complete)

  return (
    <ScopeGate scope={scope} empty={{ title: '仅小区党支部书记可用', hint: '公示与申诉由小区党支部书记负责。' }}>
      {(scopeId) => (
        <View className='page publicity'>
          <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
          <YearSwitch year={year} onChange={setYear} />

          <AsyncView state={pub} skeleton={{ cards: 1 }}>
            {(p) =>
              p ? (
                <StatusCard p={p} />
              ) : (
                <OpenForm
                  estateBranchId={scopeId}
                  year={year}
                  unscored={unscored.length}
                  startOn={startOn}
                  onStartOn={setStartOn}
                  onOpened={pub.reload}
                />
              )
            }
          </AsyncView>

          <View className='section-title'>
            <Text>申诉</Text>
          </View>
          <View className='publicity__tabs' {...a11y('tablist')}>
            {TABS.map((t) => (
              <Text
                {...a11y('tab', { selected: tab === t })}
                key={t}
                className={cx('publicity__tab', tab === t && 'publicity__tab--on', hook(`publicity-tab-${t}`), tab === t && hook('is-active'))}
                onClick={() => setTab(t)}
              >
                {TAB_LABEL[t]}
              </Text>
            ))}
          </View>
          {/* Always the placeholder while loading: the list answered may be another tab's. */}
          <AsyncView
            state={appeals}
            skeleton={{ cards: 1 }}
            stale={() => true}
            isEmpty={(rows) => rows.length === 0}
            empty={{
              className: hook('publicity-no-appeals'),
              title: tab === 'open' ? '没有待处理的申诉' : `没有${TAB_LABEL[tab]}的申诉`,
              hint: tab === 'open' ? '党员在公示期内提出的申诉会出现在这里。下拉可刷新。' : undefined,
            }}
          >
            {(rows) => rows.map((a) => <AppealItem key={a.appealId} a={a} onDone={() => appeals.reload()} />)}
          </AsyncView>

          <View className='section-title'>
            <Text>单位积分未录入</Text>
            <Text className='muted'>{scores.data ? `${unscored.length} 人` : ''}</Text>
          </View>
          <AsyncView state={scores} skeleton={{ cards: 1, lines: 2 }}>
            {() =>
              unscored.length === 0 ? (
                <View className='card'>
                  <Text className={cx('hint', hook('publicity-all-scored'))}>本小区已报到党员的单位积分都已录入，总分完整。</Text>
                </View>
              ) : (
                <View className={cx('card', hook('publicity-unscored'))}>
                  <Text className='hint'>这些党员的单位党支部还没有录入单位积分，总分显示为“未完成”。请提醒其单位党支部书记录入。</Text>
                  <View className='publicity__names'>
                    {unscored.map((r) => (
                      <Text className={cx('publicity__name', hook('publicity-unscored-name'))} key={r.memberId}>
                        {r.name}
                      </Text>
                    ))}
                  </View>
                </View>
              )
            }
          </AsyncView>
        </View>
      )}
    </ScopeGate>
  )
}
