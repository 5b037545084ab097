import { Button, Text, Textarea, View } from '@tarojs/components'
import DateTimeField from '@/components/DateTimeField'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import PhotoPicker from '@/components/PhotoPicker'
import { MAX_CLAIM_PHOTOS } from '@/core/contracts'
import { cx, hook } from '@/utils/cx'
import { maskedPhone, score2 } from '@/utils/format'
import type { DeductionState } from './useDeduction'

/** Member, date, negative item, reason, evidence note and photos, then 记录扣分 (with upload progress). */
export default function FormCard({ d }: { d: DeductionState }) {
  const { people, memberId, setMemberId, occurredOn, setOccurredOn, negatives, itemCode, setItemCode, year } = d
  const { reason, setReason, evidence, setEvidence, photos, setPhotos, busy, submit, progress } = d
  return (
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
  )
}
