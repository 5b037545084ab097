import { useEffect, useMemo, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { ActivityView, BackfillResult } from '@/core/api-types'
import { useAction, useNow, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo } from '@/services/feedback'
import { activityPhase, shanghaiDateTime } from '@/utils/format'
import { type BackfillForm, checkBackfill } from './form'

/** What was entered and what the server made of it (times outside the activity are cut to it). */
export interface BackfillDone {
  result: BackfillResult
  memberName: string
  activity: ActivityView | null
  asked: { in: string; out?: string }
}

/** Above this many members the picker gets a name/phone filter. */
export const FILTER_FROM = 15

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

/** The 补录 form: the estate's activities and members to choose from, the form itself, and its submit. */
export function useBackfill() {
  const router = useRouter()
  const scope = useScope('estate_secretary')
  const now = useNow(60_000)
  const activities = useAction('activity.list', scope.scopeId ? { estateBranchId: scope.scopeId } : null, [scope.scopeId])
  const members = useAction('member.list', scope.scopeId ? { scopeId: scope.scopeId, status: 'active' } : null, [scope.scopeId])
  const [form, setForm] = useState<BackfillForm>({ ...EMPTY_FORM, activityId: router.params.activityId ?? null })
  const [filter, setFilter] = useState('')
  const { busy, run } = useBusy()
  const [done, setDone] = useState<BackfillDone | null>(null)

  const all = activities.data ?? []
  // Started activities that are neither drafts nor cancelled (the one asked for in the link is always offered).
  const choices = all.filter(
    (a) => a.id === form.activityId || (a.status !== 'draft' && a.status !== 'cancelled' && activityPhase(a, now) !== 'upcoming'),
  )
  const activity = all.find((a) => a.id === form.activityId)
  const people = members.data ?? []
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

  const again = () => {
    setDone(null)
    set({ memberId: null, reason: '' })
  }

  return { scope, activities, members, form, set, filter, setFilter, busy, done, choices, activity, people, shown, submit, again }
}

export type BackfillState = ReturnType<typeof useBackfill>
