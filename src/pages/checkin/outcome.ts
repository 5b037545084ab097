import type { CheckinResult } from '@/core/api-types'
import type { CodeKind, QueueResult } from '@/services/checkin-queue'

/** The headline a member sees after a scan: 签到成功 / 待审核 / 已签到过 (and the 签退 counterparts). */
export function outcomeTitle(kind: CodeKind, r: CheckinResult): string {
  if (kind === 'activity.checkout') return r.repeated ? '已签退过' : '签退成功'
  if (r.repeated) return '已签到过'
  return r.status === 'approved' ? '签到成功' : '待审核'
}

export function outcomeHint(kind: CodeKind, r: CheckinResult): string {
  if (r.repeated) return '这次活动您已经记录过了，不会重复计分。'
  if (r.status === 'approved') return kind === 'activity.checkin' ? '积分已记入您的积分流水。' : '已记录签退时间。'
  if (r.status === 'rejected') return '该记录未通过审核，如有疑问请联系小区党支部书记。'
  return '签到已记录，书记审核通过后计入积分。'
}

/** One line for what became of a queued check-in: 「清洁家园：签到成功」, 「…：待审核」 or the refusal itself. */
export function queueResultText(r: QueueResult): string {
  if (!r.ok) return `未成功：${r.message}`
  return `${r.result.activityTitle}：${outcomeTitle(r.kind, r.result)}`
}
