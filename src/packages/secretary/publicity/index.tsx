import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AppealStatus, AppealView, PublicityView } from '@/core/api-types'
import DateTimeField from '@/components/DateTimeField'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import YearSwitch from '@/components/YearSwitch'
import { useAction, usePullRefresh, useScope } from '@/hooks'
import { callAction, rowsOf } from '@/services/api'
import { APPEAL_STATUS_LABEL, APPEAL_TARGET_LABEL } from '@/utils/appeal'
import { currentYear, dateTimeText, monthDay, parseSignedScore, signedPoints, todayShanghai } from '@/utils/format'
import './index.scss'
import { useBusy } from '@/hooks/useBusy'
import { cx, hook } from '@/utils/cx'
import { showInfo } from '@/services/feedback'
import Field from '@/components/Field'

const STATE_LABEL: Record<PublicityView['status'], string> = { scheduled: '未开始', open: '公示中', ended: '已结束' }
const TABS: AppealStatus[] = ['open', 'accepted', 'rejected']
const TAB_LABEL: Record<AppealStatus, string> = { open: '待处理', accepted: '已采纳', rejected: '未采纳' }

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
  const { busy, run } = useBusy()

  const unscored = rowsOf(scores.data).filter((r) => !r.complete)

  const open = async () => {
    if (!estateBranchId) return
    if (startOn < todayShanghai()) {
      showInfo('开始日期不能早于今天')
      return
    }
    const { confirm } = await Taro.showModal({
      title: '开始公示',
      content: `将从 ${monthDay(startOn)} 起公示 ${year} 年度积分 5 个工作日（周末和节假日不计）。开始后不能撤回或更改日期，确定吗？`,
      confirmText: '开始公示',
    })
    if (!confirm) return
    await run(async () => {
      const p = await callAction('publicity.open', { estateBranchId, year, startOn })
      showInfo(`公示至 ${monthDay(p.endOn)}`)
      await pub.reload()
    })
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!estateBranchId) return <View className='page'>{<EmptyState title='仅小区党支部书记可用' hint='公示与申诉由小区党支部书记负责。' />}</View>

  const p = pub.data
  return (
    <View className='page publicity'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <YearSwitch year={year} onChange={setYear} />

      {pub.error && pub.data === undefined ? (
        <ErrorView error={pub.error} onRetry={pub.reload} />
      ) : pub.data === undefined ? (
        <Skeleton cards={1} />
      ) : p ? (
        <View className={cx('card publicity__status', hook('publicity-status', `publicity-status--${p.status}`))}>
          <View className='publicity__status-head'>
            <Text className='publicity__status-title'>年度积分公示</Text>
            <Text className={cx('publicity__state', `publicity__state--${p.status}`, hook('publicity-state'))}>{STATE_LABEL[p.status]}</Text>
          </View>
          <Text className={cx('publicity__range', hook('publicity-range'))}>
            {monthDay(p.startOn)}至 {monthDay(p.endOn)}（{p.workingDays} 个工作日）
          </Text>
          <Text className='hint'>
            {p.status === 'open'
              ? '公示期内党员可对积分流水、被驳回的签到或总分提出申诉，请及时答复。'
              : p.status === 'scheduled'
                ? '公示开始后党员即可提出申诉。'
                : '公示已结束。所有申诉答复完毕后，县委组织部即可定稿。'}
          </Text>
        </View>
      ) : (
        <View className={cx('card', hook('publicity-none'))}>
          <Text className='publicity__status-title'>尚未公示</Text>
          <Text className='hint publicity__intro'>
            公示不少于 5 个工作日（周末和县里设定的节假日不计）。公示期内党员可提出申诉；各小区公示结束、申诉答复完毕后，县委组织部定稿。
          </Text>
          {unscored.length ? (
            <View className='notice publicity__warn'>还有 {unscored.length} 人的单位积分未录入，总分未完成，建议先提醒其单位党支部录入。</View>
          ) : null}
          <Field label='开始日期'>
            <DateTimeField className={hook('publicity-start')} mode='date' value={startOn} onChange={setStartOn} />
          </Field>
          <Button className={cx('btn btn-primary', hook('publicity-open'))} disabled={busy || undefined} loading={busy} onClick={open}>
            开始公示
          </Button>
        </View>
      )}

      <View className='section-title'>
        <Text>申诉</Text>
      </View>
      <View className='publicity__tabs'>
        {TABS.map((t) => (
          <Text
            key={t}
            className={cx('publicity__tab', tab === t && 'publicity__tab--on', hook(`publicity-tab-${t}`), tab === t && hook('is-active'))}
            onClick={() => setTab(t)}
          >
            {TAB_LABEL[t]}
          </Text>
        ))}
      </View>
      {appeals.error && !appeals.data ? (
        <ErrorView error={appeals.error} onRetry={appeals.reload} />
      ) : !appeals.data || appeals.loading ? (
        <Skeleton cards={1} />
      ) : appeals.data.length === 0 ? (
        <EmptyState
          className={hook('publicity-no-appeals')}
          title={tab === 'open' ? '没有待处理的申诉' : `没有${TAB_LABEL[tab]}的申诉`}
          hint={tab === 'open' ? '党员在公示期内提出的申诉会出现在这里。下拉可刷新。' : undefined}
        />
      ) : (
        appeals.data.map((a) => <AppealItem key={a.appealId} a={a} onDone={() => appeals.reload()} />)
      )}

      <View className='section-title'>
        <Text>单位积分未录入</Text>
        <Text className='muted'>{scores.data ? `${unscored.length} 人` : ''}</Text>
      </View>
      {scores.error && !scores.data ? (
        <ErrorView error={scores.error} onRetry={scores.reload} />
      ) : !scores.data ? (
        <Skeleton cards={1} lines={2} />
      ) : unscored.length === 0 ? (
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
      )}
    </View>
  )
}

function AppealItem({ a, onDone }: { a: AppealView; onDone: () => Promise<void> }) {
  const [answer, setAnswer] = useState('')
  const [points, setPoints] = useState('')
  const { busy, run } = useBusy()

  const resolve = async (decision: 'accept' | 'reject') => {
    const reason = answer.trim()
    if (!reason) {
      showInfo('请填写答复理由')
      return
    }
    let adjust: number | undefined
    if (points.trim()) {
      const n = parseSignedScore(points)
      if (n === null || n < -100 || n > 100 || n === 0) {
        showInfo('调整分值应为 -100 到 100 之间、最多两位小数的非零数')
        return
      }
      if (decision === 'reject') {
        showInfo('不采纳时不调整分值，请清空调整分值')
        return
      }
      adjust = n
    }
    await run(async () => {
      await callAction('appeal.resolve', { appealId: a.appealId, decision, reason, ...(adjust !== undefined ? { points: adjust } : {}) })
      showInfo(decision === 'accept' ? (adjust ? `已采纳，${signedPoints(adjust)} 分` : '已采纳') : '已答复')
      await onDone()
    })
  }

  return (
    <View className={cx('card publicity__appeal', hook('publicity-appeal', `publicity-appeal--${a.status}`))}>
      <View className='publicity__appeal-head'>
        <Text className='publicity__appeal-name'>{a.memberName || a.memberId}</Text>
        <Text className='muted'>{APPEAL_STATUS_LABEL[a.status]}</Text>
      </View>
      <Text className='muted'>
        对{APPEAL_TARGET_LABEL[a.target]}的申诉{a.targetTitle ? `（${a.targetTitle}）` : ''} · {dateTimeText(a.createdAt)}
      </Text>
      <Text className='publicity__appeal-reason'>{a.reason}</Text>
      {a.status === 'open' ? (
        <View className='publicity__answer'>
          <Textarea
            className={cx('field-textarea', hook('publicity-answer'))}
            value={answer}
            maxlength={500}
            placeholder='答复理由（必填，党员会看到）'
            onInput={(e) => setAnswer(e.detail.value)}
          />
          <View className='publicity__points-row'>
            <Text className='publicity__points-label'>调整分值</Text>
            <Input
              className={cx('field-input publicity__points', hook('publicity-points'))}
              type='text'
              value={points}
              maxlength={7}
              placeholder='如 2 或 -1，选填'
              onInput={(e) => setPoints(e.detail.value)}
            />
          </View>
          <Text className='hint'>采纳并填写分值时，会给该党员追加一条“申诉调整”积分流水。</Text>
          <View className='btn-row'>
            <Button className={cx('btn btn-primary', hook('publicity-accept'))} disabled={busy || undefined} onClick={() => resolve('accept')}>
              采纳
            </Button>
            <Button className={cx('btn btn-plain', hook('publicity-reject'))} disabled={busy || undefined} onClick={() => resolve('reject')}>
              不采纳
            </Button>
          </View>
        </View>
      ) : (
        <View className={cx('publicity__answered', hook('publicity-answered'))}>
          <Text className='muted'>答复{a.resolvedAt ? `（${dateTimeText(a.resolvedAt)}）` : ''}：</Text>
          <Text>{a.answer}</Text>
          {a.adjustmentId ? <Text className='publicity__adjusted'>已追加调整积分</Text> : null}
        </View>
      )}
    </View>
  )
}
