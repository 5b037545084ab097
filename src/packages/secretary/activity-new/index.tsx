import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ACTIONS } from '@/core/contracts'
import CheckBox from '@/components/CheckBox'
import DateTimeField from '@/components/DateTimeField'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import OptionPicker from '@/components/OptionPicker'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import { useAction, useScope } from '@/hooks'
import { adoptedRuleset, callAction, type RequestOf } from '@/services/api'
import { currentYear, isoFromPickers, score2, shanghaiDateTime } from '@/utils/format'
import { useBusy } from '@/hooks/useBusy'

const HOUR = 3600_000

function defaultTimes() {
  // Next full hour, two hours long.
  const start = Math.ceil(Date.now() / HOUR) * HOUR + HOUR
  const s = shanghaiDateTime(start)
  const e = shanghaiDateTime(start + 2 * HOUR)
  return { startDate: s.date, startTime: s.time, endDate: e.date, endTime: e.time }
}

export default function ActivityNew() {
  const scope = useScope('estate_secretary')
  const [times, setTimes] = useState(defaultTimes)
  const year = Number(times.startDate.slice(0, 4)) || currentYear()
  const ruleset = useAction('ruleset.get', scope.scopeId ? { estateBranchId: scope.scopeId, year } : null, [scope.scopeId, year])
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [address, setAddress] = useState('')
  const [itemCode, setItemCode] = useState<string | null>(null)
  const [capacity, setCapacity] = useState('')
  const [requireCheckout, setRequireCheckout] = useState(false)
  const [draft, setDraft] = useState(false)
  const { busy, run } = useBusy()
  const [created, setCreated] = useState<{ activityId: string; draft: boolean } | null>(null)

  const rules = adoptedRuleset(ruleset.data)
  const items = (rules?.items ?? []).filter((i) => i.points > 0)

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!scope.scopeId) return <View className='page'>{<EmptyState title='仅小区党支部书记可发布活动' hint='如需开通，请联系社区党总支。' />}</View>

  const submit = async () => {
    const body: RequestOf<'activity.create'> = {
      estateBranchId: scope.scopeId as string,
      title: title.trim(),
      startAt: isoFromPickers(times.startDate, times.startTime),
      endAt: isoFromPickers(times.endDate, times.endTime),
      itemCode: itemCode ?? '',
      requireCheckout,
    }
    if (description.trim()) body.description = description.trim()
    if (capacity.trim()) body.capacity = Number(capacity)
    if (draft) body.draft = true
    if (address.trim()) {
      // An address alone gives no geofence; the point is set in WeChat (chooseLocation) in a later version.
      body.description = [body.description, `地点：${address.trim()}`].filter(Boolean).join('\n')
    }
    try {
      ACTIONS['activity.create'].body.parse(body, '')
      if (Date.parse(body.endAt) <= Date.parse(body.startAt)) throw new Error('结束时间必须晚于开始时间')
    } catch (err) {
      Taro.showToast({ title: err instanceof Error ? err.message : '请检查填写内容', icon: 'none', duration: 2500 })
      return
    }
    await run(async () => {
      const r = await callAction('activity.create', body)
      setCreated({ activityId: r.activityId, draft })
      Taro.showToast({ title: draft ? '已存为草稿' : '已发布', icon: 'success' })
    })
  }

  if (created) {
    return (
      <View className='page'>
        <View className='card activity-created' style={{ textAlign: 'center' }}>
          <Text className='section-title' style={{ justifyContent: 'center' }}>
            {created.draft ? '活动已存为草稿' : '活动已发布'}
          </Text>
          <Text className='hint'>{created.draft ? '草稿不会出现在党员的活动列表里。' : '小区党员现在可以在“活动”中看到它；开始前 30 分钟开放签到。'}</Text>
          {!created.draft ? (
            <Button className='btn btn-primary activity-show-code' onClick={() => Taro.redirectTo({ url: `/packages/secretary/code/index?activityId=${created.activityId}` })}>
              显示签到码
            </Button>
          ) : null}
          <Button
            className='btn btn-plain activity-new-again'
            onClick={() => {
              setCreated(null)
              setTitle('')
              setDescription('')
            }}
          >
            继续发布
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='page activity-new'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <View className='card'>
        <View className='field'>
          <Text className='field-label'>活动名称</Text>
          <Input className='field-input activity-title' value={title} maxlength={40} placeholder='如：周末楼道清洁' onInput={(e) => setTitle(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field-label'>开始</Text>
          <View className='btn-row'>
            <DateTimeField className='activity-start-date' mode='date' value={times.startDate} onChange={(v) => setTimes({ ...times, startDate: v })} />
            <DateTimeField className='activity-start-time' mode='time' value={times.startTime} onChange={(v) => setTimes({ ...times, startTime: v })} />
          </View>
        </View>
        <View className='field'>
          <Text className='field-label'>结束</Text>
          <View className='btn-row'>
            <DateTimeField className='activity-end-date' mode='date' value={times.endDate} onChange={(v) => setTimes({ ...times, endDate: v })} />
            <DateTimeField className='activity-end-time' mode='time' value={times.endTime} onChange={(v) => setTimes({ ...times, endTime: v })} />
          </View>
        </View>
        <View className='field'>
          <Text className='field-label'>积分细则</Text>
          {ruleset.loading && !ruleset.data ? (
            <Text className='hint'>正在读取积分明细…</Text>
          ) : items.length ? (
            <OptionPicker
              className='activity-item'
              options={items.map((i) => ({ value: i.code, label: `${i.name}（${score2(i.points)} 分${i.perHour ? '/小时' : '/次'}）` }))}
              value={itemCode}
              onChange={setItemCode}
              placeholder='选择本活动计分的细则'
            />
          ) : (
            <Text className='notice activity-no-ruleset'>{year} 年度的积分明细尚未经党员大会通过，通过后才能发布计分活动。</Text>
          )}
        </View>
        <View className='field'>
          <Text className='field-label'>地点（选填）</Text>
          <Input className='field-input activity-address' value={address} maxlength={100} placeholder='如：3 号楼架空层' onInput={(e) => setAddress(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field-label'>人数上限（选填）</Text>
          <Input className='field-input activity-capacity' type='number' value={capacity} maxlength={5} placeholder='不填则不限' onInput={(e) => setCapacity(e.detail.value)} />
        </View>
        <View className='field'>
          <Text className='field-label'>活动说明（选填）</Text>
          <Textarea className='field-textarea activity-description' value={description} maxlength={1000} placeholder='集合地点、携带物品等' onInput={(e) => setDescription(e.detail.value)} />
        </View>
        <View className='field'>
          <CheckBox className='activity-require-checkout' checked={requireCheckout} onChange={setRequireCheckout} label='需要签退（按时长计分的活动）' />
        </View>
        <View className='field'>
          <CheckBox className='activity-draft' checked={draft} onChange={setDraft} label='先存为草稿，暂不发布' />
        </View>
        <Button className='btn btn-primary activity-submit' disabled={(busy || !items.length) || undefined} loading={busy} onClick={submit}>
          {draft ? '保存草稿' : '发布活动'}
        </Button>
      </View>
    </View>
  )
}
