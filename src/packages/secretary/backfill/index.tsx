import { useEffect, useMemo, useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ActivityView } from '@/core/api-types'
import CheckBox from '@/components/CheckBox'
import DateTimeField from '@/components/DateTimeField'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import FlagList from '@/components/FlagList'
import OptionPicker from '@/components/OptionPicker'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import { useAction, useNow, useScope } from '@/hooks'
import { callAction, rowsOf, type BackfillResult } from '@/services/api'
import { activityPhase, dateTimeText, rangeText, shanghaiDateTime } from '@/utils/format'
import { REVIEW_URL } from '@/utils/routes'
import { checkBackfill, type BackfillForm } from './form'
import './index.scss'
import { useBusy } from '@/hooks/useBusy'
import { cx, hook } from '@/utils/cx'
import { showInfo } from '@/services/feedback'
import Field from '@/components/Field'

/** Above this many members the picker gets a name/phone filter. */
const FILTER_FROM = 15

function timesOf(a: ActivityView) {
  const s = shanghaiDateTime(Date.parse(a.startAt))
  const e = shanghaiDateTime(Date.parse(a.endAt))
  return { inDate: s.date, inTime: s.time, outDate: e.date, outTime: e.time, withCheckout: a.requireCheckout || a.perHour }
}

const EMPTY_FORM: BackfillForm = {
  activityId: null,
  memberId: null,
  inDate: '',
  inTime: '',
  withCheckout: false,
  outDate: '',
  outTime: '',
  reason: '',
}

/** 补录: the secretary enters a check-in a member could not make themselves; it goes to review flagged 书记补录. */
export default function Backfill() {
  const router = useRouter()
  const scope = useScope('estate_secretary')
  const now = useNow(60_000)
  const activities = useAction('activity.list', scope.scopeId ? { estateBranchId: scope.scopeId } : null, [scope.scopeId])
  const members = useAction('member.list', scope.scopeId ? { scopeId: scope.scopeId, status: 'active' } : null, [scope.scopeId])
  const [form, setForm] = useState<BackfillForm>({ ...EMPTY_FORM, activityId: router.params.activityId ?? null })
  const [filter, setFilter] = useState('')
  const { busy, run } = useBusy()
  const [done, setDone] = useState<{
    result: BackfillResult
    memberName: string
    activity: ActivityView | null
    asked: { in: string; out?: string }
  } | null>(null)

  const all = rowsOf(activities.data)
  // Started activities that are neither drafts nor cancelled (the one asked for in the link is always offered).
  const choices = all.filter(
    (a) => a.id === form.activityId || (a.status !== 'draft' && a.status !== 'cancelled' && activityPhase(a, now) !== 'upcoming'),
  )
  const activity = all.find((a) => a.id === form.activityId)
  const people = rowsOf(members.data)
  const shown = useMemo(() => {
    const q = filter.trim()
    return q ? people.filter((m) => m.name.includes(q) || m.phone.includes(q) || m.id === form.memberId) : people
  }, [people, filter, form.memberId])

  // Choosing an activity fills in its start and end, the usual case for someone who was there all along.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of chosen activity refills the times; later edits of the times must stand
  useEffect(() => {
    if (activity) setForm((f) => ({ ...f, ...timesOf(activity) }))
  }, [activity?.id])

  const set = (patch: Partial<BackfillForm>) => setForm((f) => ({ ...f, ...patch }))

  const submit = async () => {
    const check = checkBackfill(form)
    if (!check.ok) {
      showInfo(check.message)
      return
    }
    await run(async () => {
      const result = await callAction('attendance.backfill', check.body)
      const name = people.find((m) => m.id === form.memberId)?.name ?? ''
      setDone({ result, memberName: name, activity: activity ?? null, asked: { in: check.body.checkinAt, out: check.body.checkoutAt } })
    })
  }

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!scope.scopeId) return <View className='page'>{<EmptyState title='仅小区党支部书记可补录' hint='如需开通，请联系社区党总支。' />}</View>

  if (done) {
    const { result, memberName, activity: a, asked } = done
    const capped =
      Date.parse(result.checkinAt) !== Date.parse(asked.in) ||
      (!!asked.out && !!result.checkoutAt && Date.parse(result.checkoutAt) !== Date.parse(asked.out))
    return (
      <View className='page backfill'>
        <View className={cx('card backfill__result', hook('backfill-result'))}>
          <Text className='backfill__result-title'>已补录，待审核</Text>
          <Text className='backfill__result-line'>
            {memberName}
            {a ? ` · ${a.title}` : ''}
          </Text>
          <Text className='backfill__result-line'>签到：{dateTimeText(result.checkinAt)}</Text>
          {result.checkoutAt ? <Text className='backfill__result-line'>签退：{dateTimeText(result.checkoutAt)}</Text> : null}
          {capped ? (
            <Text className={cx('hint', hook('backfill-capped'))}>
              超出活动时段的部分已按活动时间{a ? `（${rangeText(a.startAt, a.endAt)}）` : ''}截取。
            </Text>
          ) : null}
          <FlagList flags={result.flags} lead='这条记录会出现在审核列表中：' />
          <Button className={cx('btn btn-primary', hook('backfill-go-review'))} onClick={() => Taro.redirectTo({ url: REVIEW_URL })}>
            去审核
          </Button>
          <Button
            className={cx('btn btn-plain', hook('backfill-again'))}
            onClick={() => {
              setDone(null)
              set({ memberId: null, reason: '' })
            }}
          >
            继续补录
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='page backfill'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <View className='notice backfill__intro'>
        <Text>为因手机没电、不会操作等原因未能签到的党员补录。补录记录需审核，时长不超过活动时长。</Text>
      </View>
      {(activities.loading && !activities.data) || (members.loading && !members.data) ? (
        <Skeleton cards={2} lines={4} />
      ) : activities.error && !activities.data ? (
        <ErrorView error={activities.error} onRetry={activities.reload} />
      ) : members.error && !members.data ? (
        <ErrorView error={members.error} onRetry={members.reload} />
      ) : (
        <View className='card'>
          <Field label='活动'>
            <OptionPicker
              className={hook('backfill-activity')}
              options={choices.map((a) => ({ value: a.id, label: `${a.title}（${dateTimeText(a.startAt)}）` }))}
              value={form.activityId}
              onChange={(v) => set({ activityId: v })}
              placeholder='选择已开始或已结束的活动'
            />
            {activity ? <Text className='hint backfill__activity-time'>活动时间：{rangeText(activity.startAt, activity.endAt)}</Text> : null}
          </Field>
          <Field label='党员'>
            {people.length > FILTER_FROM ? (
              <Input
                className={cx('field-input backfill__filter', hook('backfill-member-filter'))}
                value={filter}
                maxlength={20}
                placeholder='输入姓名或手机号筛选'
                onInput={(e) => setFilter(e.detail.value)}
              />
            ) : null}
            <OptionPicker
              className={hook('backfill-member')}
              options={shown.map((m) => ({ value: m.id, label: `${m.name}（${m.phone}）` }))}
              value={form.memberId}
              onChange={(v) => set({ memberId: v })}
              placeholder='选择已报到的党员'
            />
          </Field>
          <Field label='签到时间'>
            <View className='btn-row'>
              <DateTimeField className={hook('backfill-in-date')} mode='date' value={form.inDate} onChange={(v) => set({ inDate: v })} />
              <DateTimeField className={hook('backfill-in-time')} mode='time' value={form.inTime} onChange={(v) => set({ inTime: v })} />
            </View>
          </Field>
          <View className='field'>
            <CheckBox
              className={hook('backfill-with-checkout')}
              checked={form.withCheckout}
              onChange={(on) => set({ withCheckout: on })}
              label='填写签退时间（按时长计分或需签退的活动）'
            />
          </View>
          {form.withCheckout ? (
            <Field label='签退时间'>
              <View className='btn-row'>
                <DateTimeField className={hook('backfill-out-date')} mode='date' value={form.outDate} onChange={(v) => set({ outDate: v })} />
                <DateTimeField className={hook('backfill-out-time')} mode='time' value={form.outTime} onChange={(v) => set({ outTime: v })} />
              </View>
            </Field>
          ) : null}
          <Field label='补录理由（必填）'>
            <Textarea
              className={cx('field-textarea', hook('backfill-reason'))}
              value={form.reason}
              maxlength={200}
              placeholder='如：手机没电，现场签到表登记'
              onInput={(e) => set({ reason: e.detail.value })}
            />
          </Field>
          <Button className={cx('btn btn-primary', hook('backfill-submit'))} disabled={busy || undefined} onClick={submit}>
            {busy ? '提交中…' : '提交补录'}
          </Button>
        </View>
      )}
    </View>
  )
}
