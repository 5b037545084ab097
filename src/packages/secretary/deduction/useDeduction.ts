import { useState } from 'react'
import Taro from '@tarojs/taro'
import { ACTIONS } from '@/core/contracts'
import { useAction, useScope } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction, type RequestOf } from '@/services/api'
import { showInfo } from '@/services/feedback'
import { uploadPhoto } from '@/services/upload-photo'
import { signedPoints, todayShanghai } from '@/utils/format'

/**
 * A deduction being recorded: the estate's members and negative items for the year of the date, the form, and the
 * submit (photos are uploaded first exactly as a member's claim photos are, then named in the deduction).
 */
export function useDeduction() {
  const scope = useScope('estate_secretary')
  const estateBranchId = scope.scopeId
  const [occurredOn, setOccurredOn] = useState(todayShanghai)
  const year = Number(occurredOn.slice(0, 4))
  const members = useAction('member.list', estateBranchId ? { scopeId: estateBranchId, status: 'active' } : null, [estateBranchId])
  const ruleset = useAction('ruleset.get', estateBranchId ? { estateBranchId, year } : null, [estateBranchId, year])
  const [memberId, setMemberId] = useState<string | null>(null)
  const [itemCode, setItemCode] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [evidence, setEvidence] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [progress, setProgress] = useState('')
  const { busy, run } = useBusy()
  const [done, setDone] = useState<{ name: string; item: string; points: number } | null>(null)

  const people = (members.data ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh'))
  const rules = ruleset.data?.current ?? null
  const negatives = (rules?.items ?? []).filter((i) => i.points < 0)

  const submit = async () => {
    const body: RequestOf<'deduction.record'> = { memberId: memberId ?? '', itemCode: itemCode ?? '', occurredOn, reason: reason.trim() }
    if (evidence.trim()) body.evidence = evidence.trim()
    if (!memberId) return showInfo('请选择党员')
    if (!itemCode) return showInfo('请选择负面清单条目')
    if (occurredOn > todayShanghai()) return showInfo('发生日期不能晚于今天')
    if (!body.reason) return showInfo('请写明扣分理由')
    try {
      ACTIONS['deduction.record'].body.parse(body, '')
    } catch (err) {
      return showInfo(err instanceof Error ? err.message : '请检查填写内容')
    }
    const person = people.find((m) => m.id === memberId)
    const item = negatives.find((i) => i.code === itemCode)
    const { confirm } = await Taro.showModal({
      title: '确认扣分',
      content: `给 ${person?.name ?? ''} 记录“${item?.name ?? ''}”${signedPoints(item?.points ?? 0)} 分。扣分会记入积分流水，本人可见，确定吗？`,
      confirmText: '确认扣分',
    })
    if (!confirm) return
    await run(async () => {
      try {
        const ids: string[] = []
        for (const [i, path] of photos.entries()) {
          setProgress(`正在上传照片 ${i + 1}/${photos.length}`)
          ids.push(await uploadPhoto(path, scope.me?.openid ?? ''))
        }
        setProgress('正在提交')
        const r = await callAction('deduction.record', ids.length ? { ...body, photos: ids } : body)
        setDone({ name: person?.name ?? '', item: item?.name ?? '', points: r.points })
        setReason('')
        setEvidence('')
        setPhotos([])
        setMemberId(null)
      } finally {
        setProgress('')
      }
    })
  }

  return {
    scope,
    occurredOn,
    setOccurredOn,
    members,
    ruleset,
    memberId,
    setMemberId,
    itemCode,
    setItemCode,
    reason,
    setReason,
    evidence,
    setEvidence,
    photos,
    setPhotos,
    progress,
    busy,
    done,
    setDone,
    people,
    negatives,
    year,
    submit,
  }
}

export type DeductionState = ReturnType<typeof useDeduction>
