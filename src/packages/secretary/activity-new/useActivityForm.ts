import { useState } from 'react'
import { ACTIONS } from '@/core/contracts'
import { useAction } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction, type RequestOf } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { currentYear, isoFromPickers, shanghaiDateTime } from '@/utils/format'
import { checkGeofence } from './geofence'
import { useGeofence } from './useGeofence'

const HOUR = 3600_000

function defaultTimes() {
  // Next full hour, two hours long.
  const start = Math.ceil(Date.now() / HOUR) * HOUR + HOUR
  const s = shanghaiDateTime(start)
  const e = shanghaiDateTime(start + 2 * HOUR)
  return { startDate: s.date, startTime: s.time, endDate: e.date, endTime: e.time }
}

export type Times = ReturnType<typeof defaultTimes>

/** The 发布活动 form of an estate: its fields, the 细则 it may score by (the adopted rule set's), and the submit. */
export function useActivityForm(estateBranchId: string | null) {
  const [times, setTimes] = useState(defaultTimes)
  const year = Number(times.startDate.slice(0, 4)) || currentYear()
  const ruleset = useAction('ruleset.get', estateBranchId ? { estateBranchId, year } : null, [estateBranchId, year])
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [address, setAddress] = useState('')
  const [itemCode, setItemCode] = useState<string | null>(null)
  const [capacity, setCapacity] = useState('')
  const [requireCheckout, setRequireCheckout] = useState(false)
  const [draft, setDraft] = useState(false)
  const geofence = useGeofence(address, setAddress)
  const { busy, run } = useBusy()
  const [created, setCreated] = useState<{ activityId: string; draft: boolean } | null>(null)

  const items = ((ruleset.data?.current ?? null)?.items ?? []).filter((i) => i.points > 0)

  const submit = async () => {
    const body: RequestOf<'activity.create'> = {
      estateBranchId: estateBranchId as string,
      title: title.trim(),
      startAt: isoFromPickers(times.startDate, times.startTime),
      endAt: isoFromPickers(times.endDate, times.endTime),
      itemCode: itemCode ?? '',
      requireCheckout,
    }
    if (description.trim()) body.description = description.trim()
    if (capacity.trim()) body.capacity = Number(capacity)
    if (draft) body.draft = true
    if (geofence.enabled) {
      // The point is in the coordinate system members' check-ins send (services/location.ts: GCJ-02 in the mini
      // program, as chooseLocation answers; see services/pick-location.types.ts). The address rides with it.
      const g = checkGeofence({ latText: geofence.latText, lngText: geofence.lngText, radiusM: geofence.radiusM, address })
      if (!g.ok) return showInfo(g.message)
      body.location = g.location
    } else if (address.trim()) {
      // An address alone gives no geofence: it goes into the description.
      body.description = [body.description, `地点：${address.trim()}`].filter(Boolean).join('\n')
    }
    try {
      ACTIONS['activity.create'].body.parse(body, '')
      if (Date.parse(body.endAt) <= Date.parse(body.startAt)) throw new Error('结束时间必须晚于开始时间')
    } catch (err) {
      return showInfo(err instanceof Error ? err.message : '请检查填写内容')
    }
    await run(async () => {
      const r = await callAction('activity.create', body)
      setCreated({ activityId: r.activityId, draft })
      showSuccess(draft ? '已存为草稿' : '已发布')
    })
  }

  const again = () => {
    setCreated(null)
    setTitle('')
    setDescription('')
  }

  return {
    times,
    setTimes,
    year,
    ruleset,
    items,
    title,
    setTitle,
    description,
    setDescription,
    address,
    setAddress,
    itemCode,
    setItemCode,
    capacity,
    setCapacity,
    requireCheckout,
    setRequireCheckout,
    draft,
    setDraft,
    geofence,
    busy,
    submit,
    created,
    again,
  }
}

export type ActivityForm = ReturnType<typeof useActivityForm>
