import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ACTIONS, MAX_CLAIM_PHOTOS } from '@/core/contracts'
import type { CheckinResult } from '@/core/api-types'
import DateTimeField from '@/components/DateTimeField'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import MemberGate from '@/components/MemberGate'
import OptionPicker from '@/components/OptionPicker'
import PhotoPicker from '@/components/PhotoPicker'
import Skeleton from '@/components/Skeleton'
import { useAction, useMe } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { adoptedRuleset, callAction, type RequestOf } from '@/services/api'
import { uploadPhoto } from '@/services/upload-photo'
import { CLAIM_WITHIN_DAYS, DURATION_OPTIONS, claimProblem, earliestClaimDay } from '@/utils/claim'
import { score2, todayShanghai } from '@/utils/format'
import { MY_ATTENDANCE_URL } from '@/utils/routes'

/**
 * 自主申报: service no activity covered — a rule item of the estate's adopted 积分明细, the day, what happened and
 * up to 3 photos. Photos are uploaded first (cloud storage / the local backend), then the claim names them; it
 * goes to the secretary's review queue like a check-in.
 */
export default function Claim() {
  const { me, loading, error, reload, isMember } = useMe()
  const estateBranchId = me?.member?.estateBranchId
  const today = todayShanghai()
  const [occurredOn, setOccurredOn] = useState(today)
  const year = Number(occurredOn.slice(0, 4))
  const ruleset = useAction('ruleset.get', isMember && estateBranchId ? { estateBranchId, year } : null, [isMember, estateBranchId, year])
  const [itemCode, setItemCode] = useState<string | null>(null)
  const [minutes, setMinutes] = useState<string | null>(null)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [progress, setProgress] = useState('')
  const { busy, run } = useBusy()
  const [done, setDone] = useState<CheckinResult | null>(null)

  const items = (adoptedRuleset(ruleset.data)?.items ?? []).filter((i) => i.points > 0)
  const item = items.find((i) => i.code === itemCode) ?? null

  const submit = async () => {
    const problem = claimProblem({ item, occurredOn, minutes, title, description, photos }, today)
    if (problem) return void Taro.showToast({ title: problem, icon: 'none', duration: 2500 })
    const base: RequestOf<'claim.submit'> = { itemCode: item?.code ?? '', occurredOn, title: title.trim(), description: description.trim() }
    if (item?.perHour && minutes) base.minutes = Number(minutes)
    try {
      ACTIONS['claim.submit'].body.parse(base, '')
    } catch (err) {
      return void Taro.showToast({ title: err instanceof Error ? err.message : '请检查填写内容', icon: 'none', duration: 2500 })
    }
    await run(async () => {
      const ids: string[] = []
      for (const [i, path] of photos.entries()) {
        setProgress(`正在上传照片 ${i + 1}/${photos.length}`)
        ids.push(await uploadPhoto(path, me?.openid ?? ''))
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

  if (done) {
    return (
      <View className='page'>
        <View className='card claim-done' style={{ textAlign: 'center' }}>
          <Text className='section-title' style={{ justifyContent: 'center' }}>
            {done.repeated ? '已申报过' : '申报已提交'}
          </Text>
          <Text className='hint'>「{done.activityTitle}」已进入小区党支部书记的审核队列，审核通过后计入积分。结果可在“我的签到记录”中查看。</Text>
          <View className='btn-row'>
            <Button className='btn btn-plain claim-records' onClick={() => Taro.redirectTo({ url: MY_ATTENDANCE_URL })}>
              我的记录
            </Button>
            <Button
              className='btn btn-primary claim-again'
              onClick={() => {
                setDone(null)
                setTitle('')
                setDescription('')
                setPhotos([])
              }}
            >
              继续申报
            </Button>
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className='page claim'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        <View className='notice'>
          参加了活动以外的志愿服务？选择对应的积分细则、写明经过并附照片，由小区党支部书记审核后计分。只能申报 {CLAIM_WITHIN_DAYS}{' '}
          天内的服务，同一细则同一天申报一次。
        </View>
        {ruleset.error && !ruleset.data ? (
          <ErrorView error={ruleset.error} onRetry={ruleset.reload} />
        ) : !ruleset.data ? (
          <Skeleton cards={2} />
        ) : items.length === 0 ? (
          <EmptyState title='暂不能申报' hint={`本小区 ${year} 年度尚未采用积分明细，请联系小区党支部书记。`} />
        ) : (
          <View className='card'>
            <View className='field'>
              <Text className='field-label'>积分细则</Text>
              <OptionPicker
                className='claim-item'
                options={items.map((i) => ({ value: i.code, label: `${i.name}（${score2(i.points)} 分${i.perHour ? '/小时' : '/次'}）` }))}
                value={itemCode}
                onChange={setItemCode}
                placeholder='选择服务对应的细则'
              />
              {item?.evidenceRequired ? <Text className='hint'>此项需要照片佐证。</Text> : null}
            </View>
            <View className='field'>
              <Text className='field-label'>服务日期</Text>
              <DateTimeField className='claim-date' mode='date' value={occurredOn} onChange={setOccurredOn} />
              <Text className='hint'>
                可选 {earliestClaimDay(today)} 至 {today}
              </Text>
            </View>
            {item?.perHour ? (
              <View className='field'>
                <Text className='field-label'>服务时长</Text>
                <OptionPicker className='claim-minutes' options={DURATION_OPTIONS} value={minutes} onChange={setMinutes} placeholder='选择时长' />
              </View>
            ) : null}
            <View className='field'>
              <Text className='field-label'>事项</Text>
              <Input
                className='field-input claim-title'
                value={title}
                maxlength={40}
                placeholder='如：帮独居老人代购药品'
                onInput={(e) => setTitle(e.detail.value)}
              />
            </View>
            <View className='field'>
              <Text className='field-label'>经过说明</Text>
              <Textarea
                className='field-textarea claim-description'
                value={description}
                maxlength={500}
                placeholder='时间、地点、做了什么、谁可以证明（至少 5 个字）'
                onInput={(e) => setDescription(e.detail.value)}
              />
            </View>
            <View className='field'>
              <Text className='field-label'>
                照片（{photos.length}/{MAX_CLAIM_PHOTOS}）
              </Text>
              <PhotoPicker hook='claim' photos={photos} onChange={setPhotos} max={MAX_CLAIM_PHOTOS} />
            </View>
            {/* The label stays put while loading: H5's button component renders its spinner into the same children. */}
            <Button className='btn btn-primary claim-submit' disabled={busy || undefined} loading={busy} onClick={submit}>
              提交申报
            </Button>
            {progress ? <Text className='hint claim-progress'>{progress}</Text> : null}
          </View>
        )}
      </MemberGate>
    </View>
  )
}
