import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import CheckBox from '@/components/CheckBox'
import DateTimeField from '@/components/DateTimeField'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import { cx, hook } from '@/utils/cx'
import { dateTimeText, rangeText } from '@/utils/format'
import { type BackfillState, FILTER_FROM } from './useBackfill'

/** Activity, member (with a filter for long lists), check-in and optional check-out time, and the reason. */
export default function FormCard({ b }: { b: BackfillState }) {
  const { form, set, choices, activity, people, shown, filter, setFilter, busy, submit } = b
  return (
    <View className='card'>
      <Field label='活动'>
        <OptionPicker
          className={hook('backfill-activity')}
          options={choices.map((a) => ({ value: a.id, label: `${a.title}（${dateTimeText(a.startAt)}）` }))}
          value={form.activityId}
          onChange={(v) => set({ activityId: v })}
          placeholder='选择已开始或已结束的活动'
        />
        {activity ? <Text className='hint backfill__activity-time'>活动时间：{rangeText(activity.startAt, activity.endAt)}</Text> : null}
      </Field>
      <Field label='党员'>
        {people.length > FILTER_FROM ? (
          <Input
            className={cx('field-input backfill__filter', hook('backfill-member-filter'))}
            value={filter}
            maxlength={20}
            placeholder='输入姓名或手机号筛选'
            onInput={(e) => setFilter(e.detail.value)}
          />
        ) : null}
        <OptionPicker
          className={hook('backfill-member')}
          options={shown.map((m) => ({ value: m.id, label: `${m.name}（${m.phone}）` }))}
          value={form.memberId}
          onChange={(v) => set({ memberId: v })}
          placeholder='选择已报到的党员'
        />
      </Field>
      <Field label='签到时间'>
        <View className='btn-row'>
          <DateTimeField className={hook('backfill-in-date')} mode='date' value={form.inDate} onChange={(v) => set({ inDate: v })} />
          <DateTimeField className={hook('backfill-in-time')} mode='time' value={form.inTime} onChange={(v) => set({ inTime: v })} />
        </View>
      </Field>
      <View className='field'>
        <CheckBox
          className={hook('backfill-with-checkout')}
          checked={form.withCheckout}
          onChange={(on) => set({ withCheckout: on })}
          label='填写签退时间（按时长计分或需签退的活动）'
        />
      </View>
      {form.withCheckout ? (
        <Field label='签退时间'>
          <View className='btn-row'>
            <DateTimeField className={hook('backfill-out-date')} mode='date' value={form.outDate} onChange={(v) => set({ outDate: v })} />
            <DateTimeField className={hook('backfill-out-time')} mode='time' value={form.outTime} onChange={(v) => set({ outTime: v })} />
          </View>
        </Field>
      ) : null}
      <Field label='补录理由（必填）'>
        <Textarea
          className={cx('field-textarea', hook('backfill-reason'))}
          value={form.reason}
          maxlength={200}
          placeholder='如：手机没电，现场签到表登记'
          onInput={(e) => set({ reason: e.detail.value })}
        />
      </Field>
      <Button className={cx('btn btn-primary', hook('backfill-submit'))} disabled={busy || undefined} onClick={submit}>
        {busy ? '提交中…' : '提交补录'}
      </Button>
    </View>
  )
}
