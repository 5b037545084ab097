// The 补录 form (docs/DESIGN.md#check-in-layers): which member, which activity, when they came and left, and why it is entered by
// hand. Checked here so the secretary is told what to fix before anything is sent; the server checks again and
// caps the times to the activity.
import { ACTIONS } from '@/core/contracts'
import type { RequestOf } from '@/services/api'
import { isoFromPickers } from '@/utils/format'

export interface BackfillForm {
  activityId: string | null
  memberId: string | null
  inDate: string
  inTime: string
  withCheckout: boolean
  outDate: string
  outTime: string
  reason: string
}

export type BackfillCheck = { ok: true; body: RequestOf<'attendance.backfill'> } | { ok: false; field: keyof BackfillForm; message: string }

const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^\d{2}:\d{2}$/

export function checkBackfill(f: BackfillForm): BackfillCheck {
  if (!f.activityId) return { ok: false, field: 'activityId', message: '请选择活动' }
  if (!f.memberId) return { ok: false, field: 'memberId', message: '请选择党员' }
  if (!DATE.test(f.inDate) || !TIME.test(f.inTime)) return { ok: false, field: 'inTime', message: '请填写签到日期和时间' }
  const body: RequestOf<'attendance.backfill'> = {
    activityId: f.activityId,
    memberId: f.memberId,
    checkinAt: isoFromPickers(f.inDate, f.inTime),
    reason: f.reason.trim(),
  }
  if (f.withCheckout) {
    if (!DATE.test(f.outDate) || !TIME.test(f.outTime)) return { ok: false, field: 'outTime', message: '请填写签退日期和时间' }
    body.checkoutAt = isoFromPickers(f.outDate, f.outTime)
    if (Date.parse(body.checkoutAt) <= Date.parse(body.checkinAt)) return { ok: false, field: 'outTime', message: '签退时间必须晚于签到时间' }
  }
  if (!body.reason) return { ok: false, field: 'reason', message: '请填写补录理由' }
  try {
    ACTIONS['attendance.backfill'].body.parse(body, '')
  } catch (err) {
    return { ok: false, field: 'reason', message: err instanceof Error ? err.message : '请检查填写内容' }
  }
  return { ok: true, body }
}
