// 申诉 words shared by the member's form and the secretary's answers, and the one rule the form checks itself.
import type { AppealStatus, AppealTarget } from '@/core/api-types'

export const APPEAL_TARGET_LABEL: Record<AppealTarget, string> = {
  entry: '积分流水',
  rejection: '被驳回的签到',
  total: '年度总分',
}

export const APPEAL_STATUS_LABEL: Record<AppealStatus, string> = {
  open: '待答复',
  accepted: '已采纳',
  rejected: '未采纳',
}

export const APPEAL_REASON_MIN = 5
export const APPEAL_REASON_MAX = 500

/** What is wrong with a typed appeal reason, or null when it can be sent (the server checks the same bounds). */
export function appealReasonProblem(text: string): string | null {
  const n = [...text.trim()].length
  if (n === 0) return '请写明申诉理由'
  if (n < APPEAL_REASON_MIN) return `申诉理由至少写 ${APPEAL_REASON_MIN} 个字，说明哪里不对、依据是什么`
  if (n > APPEAL_REASON_MAX) return `申诉理由最多 ${APPEAL_REASON_MAX} 字`
  return null
}
