import { useState } from 'react'
import type { CheckinResult } from '@/core/api-types'
import { ACTIONS } from '@/core/contracts'
import { useAction, useBusy } from '@/hooks'
import { callAction, type RequestOf } from '@/services/api'
import { showInfo } from '@/services/feedback'
import { askFor } from '@/services/subscribe'
import { uploadPhoto } from '@/services/upload-photo'
import { claimProblem } from '@/utils/claim'
import { todayShanghai } from '@/utils/format'

/**
 * The claim being written and its submit: checked locally first, then the photos are uploaded one by one (with
 * progress), then the claim names them.
 */
export function useClaimForm(openid: string, estateBranchId: string | undefined, isMember: boolean) {
  const today = todayShanghai()
  const [occurredOn, setOccurredOn] = useState(today)
  // The rule items of the year the service was in (the estate's adopted 积分明细), only those that earn points.
  const year = Number(occurredOn.slice(0, 4))
  const ruleset = useAction('ruleset.get', isMember && estateBranchId ? { estateBranchId, year } : null, [isMember, estateBranchId, year])
  const items = ((ruleset.data?.current ?? null)?.items ?? []).filter((i) => i.points > 0)
  const [itemCode, setItemCode] = useState<string | null>(null)
  const [minutes, setMinutes] = useState<string | null>(null)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [progress, setProgress] = useState('')
  const { busy, run } = useBusy()
  const [done, setDone] = useState<CheckinResult | null>(null)
  const item = items.find((i) => i.code === itemCode) ?? null

  const submit = async () => {
    const problem = claimProblem({ item, occurredOn, minutes, title, description, photos }, today)
    if (problem) return void showInfo(problem)
    const base: RequestOf<'claim.submit'> = { itemCode: item?.code ?? '', occurredOn, title: title.trim(), description: description.trim() }
    if (item?.perHour && minutes) base.minutes = Number(minutes)
    try {
      ACTIONS['claim.submit'].body.parse(base, '')
    } catch (err) {
      return void showInfo(err instanceof Error ? err.message : '请检查填写内容')
    }
    void askFor('claim')
    await run(async () => {
      const ids: string[] = []
      for (const [i, path] of photos.entries()) {
        setProgress(`正在上传照片 ${i + 1}/${photos.length}`)
        ids.push(await uploadPhoto(path, openid))
      }
      setProgress('正在提交')
      try {
        setDone(await callAction('claim.submit', ids.length ? { ...base, photos: ids } : base))
      } finally {
        setProgress('')
      }
    })
    setProgress('')
  }

  /** After a claim went in: the same day and item stay chosen for the next one. */
  const again = () => {
    setDone(null)
    setTitle('')
    setDescription('')
    setPhotos([])
  }

  return {
    today,
    year,
    ruleset,
    items,
    occurredOn,
    setOccurredOn,
    itemCode,
    setItemCode,
    item,
    minutes,
    setMinutes,
    title,
    setTitle,
    description,
    setDescription,
    photos,
    setPhotos,
    progress,
    busy,
    submit,
    done,
    again,
  }
}

export type ClaimForm = ReturnType<typeof useClaimForm>
