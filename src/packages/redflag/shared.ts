// 红旗小区 评选 screens (docs/DESIGN.md#red-flag-estates): labels and small helpers the four pages share.
import type { RfApplicationStatus, RfApplicationView, RfSnapshotView } from '@/core/api-types'
import { currentYear } from '@/utils/format'

export const RF_STATUS_LABEL: Record<RfApplicationStatus, string> = {
  draft: '草稿',
  submitted: '待社区把关',
  returned: '已退回',
  endorsed: '社区同意上报',
  recommended: '街道已推荐',
}

/** A campaign runs December–January: in January the page still opens last year's campaign. */
export const campaignYear = (month = new Date().getMonth() + 1): number => (month === 1 ? currentYear() - 1 : currentYear())

const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}%`)

/** The frozen figures of a submitted version, as label/value rows. */
export function snapshotRows(s: RfSnapshotView): [string, string][] {
  return [
    ['报到率', `${pct(s.registrationRate)}（${s.registered} / ${s.directory} 人）`],
    ['参与率', `${pct(s.participationRate)}（${s.participants} 人参加活动）`],
    ['开展活动', `${s.activities} 次`],
    ['志愿服务时长', `${s.volunteerHours.toFixed(2)} 小时`],
    ['平均小区积分', s.averageEstateScore === null ? '—' : s.averageEstateScore.toFixed(2)],
    ['满意率', s.satisfactionRate === null ? '暂无测评' : `${pct(s.satisfactionRate)}（样本 ${s.satisfactionSample ?? 0} 份）`],
  ]
}

export const statusText = (a: Pick<RfApplicationView, 'status'>) => RF_STATUS_LABEL[a.status]

/** A photo the server already holds (an upload id or a cloud file), not a temporary path on the phone. */
export const isStoredPhoto = (p: string) => /^(F[A-Za-z0-9_-]{12,32}|cloud:\/\/)/.test(p)

/** The self-assessment as label/text rows, in the campaign's criteria order. */
export function assessmentRows(a: Pick<RfApplicationView, 'assessment'>, criteria: { code: string; name: string }[] | undefined): [string, string][] {
  return (criteria ?? []).filter((k) => a.assessment[k.code]).map((k) => [k.name, a.assessment[k.code]])
}
