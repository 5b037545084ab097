import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ACTIONS, MAX_CLAIM_PHOTOS } from '@/core/contracts'
import DateTimeField from '@/components/DateTimeField'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import OptionPicker from '@/components/OptionPicker'
import PhotoPicker from '@/components/PhotoPicker'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import { useAction, useScope } from '@/hooks'
import { adoptedRuleset, callAction, rowsOf, type RequestOf } from '@/services/api'
import { uploadPhoto } from '@/services/upload-photo'
import { maskedPhone, score2, signedPoints, todayShanghai } from '@/utils/format'
import './index.scss'
import { useBusy } from '@/hooks/useBusy'
import { cx, hook } from '@/utils/cx'
import { showInfo } from '@/services/feedback'
import Field from '@/components/Field'

/**
 * 负面清单: a deduction under the estate's adopted rule set, always with a reason, optionally with evidence — a note
 * and up to 3 photos, uploaded first exactly as a member's claim photos are, then named in the deduction.
 */
export default function Deduction() {
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

  const people = rowsOf(members.data).sort((a, b) => a.name.localeCompare(b.name, 'zh'))
  const rules = adoptedRuleset(ruleset.data)
  const negatives = (rules?.items ?? []).filter((i) => i.points < 0)

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!estateBranchId) return <View className='page'>{<EmptyState title='仅小区党支部书记可用' hint='扣分由小区党支部书记按负面清单记录。' />}</View>

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

  if (done) {
    return (
      <View className='page'>
        <View className={cx('card', hook('deduction-done'))} style={{ textAlign: 'center' }}>
          <Text className='section-title' style={{ justifyContent: 'center' }}>
            已记录扣分
          </Text>
          <Text className='deduction__done-points'>{signedPoints(done.points)}</Text>
          <Text className='hint'>
            {done.name} · {done.item}。已记入积分流水，本人在“我的积分”中可见，公示期内可申诉。
          </Text>
          <Button className={cx('btn btn-plain', hook('deduction-again'))} onClick={() => setDone(null)}>
            继续记录
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='page deduction'>
      <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
      <View className='notice'>仅按本小区现行积分明细中的负面清单扣分，须写明理由，留痕可查。</View>
      {members.error && !members.data ? (
        <ErrorView error={members.error} onRetry={members.reload} />
      ) : ruleset.error && !ruleset.data ? (
        <ErrorView error={ruleset.error} onRetry={ruleset.reload} />
      ) : !members.data || !ruleset.data ? (
        <Skeleton cards={2} />
      ) : (
        <View className='card'>
          <Field label='党员'>
            <OptionPicker
              className={hook('deduction-member')}
              options={people.map((m) => ({ value: m.id, label: `${m.name}（${maskedPhone(m.phone)}）` }))}
              value={memberId}
              onChange={setMemberId}
              placeholder='选择已报到的党员'
            />
          </Field>
          <Field label='发生日期'>
            <DateTimeField className={hook('deduction-date')} mode='date' value={occurredOn} onChange={setOccurredOn} />
          </Field>
          <Field label='负面清单条目'>
            {negatives.length ? (
              <OptionPicker
                className={hook('deduction-item')}
                options={negatives.map((i) => ({ value: i.code, label: `${i.name}（${score2(i.points)} 分）` }))}
                value={itemCode}
                onChange={setItemCode}
                placeholder='选择扣分条目'
              />
            ) : (
              <View className={cx('notice', hook('deduction-no-items'))}>
                {year} 年度现行积分明细中没有负面清单条目，请先在“积分明细”中添加并经党员大会通过。
              </View>
            )}
          </Field>
          <Field label='扣分理由'>
            <Textarea
              className={cx('field-textarea', hook('deduction-reason'))}
              value={reason}
              maxlength={500}
              placeholder='写明事实：时间、活动、情况'
              onInput={(e) => setReason(e.detail.value)}
            />
          </Field>
          <Field label='佐证说明（选填）'>
            <Textarea
              className={cx('field-textarea', hook('deduction-evidence'))}
              value={evidence}
              maxlength={500}
              placeholder='如：证明人、情况说明'
              onInput={(e) => setEvidence(e.detail.value)}
            />
          </Field>
          <Field label={`佐证照片（选填，${photos.length}/${MAX_CLAIM_PHOTOS}）`} hint='如签到表、现场照片；本人在“我的积分”中可以看到。'>
            <PhotoPicker hook='deduction' photos={photos} onChange={setPhotos} max={MAX_CLAIM_PHOTOS} />
          </Field>
          <Button
            className={cx('btn btn-primary', hook('deduction-submit'))}
            disabled={busy || !negatives.length || undefined}
            loading={busy}
            onClick={submit}
          >
            记录扣分
          </Button>
          {progress ? <Text className={cx('hint', hook('deduction-progress'))}>{progress}</Text> : null}
        </View>
      )}
    </View>
  )
}
