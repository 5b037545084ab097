import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { AppealTarget, AppealView } from '@/core/api-types'
import AsyncView from '@/components/AsyncView'
import Field from '@/components/Field'
import MemberGate from '@/components/MemberGate'
import { useAction, useBusy, useMe, usePullRefresh } from '@/hooks'
import { callAction } from '@/services/api'
import { showSuccess } from '@/services/feedback'
import { askFor } from '@/services/subscribe'
import { APPEAL_REASON_MAX, APPEAL_STATUS_LABEL, APPEAL_TARGET_LABEL, appealReasonProblem } from '@/utils/appeal'
import { cx, hook } from '@/utils/cx'
import { currentYear, dateTimeText, monthDay } from '@/utils/format'
import './index.scss'

const TARGETS: AppealTarget[] = ['entry', 'rejection', 'total']

/** Router params arrive encoded on some platforms and decoded on others. */
function param(v: string | undefined): string {
  if (!v) return ''
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

/** 申诉: the form for one entry, rejection or the total (when opened from 我的积分), and 我的申诉 with the answers. */
export default function Appeal() {
  const { params } = useRouter()
  const year = Number(params.year) || currentYear()
  const target = TARGETS.includes(params.target as AppealTarget) ? (params.target as AppealTarget) : null
  const targetId = param(params.targetId)
  const title = param(params.title)

  const { me, loading, error, reload, isMember } = useMe()
  const estateBranchId = me?.member?.estateBranchId
  const mine = useAction('appeal.mine', isMember ? { year } : null, [isMember, year])
  const publicity = useAction('publicity.get', isMember && estateBranchId ? { estateBranchId, year } : null, [isMember, estateBranchId, year])
  usePullRefresh(mine.reload, publicity.reload)

  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const { busy, run } = useBusy()
  const [sent, setSent] = useState(false)

  const appeals = mine.data ?? []
  const already = target ? appeals.find((a) => a.target === target && (a.targetId ?? '') === (target === 'total' ? '' : targetId)) : undefined
  const p = publicity.data
  const windowOpen = p?.status === 'open'
  // undefined while 公示 is loading (the server has the last word anyway).
  const closedText =
    publicity.data === undefined
      ? null
      : !p
        ? `${year} 年度积分尚未公示，公示期内才能提交申诉。`
        : p.status === 'scheduled'
          ? `公示将于 ${monthDay(p.startOn)} 开始，届时才能提交申诉。`
          : p.status === 'ended'
            ? `公示已于 ${monthDay(p.endOn)} 结束，不能再提交申诉。`
            : null

  const submit = async () => {
    const why = appealReasonProblem(reason)
    setProblem(why)
    if (why || !target) return
    void askFor('appeal')
    await run(async () => {
      await callAction('appeal.create', { year, target, ...(target !== 'total' ? { targetId } : {}), reason: reason.trim() })
      showSuccess('申诉已提交')
      setSent(true)
      setReason('')
      await mine.reload()
    })
  }

  return (
    <View className='page appeal'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        {target && !sent && !already ? (
          <AppealForm
            {...{ target, title, year, closedText, reason, problem, busy, submit }}
            onReason={(v) => {
              setReason(v)
              if (problem) setProblem(appealReasonProblem(v))
            }}
          />
        ) : null}
        {target && already && !sent ? <View className={cx('notice', hook('appeal-already'))}>您已就此提交过申诉，答复见下方“我的申诉”。</View> : null}

        <View className='section-title'>
          <Text>我的申诉</Text>
          <Text className='muted'>{year} 年度</Text>
        </View>
        <AsyncView
          state={mine}
          skeleton={{ cards: 2 }}
          isEmpty={(d) => d.length === 0}
          empty={{
            className: hook('appeal-empty'),
            title: '还没有申诉',
            hint: windowOpen ? '公示期内，可在“我的积分”中对某条积分、被驳回的签到或总分提出申诉。' : '小区公示积分期间，可在“我的积分”中提出申诉。',
          }}
        >
          {(d) => d.map((a) => <AppealCard key={a.appealId} a={a} />)}
        </AsyncView>
      </MemberGate>
    </View>
  )
}

interface AppealFormProps {
  target: AppealTarget
  title: string
  year: number
  /** Why no appeal can be sent now (公示 not open), or null. */
  closedText: string | null
  reason: string
  problem: string | null
  busy: boolean
  submit: () => void
  onReason: (reason: string) => void
}

/** The appeal being written: what it is about, the reason (with its length), and whether 公示 allows it now. */
function AppealForm({ target, title, year, closedText, reason, problem, busy, submit, onReason }: AppealFormProps) {
  return (
    <View className={cx('card', hook('appeal-form'))}>
      <Text className='appeal__title'>提出申诉</Text>
      <View className={cx('appeal__target', hook('appeal-target'))}>
        <Text className='muted'>申诉对象：</Text>
        <Text>
          {APPEAL_TARGET_LABEL[target]}
          {target !== 'total' && title ? `「${title}」` : ''}
          {target === 'total' ? `（${year} 年度）` : ''}
        </Text>
      </View>
      {closedText ? <View className={cx('notice', hook('appeal-closed'))}>{closedText}</View> : null}
      <Field label='申诉理由'>
        <Textarea
          className={cx('field-textarea', problem && 'appeal__input--bad', hook('appeal-reason'))}
          value={reason}
          maxlength={APPEAL_REASON_MAX}
          placeholder='写明哪里不对、依据是什么（如当天参加了哪项服务、谁可以证明），至少 5 个字'
          onInput={(e) => onReason(e.detail.value)}
        />
        <View className='appeal__count'>
          {problem ? <Text className={cx('appeal__problem', hook('appeal-problem'))}>{problem}</Text> : <Text />}
          <Text className='muted'>
            {[...reason.trim()].length}/{APPEAL_REASON_MAX}
          </Text>
        </View>
      </Field>
      <Button
        className={cx('btn btn-primary', hook('appeal-submit'))}
        disabled={busy || closedText !== null || undefined}
        loading={busy}
        onClick={submit}
      >
        提交申诉
      </Button>
      <Text className='hint appeal__hint'>小区党支部书记会在公示期内答复；采纳后会追加一条调整积分。</Text>
    </View>
  )
}

function AppealCard({ a }: { a: AppealView }) {
  return (
    <View className={cx('card appeal__item', hook('appeal-item', `appeal-item--${a.status}`))}>
      <View className='appeal__head'>
        <Text className='appeal__what'>对{APPEAL_TARGET_LABEL[a.target]}的申诉</Text>
        <Text className={cx('appeal__status', `appeal__status--${a.status}`, hook('appeal-status'))}>{APPEAL_STATUS_LABEL[a.status]}</Text>
      </View>
      <Text className='appeal__reason'>{a.reason}</Text>
      <Text className='muted'>提交于 {dateTimeText(a.createdAt)}</Text>
      {a.answer ? (
        <View className={cx('appeal__answer', hook('appeal-answer'))}>
          <Text className='appeal__answer-label'>书记答复{a.resolvedAt ? `（${dateTimeText(a.resolvedAt)}）` : ''}</Text>
          <Text>{a.answer}</Text>
          {a.adjustmentId ? <Text className='appeal__adjusted'>已追加一条“申诉调整”积分，见我的积分流水。</Text> : null}
        </View>
      ) : (
        <Text className='hint'>等待小区党支部书记答复。</Text>
      )}
    </View>
  )
}
