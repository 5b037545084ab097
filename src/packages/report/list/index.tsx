import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { DutyReportList } from '@/core/api-types'
import AsyncView from '@/components/AsyncView'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import YearSwitch from '@/components/YearSwitch'
import { useAction, useBusy, usePullRefresh, useReloadOnShow, useScope } from '@/hooks'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { a11y } from '@/utils/a11y'
import { cx, hook } from '@/utils/cx'
import { DUTY_STATUS_LABEL, defaultReportYear, gradeLabel, sortForReader } from '@/utils/duty-report'
import { dateTimeText, todayShanghai } from '@/utils/format'
import { dutyReportReadUrl } from '@/utils/routes'

type Row = DutyReportList['rows'][number]

/** 下级述职: the level above's table of its child orgs — 未报 (with 催报), 已报 (to read) and 已阅 with grade and comment. */
export default function DutyReports() {
  const scope = useScope(['community_admin', 'street_admin', 'county_admin'])
  const [year, setYear] = useState(() => defaultReportYear(todayShanghai()))
  const list = useAction('report.list', scope.scopeId ? { orgId: scope.scopeId, year } : null, [scope.scopeId, year])
  usePullRefresh(list.reload)
  useReloadOnShow(list.reload)

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  return (
    <View className='page duty-reports'>
      <ScopeBar label='本级组织' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <YearSwitch year={year} onChange={setYear} />
      <AsyncView
        state={list}
        waiting={scope.loading}
        skeleton={{ cards: 3 }}
        stale={(d) => d.year !== year || d.orgId !== scope.scopeId}
        isEmpty={(d) => d.rows.length === 0}
        empty={{ title: '没有下级组织', hint: '社区的下级是小区党支部，街道的是社区，县的是街道。' }}
      >
        {(d) => (
          <View>
            <View className={cx('card', hook('duty-summary'))}>
              <Text>
                共 {d.counts.total} 个：未报 {d.counts.none}，待阅 {d.counts.submitted}，已阅 {d.counts.read}
              </Text>
            </View>
            {sortForReader(d.rows).map((r) => (
              <ReportRow key={r.orgId} r={r} year={d.year} onReminded={list.reload} />
            ))}
          </View>
        )}
      </AsyncView>
    </View>
  )
}

function ReportRow({ r, year, onReminded }: { r: Row; year: number; onReminded: () => unknown }) {
  const { busy, run } = useBusy()
  const remind = () =>
    run(async () => {
      const res = await callAction('report.remind', { orgId: r.orgId, year })
      if (res.sent === 0) showInfo('该组织还没有书记或管理员账号，未发送')
      else showSuccess(res.repeated ? '今天已催报过' : `已提醒 ${res.sent} 人`)
      await onReminded()
    })
  const open = () => Taro.navigateTo({ url: dutyReportReadUrl(r.orgId, year) })
  return (
    <View className={cx('card', hook('duty-row'))}>
      <View className='section-title'>
        <Text className={hook('duty-row-name')}>{r.orgName}</Text>
        <Text
          className={cx(
            'status-badge',
            `status-badge--${r.status === 'read' ? 'approved' : r.status === 'none' ? 'rejected' : 'pending'}`,
            hook('duty-row-status'),
          )}
        >
          {DUTY_STATUS_LABEL[r.status]}
        </Text>
      </View>
      {r.status === 'none' ? (
        <View>
          <Text className='muted'>{r.remindedAt ? `最近催报：${dateTimeText(r.remindedAt)}` : '尚未催报'}</Text>
          <Button className={cx('btn btn-plain', hook('duty-remind'))} disabled={busy || undefined} loading={busy} onClick={remind}>
            催报
          </Button>
        </View>
      ) : (
        <View {...a11y('link', { label: `阅读${r.orgName}的述职` })} className={hook('duty-open')} onClick={open}>
          <View>
            <Text className='muted'>
              第 {r.version} 版{r.submittedAt ? `，${dateTimeText(r.submittedAt)} 提交` : ''}
            </Text>
          </View>
          {r.status === 'read' ? (
            <View>
              <Text className={hook('duty-row-grade')}>
                等次：{gradeLabel(r.grade)}　评语：{r.comment}
              </Text>
            </View>
          ) : null}
          <View>
            <Text className='link'>{r.status === 'read' ? '查看 ›' : '阅读并评定 ›'}</Text>
          </View>
        </View>
      )}
    </View>
  )
}
