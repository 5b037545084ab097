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
import { currentLocation } from '@/services/location'
import { pickPlaceOnMap } from '@/services/pick-location'
import type { PickedPlace } from '@/services/pick-location.types'
import { checkGeofence, coordText, DEFAULT_GEOFENCE_RADIUS_M, parseCoordinate, RADIUS_CHOICES } from './geofence'
import './index.scss'

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
  // 签到地点范围 (geofence): the point as typed or filled in by the picker / current location, and the radius.
  const [geofence, setGeofence] = useState(false)
  const [latText, setLatText] = useState('')
  const [lngText, setLngText] = useState('')
  const [radiusM, setRadiusM] = useState(DEFAULT_GEOFENCE_RADIUS_M)
  const [placeName, setPlaceName] = useState('')
  const [locating, setLocating] = useState(false)
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
    if (geofence) {
      // The point is in the coordinate system members' check-ins send (services/location.ts: GCJ-02 in the mini
      // program, as chooseLocation answers; see services/pick-location.types.ts). The address rides with it.
      const g = checkGeofence({ latText, lngText, radiusM, address })
      if (!g.ok) {
        Taro.showToast({ title: g.message, icon: 'none', duration: 2500 })
        return
      }
      body.location = g.location
    } else if (address.trim()) {
      // An address alone gives no geofence: it goes into the description.
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

  const setPoint = (p: PickedPlace) => {
    // Six decimals is about 0.1 m: enough, and readable in the inputs.
    setLatText(String(Number(p.lat.toFixed(6))))
    setLngText(String(Number(p.lng.toFixed(6))))
    const label = [p.name, p.address].filter(Boolean).join(' · ')
    setPlaceName(label)
    if (!address.trim() && (p.name || p.address)) setAddress((p.name || p.address || '').slice(0, 100))
  }

  const typedPoint = () => {
    const lat = parseCoordinate(latText, 90)
    const lng = parseCoordinate(lngText, 180)
    return lat !== null && lng !== null ? { lat, lng } : null
  }

  const pickOnMap = async () => {
    if (!pickPlaceOnMap) return
    try {
      const p = await pickPlaceOnMap(typedPoint() ?? undefined)
      if (p) setPoint(p)
    } catch (err) {
      Taro.showToast({ title: err instanceof Error ? err.message : '无法打开地图选点', icon: 'none', duration: 2500 })
    }
  }

  const fillFromHere = async () => {
    if (locating) return
    setLocating(true)
    const here = await currentLocation(8000)
    setLocating(false)
    if (!here) {
      Taro.showToast({ title: '未能获取当前位置，请检查定位权限，或手动填写经纬度', icon: 'none', duration: 2500 })
      return
    }
    setPoint(here)
  }

  const typeCoord = (set: (v: string) => void) => (e: { detail: { value: string } }) => {
    set(e.detail.value)
    setPlaceName('') // a typed point is no longer the picked place
  }

  const point = typedPoint()

  if (created) {
    return (
      <View className='page'>
        <View className='card activity-created' style={{ textAlign: 'center' }}>
          <Text className='section-title' style={{ justifyContent: 'center' }}>
            {created.draft ? '活动已存为草稿' : '活动已发布'}
          </Text>
          <Text className='hint'>
            {created.draft ? '草稿不会出现在党员的活动列表里。' : '小区党员现在可以在“活动”中看到它；开始前 30 分钟开放签到。'}
          </Text>
          {!created.draft ? (
            <Button
              className='btn btn-primary activity-show-code'
              onClick={() => Taro.redirectTo({ url: `/packages/secretary/code/index?activityId=${created.activityId}` })}
            >
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
          <Input
            className='field-input activity-title'
            value={title}
            maxlength={40}
            placeholder='如：周末楼道清洁'
            onInput={(e) => setTitle(e.detail.value)}
          />
        </View>
        <View className='field'>
          <Text className='field-label'>开始</Text>
          <View className='btn-row'>
            <DateTimeField
              className='activity-start-date'
              mode='date'
              value={times.startDate}
              onChange={(v) => setTimes({ ...times, startDate: v })}
            />
            <DateTimeField
              className='activity-start-time'
              mode='time'
              value={times.startTime}
              onChange={(v) => setTimes({ ...times, startTime: v })}
            />
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
          <Input
            className='field-input activity-address'
            value={address}
            maxlength={100}
            placeholder='如：3 号楼架空层'
            onInput={(e) => setAddress(e.detail.value)}
          />
        </View>
        <View className='field activity-new__geofence'>
          <Text className='field-label'>签到地点范围（选填）</Text>
          <CheckBox className='activity-geofence' checked={geofence} onChange={setGeofence} label='核对签到位置（不在范围内的签到转人工审核）' />
          {geofence ? (
            <View className='activity-new__geofence-body'>
              <View className='btn-row activity-new__geo-actions'>
                {pickPlaceOnMap ? (
                  <Button className='btn btn-plain activity-pick-map' onClick={pickOnMap}>
                    在地图上选点
                  </Button>
                ) : null}
                <Button className='btn btn-plain activity-use-here' disabled={locating || undefined} loading={locating} onClick={fillFromHere}>
                  使用我当前的位置
                </Button>
              </View>
              <View className='activity-new__coords'>
                <View className='activity-new__coord'>
                  <Text className='activity-new__coord-label'>纬度</Text>
                  <Input
                    className='field-input activity-lat'
                    type='digit'
                    value={latText}
                    maxlength={20}
                    placeholder='如 30.27415'
                    onInput={typeCoord(setLatText)}
                  />
                </View>
                <View className='activity-new__coord activity-new__coord--last'>
                  <Text className='activity-new__coord-label'>经度</Text>
                  <Input
                    className='field-input activity-lng'
                    type='digit'
                    value={lngText}
                    maxlength={20}
                    placeholder='如 120.15515'
                    onInput={typeCoord(setLngText)}
                  />
                </View>
              </View>
              <View className='activity-new__radius'>
                <Text className='activity-new__coord-label'>签到半径</Text>
                <OptionPicker
                  className='activity-radius'
                  options={RADIUS_CHOICES.map((m) => ({ value: String(m), label: `${m} 米` }))}
                  value={String(radiusM)}
                  onChange={(v) => setRadiusM(Number(v))}
                />
              </View>
              {point ? (
                <View className='activity-new__summary activity-geofence-summary'>
                  {placeName ? <Text className='activity-new__place activity-geofence-place'>{placeName}</Text> : null}
                  <Text className='activity-new__point activity-geofence-point'>{`坐标 ${coordText(point.lat)}, ${coordText(point.lng)} · 半径 ${radiusM} 米`}</Text>
                </View>
              ) : (
                <Text className='hint activity-new__summary'>尚未设置签到地点</Text>
              )}
              <Text className='hint activity-new__coord-hint'>
                {pickPlaceOnMap
                  ? '到场党员签到时会附带位置，距活动地点超出半径的签到转人工审核。'
                  : '手动填写请使用腾讯/高德地图上的坐标（GCJ-02，与小程序签到一致）；“使用我当前的位置”已自动换算为同一坐标系。'}
              </Text>
            </View>
          ) : null}
        </View>
        <View className='field'>
          <Text className='field-label'>人数上限（选填）</Text>
          <Input
            className='field-input activity-capacity'
            type='number'
            value={capacity}
            maxlength={5}
            placeholder='不填则不限'
            onInput={(e) => setCapacity(e.detail.value)}
          />
        </View>
        <View className='field'>
          <Text className='field-label'>活动说明（选填）</Text>
          <Textarea
            className='field-textarea activity-description'
            value={description}
            maxlength={1000}
            placeholder='集合地点、携带物品等'
            onInput={(e) => setDescription(e.detail.value)}
          />
        </View>
        <View className='field'>
          <CheckBox
            className='activity-require-checkout'
            checked={requireCheckout}
            onChange={setRequireCheckout}
            label='需要签退（按时长计分的活动）'
          />
        </View>
        <View className='field'>
          <CheckBox className='activity-draft' checked={draft} onChange={setDraft} label='先存为草稿，暂不发布' />
        </View>
        <Button className='btn btn-primary activity-submit' disabled={busy || !items.length || undefined} loading={busy} onClick={submit}>
          {draft ? '保存草稿' : '发布活动'}
        </Button>
      </View>
    </View>
  )
}
