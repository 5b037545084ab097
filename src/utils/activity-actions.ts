// What a member can do with an activity right now (docs/DESIGN.md#check-in-layers): sign up or cancel before the start, check in
// inside the window, check out afterwards when the activity asks for it. The server enforces all of it; this only
// decides which buttons to show, so a member is never offered something that will be refused.
import type { ActivityView } from '@/core/api-types'
import { checkinOpen } from './format'
import { activityUrl, checkinUrl } from './routes'

/** Check-out closes 2 h after the end (docs/DESIGN.md#check-in-layers). */
export const CHECKOUT_GRACE_MS = 2 * 3600_000

export interface MemberActions {
  /** 报名 / 取消报名 / 名额已满 (shown disabled), or nothing once the activity has started. */
  signup: 'signup' | 'cancel' | 'full' | null
  /** 去签到, or 签退 for an activity that needs a check-out and has none yet. */
  attend: 'checkin' | 'checkout' | null
}

type Activity = Pick<
  ActivityView,
  'status' | 'startAt' | 'endAt' | 'checkinOpensAt' | 'capacity' | 'signedUp' | 'mySignup' | 'requireCheckout' | 'mine'
>

export function memberActions(a: Activity, now: number): MemberActions {
  if (a.status === 'cancelled' || a.status === 'draft') return { signup: null, attend: null }
  const beforeStart = now < Date.parse(a.startAt)
  const signup = !beforeStart ? null : a.mySignup ? 'cancel' : a.capacity && a.signedUp >= a.capacity ? 'full' : 'signup'
  let attend: MemberActions['attend'] = null
  if (!a.mine) {
    if (checkinOpen(a, now)) attend = 'checkin'
  } else if (
    a.requireCheckout &&
    !a.mine.checkoutAt &&
    (a.mine.status === 'pending' || a.mine.status === 'approved') &&
    now <= Date.parse(a.endAt) + CHECKOUT_GRACE_MS
  ) {
    attend = 'checkout'
  }
  return { signup, attend }
}

/** The one action an activity card offers on the right: 去签到 / 去签退 / 报名 / 详情. */
export function cardAction(a: Activity, now: number): { text: string; mode: 'checkin' | 'checkout' | 'detail' } {
  const { signup, attend } = memberActions(a, now)
  if (attend === 'checkin') return { text: '去签到', mode: 'checkin' }
  if (attend === 'checkout') return { text: '去签退', mode: 'checkout' }
  if (signup === 'signup') return { text: '报名', mode: 'detail' }
  return { text: '详情', mode: 'detail' }
}

/** Where the card's action leads: the check-in (or check-out) page, or else the activity's own page. */
export function cardActionUrl(a: Activity & Pick<ActivityView, 'id'>, now: number): string {
  const { mode } = cardAction(a, now)
  return mode === 'detail' ? activityUrl(a.id) : checkinUrl(a.id, mode)
}

/** Orders activities by their start: the soonest first, or the latest first for those that are over. */
export const byStart =
  (latestFirst: boolean) =>
  (x: Pick<ActivityView, 'startAt'>, y: Pick<ActivityView, 'startAt'>): number =>
    latestFirst ? Date.parse(y.startAt) - Date.parse(x.startAt) : Date.parse(x.startAt) - Date.parse(y.startAt)
