import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MAX_CLAIM_PHOTOS } from '@/core/contracts'
import AsyncView from '@/components/AsyncView'
import DateTimeField from '@/components/DateTimeField'
import Field from '@/components/Field'
import MemberGate from '@/components/MemberGate'
import OptionPicker from '@/components/OptionPicker'
import PhotoPicker from '@/components/PhotoPicker'
import { useMe } from '@/hooks'
import { CLAIM_WITHIN_DAYS, DURATION_OPTIONS, earliestClaimDay } from '@/utils/claim'
import { cx, hook } from '@/utils/cx'
import { score2 } from '@/utils/format'
import { MY_ATTENDANCE_URL } from '@/utils/routes'
import { type ClaimForm, useClaimForm } from './useClaimForm'

/**
 * 自主申报: service no activity covered — a rule item of the estate's adopted 积分明细, the day, what happened and
 * up to 3 photos. Photos are uploaded first (cloud storage / the local backend), then the claim names them; it
 * goes to the secretary's review queue like a check-in.
 */
export default function Claim() {
  const { me, loading, error, reload, isMember } = useMe()
  const form = useClaimForm(me?.openid ?? '', me?.member?.estateBranchId, isMember)

  if (form.done) return <ClaimDone form={form} />

  return (
    <View className='page claim'>
      <MemberGate me={me} loading={loading} error={error} onRetry={reload}>
        <View className='notice'>
          参加了活动以外的志愿服务？选择对应的积分细则、写明经过并附照片，由小区党支部书记审核后计分。只能申报 {CLAIM_WITHIN_DAYS}{' '}
          天内的服务，同一细则同一天申报一次。
        </View>
        <AsyncView
          state={form.ruleset}
          skeleton={{ cards: 2 }}
          isEmpty={() => form.items.length === 0}
          empty={{ title: '暂不能申报', hint: `本小区 ${form.year} 年度尚未采用积分明细，请联系小区党支部书记。` }}
        >
          {() => <ClaimFields form={form} />}
        </AsyncView>
      </MemberGate>
    </View>
  )
}

function ClaimFields({ form }: { form: ClaimForm }) {
  const { item, today, busy, progress, photos } = form
  return (
    <View className='card'>
      <Field label='积分细则' hint={item?.evidenceRequired ? '此项需要照片佐证。' : null}>
        <OptionPicker
          className={hook('claim-item')}
          options={form.items.map((i) => ({ value: i.code, label: `${i.name}（${score2(i.points)} 分${i.perHour ? '/小时' : '/次'}）` }))}
          value={form.itemCode}
          onChange={form.setItemCode}
          placeholder='选择服务对应的细则'
        />
      </Field>
      <Field label='服务日期' hint={`可选 ${earliestClaimDay(today)} 至 ${today}`}>
        <DateTimeField className={hook('claim-date')} mode='date' value={form.occurredOn} onChange={form.setOccurredOn} />
      </Field>
      {item?.perHour ? (
        <Field label='服务时长'>
          <OptionPicker
            className={hook('claim-minutes')}
            options={DURATION_OPTIONS}
            value={form.minutes}
            onChange={form.setMinutes}
            placeholder='选择时长'
          />
        </Field>
      ) : null}
      <Field label='事项'>
        <Input
          className={cx('field-input', hook('claim-title'))}
          value={form.title}
          maxlength={40}
          placeholder='如：帮独居老人代购药品'
          onInput={(e) => form.setTitle(e.detail.value)}
        />
      </Field>
      <Field label='经过说明'>
        <Textarea
          className={cx('field-textarea', hook('claim-description'))}
          value={form.description}
          maxlength={500}
          placeholder='时间、地点、做了什么、谁可以证明（至少 5 个字）'
          onInput={(e) => form.setDescription(e.detail.value)}
        />
      </Field>
      <Field label={`照片（${photos.length}/${MAX_CLAIM_PHOTOS}）`}>
        <PhotoPicker hook='claim' photos={photos} onChange={form.setPhotos} max={MAX_CLAIM_PHOTOS} />
      </Field>
      {/* The label stays put while loading: H5's button component renders its spinner into the same children. */}
      <Button className={cx('btn btn-primary', hook('claim-submit'))} disabled={busy || undefined} loading={busy} onClick={form.submit}>
        提交申报
      </Button>
      {progress ? <Text className={cx('hint', hook('claim-progress'))}>{progress}</Text> : null}
    </View>
  )
}

/** The claim went in: it now waits in the secretary's review queue. */
function ClaimDone({ form }: { form: ClaimForm }) {
  const done = form.done
  if (!done) return null
  return (
    <View className='page'>
      <View className={cx('card', hook('claim-done'))} style={{ textAlign: 'center' }}>
        <Text className='section-title' style={{ justifyContent: 'center' }}>
          {done.repeated ? '已申报过' : '申报已提交'}
        </Text>
        <Text className='hint'>「{done.activityTitle}」已进入小区党支部书记的审核队列，审核通过后计入积分。结果可在“我的签到记录”中查看。</Text>
        <View className='btn-row'>
          <Button className={cx('btn btn-plain', hook('claim-records'))} onClick={() => Taro.redirectTo({ url: MY_ATTENDANCE_URL })}>
            我的记录
          </Button>
          <Button className={cx('btn btn-primary', hook('claim-again'))} onClick={form.again}>
            继续申报
          </Button>
        </View>
      </View>
    </View>
  )
}
