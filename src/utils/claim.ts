// 自主申报 form rules the phone checks before anything is uploaded (the server checks them again).
import { MAX_CLAIM_PHOTOS } from '@/core/contracts'
import type { RuleItemView } from '@/core/api-types'

/** The server refuses claims older than this (server/actions/claims.ts). */
export const CLAIM_WITHIN_DAYS = 30

/** Service lengths offered for per-hour items: 30 minutes to 8 hours, in half hours. */
export const DURATION_OPTIONS = Array.from({ length: 16 }, (_, i) => {
  const minutes = (i + 1) * 30
  const h = Math.floor(minutes / 60)
  return { value: String(minutes), label: h && minutes % 60 ? `${h} 小时 30 分钟` : h ? `${h} 小时` : '30 分钟' }
})

/** The first day that may still be claimed, as YYYY-MM-DD, given today's date. */
export function earliestClaimDay(today: string): string {
  const t = Date.parse(`${today}T12:00:00+08:00`) - CLAIM_WITHIN_DAYS * 86400_000
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10)
}

export interface ClaimForm {
  item: Pick<RuleItemView, 'code' | 'name' | 'perHour' | 'evidenceRequired'> | null
  occurredOn: string
  minutes: string | null
  title: string
  description: string
  photos: string[]
}

/** The first thing wrong with the form, in words for the member; null when it may be sent. */
export function claimProblem(f: ClaimForm, today: string): string | null {
  if (!f.item) return '请选择申报的积分细则'
  if (f.occurredOn > today) return '服务日期不能晚于今天'
  if (f.occurredOn < earliestClaimDay(today)) return `只能申报 ${CLAIM_WITHIN_DAYS} 天内的服务`
  if (f.item.perHour && !f.minutes) return `“${f.item.name}”按小时计分，请选择服务时长`
  if ([...f.title.trim()].length < 2) return '请填写事项（至少 2 个字）'
  if ([...f.description.trim()].length < 5) return '请说明经过（至少 5 个字）'
  if (f.item.evidenceRequired && f.photos.length === 0) return `“${f.item.name}”需要佐证，请至少附 1 张照片`
  if (f.photos.length > MAX_CLAIM_PHOTOS) return `最多附 ${MAX_CLAIM_PHOTOS} 张照片`
  return null
}
