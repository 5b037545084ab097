import { Button, Text, Textarea, View } from '@tarojs/components'
import { MAX_CLAIM_PHOTOS } from '@/core/contracts'
import DateTimeField from '@/components/DateTimeField'
import EmptyState from '@/components/EmptyState'
import ErrorView from '@/components/ErrorView'
import OptionPicker from '@/components/OptionPicker'
import PhotoPicker from '@/components/PhotoPicker'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import { maskedPhone, score2, signedPoints } from '@/utils/format'
import { cx, hook } from '@/utils/cx'
import Field from '@/components/Field'
import { useDeduction } from './useDeduction'
import './index.scss'

/** 负面清单: a deduction under the estate's adopted rule set, always with a reason, optionally with evidence. */
export default function Deduction() {
  const {
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
  } = useDeduction()
  const estateBranchId = scope.scopeId

  if (scope.error) return <View className='page'>{<ErrorView error={scope.error} />}</View>
  if (scope.loading) return <View className='page'>{<Skeleton />}</View>
  if (!estateBranchId) return <View className='page'>{<EmptyState title='仅小区党支部书记可用' hint='扣分由小区党支部书记按负面清单记录。' />}</View>

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
