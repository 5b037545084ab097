import { useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import AsyncView from '@/components/AsyncView'
import type { EmptyStateProps } from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ExportButtons from '@/components/ExportButtons'
import LoadMore from '@/components/LoadMore'
import OptionPicker from '@/components/OptionPicker'
import ScopeBar from '@/components/ScopeBar'
import ScoreTable from '@/components/ScoreTable'
import TallyNote from '@/components/TallyNote'
import YearSwitch from '@/components/YearSwitch'
import { useAction, useMoreScores, usePullRefresh, useScope } from '@/hooks'
import { callAction } from '@/services/api'
import { currentYear, dateTimeText } from '@/utils/format'
import { useBusy } from '@/hooks/useBusy'
import { cx, hook } from '@/utils/cx'
import { showInfo, showSuccess } from '@/services/feedback'
import './index.scss'

// Also what a user without an estate sees: nothing was asked, so there is nothing yet.
const NONE: EmptyStateProps = { title: '还没有已报到的党员', hint: '党员完成双报到后会出现在这里。' }

export default function EstateScores() {
  const scope = useScope('estate_secretary')
  const [year, setYear] = useState(currentYear)
  const body = scope.scopeId ? { year, scopeId: scope.scopeId } : null
  const list = useAction('score.list', body, [scope.scopeId, year])
  usePullRefresh(list.reload)
  // An estate of more than 1,000 members comes in pages of the last 核算's totals: more at the bottom.
  const pages = useMoreScores(list.data, body)
  useReachBottom(() => void pages.more())
  const rows = pages.list?.rows ?? []
  const incomplete = rows.filter((r) => !r.complete).length

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  return (
    <View className='page'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <YearSwitch year={year} onChange={setYear} />
      <AsyncView state={list} waiting={scope.loading} skeleton={{ cards: 3 }} isEmpty={(d) => d.rows.length === 0} empty={NONE} idle={NONE}>
        {() => (
          <View>
            <View className='card'>
              <Text className='hint'>
                共 {rows.length} 人{incomplete ? `，其中 ${incomplete} 人单位积分尚未录入（总分未完成）` : ''}。排名仅供书记掌握情况，不对外公布。
              </Text>
              {pages.list ? <TallyNote list={pages.list} /> : null}
              <ScoreTable rows={rows} />
              {pages.paged ? (
                <LoadMore hasMore={!!pages.list?.next} loading={pages.loadingMore} onMore={() => void pages.more()} shown={rows.length} />
              ) : null}
            </View>
            {scope.scopeId ? (
              <RemarkForm estateBranchId={scope.scopeId} year={year} members={rows.map((r) => ({ value: r.memberId, label: r.name }))} />
            ) : null}
            <ExportButtons kinds={['totals', 'ledger', 'roster']} scopeId={scope.scopeId} scopeName={scope.scopeName} year={year} />
          </View>
        )}
      </AsyncView>
    </View>
  )
}

/** 双报告 评语: the estate's word on a member, sent with the feedback table to their unit branch; read back here. */
function RemarkForm({ estateBranchId, year, members }: { estateBranchId: string; year: number; members: { value: string; label: string }[] }) {
  const sent = useAction('feedback.remarks', { estateBranchId, year }, [estateBranchId, year])
  const byMember = new Map((sent.data?.year === year ? sent.data.rows : []).map((r) => [r.memberId, r]))
  const [memberId, setMemberId] = useState<string | null>(null)
  const [remark, setRemark] = useState('')
  const { busy, run } = useBusy()
  const written = members.filter((m) => byMember.has(m.value)).length

  const save = async () => {
    if (!memberId) return showInfo('请选择党员')
    const text = remark.trim()
    if (!text) return showInfo('请填写评语')
    await run(async () => {
      await callAction('feedback.remark', { memberId, year, remark: text })
      showSuccess('评语已保存')
      await sent.reload()
    })
  }

  const current = memberId ? byMember.get(memberId) : undefined
  return (
    <View className={cx('card', hook('scores-remark'))}>
      <Text className='scores__title'>双报告评语</Text>
      <Text className='hint'>写给党员所在单位党支部，随“在职党员社区表现反馈表”一并反馈；再次保存会替换原评语。</Text>
      <Text className={cx('hint', hook('remark-progress'))}>{sent.data ? `已写 ${written} / ${members.length} 人` : '正在读取已写的评语…'}</Text>
      <View className='field scores__field'>
        <OptionPicker
          className={hook('remark-member')}
          options={members.map((m) => ({ value: m.value, label: byMember.has(m.value) ? `${m.label}（已写）` : m.label }))}
          value={memberId}
          onChange={(id) => {
            setMemberId(id)
            setRemark(byMember.get(id)?.remark ?? '')
          }}
          placeholder='选择党员'
        />
      </View>
      {current ? <Text className={cx('hint', hook('remark-saved-at'))}>上次保存：{dateTimeText(current.at)}</Text> : null}
      <Textarea
        className={cx('field-textarea', hook('remark-text'))}
        value={remark}
        maxlength={300}
        placeholder='如：积极参加小区志愿服务，热心邻里事务'
        onInput={(e) => setRemark(e.detail.value)}
      />
      <Button className={cx('btn btn-primary', hook('remark-save'))} disabled={busy || undefined} loading={busy} onClick={save}>
        保存评语
      </Button>
    </View>
  )
}
