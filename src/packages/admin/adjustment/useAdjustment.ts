import { useState } from 'react'
import Taro from '@tarojs/taro'
import { ACTIONS } from '@/core/contracts'
import type { MemberView } from '@/core/api-types'
import { useBusy } from '@/hooks/useBusy'
import { callAction, type RequestOf } from '@/services/api'
import { toActionError, type ActionError } from '@/services/errors'
import { showInfo } from '@/services/feedback'
import { parseSignedScore, signedPoints } from '@/utils/format'

export interface Done {
  entryId: string
  points: number
  name: string
  memberId: string
  year: number
  locked: boolean
}

/**
 * The adjustment form: points and reason checked as the server checks them, a confirmation naming the member,
 * then the record; a refusal is kept to be shown beside the form rather than as a passing message.
 */
export function useAdjustment(person: MemberView | null, year: number, yearOk: boolean, locked: boolean) {
  const [pointsText, setPointsText] = useState('')
  const [reason, setReason] = useState('')
  const { busy, run } = useBusy()
  const [refusal, setRefusal] = useState<ActionError | null>(null)
  const [done, setDone] = useState<Done | null>(null)

  const submit = async () => {
    setRefusal(null)
    if (!person) return showInfo('请先查找并选择党员')
    if (!yearOk) return showInfo('请输入正确的年度')
    const points = parseSignedScore(pointsText)
    if (points === null || points === 0) return showInfo('调整分值应为非零数，最多两位小数，如 +2.5 或 -1')
    if (points < -100 || points > 100) return showInfo('调整分值应在 -100 到 100 之间')
    const why = reason.trim()
    if (why.length < 5) return showInfo('请写明调整理由（至少 5 个字）')
    const body: RequestOf<'adjustment.record'> = { memberId: person.id, year, points, reason: why }
    try {
      ACTIONS['adjustment.record'].body.parse(body, '')
    } catch (err) {
      return showInfo(err instanceof Error ? err.message : '请检查填写内容')
    }
    const { confirm } = await Taro.showModal({
      title: '确认审计调整',
      content: `给 ${person.name}（${person.id}）${year} 年度积分调整 ${signedPoints(points)} 分。\n理由：${why}\n调整将追加一条调整流水并写入审计日志（操作人、时间、理由留痕），不能撤回。确定吗？`,
      confirmText: '确认调整',
      confirmColor: '#c8161d',
    })
    if (!confirm) return
    await run(async () => {
      try {
        const r = await callAction('adjustment.record', body)
        setDone({ entryId: r.entryId, points: r.points, name: person.name, memberId: person.id, year, locked })
        setPointsText('')
        setReason('')
      } catch (err) {
        setRefusal(toActionError(err))
      }
    })
  }

  return { pointsText, setPointsText, reason, setReason, busy, refusal, done, clearDone: () => setDone(null), submit }
}
