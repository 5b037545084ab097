import { Text, View } from '@tarojs/components'
import DateTimeField from '@/components/DateTimeField'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import { cx, hook } from '@/utils/cx'
import { score2 } from '@/utils/format'
import type { ActivityForm } from './useActivityForm'

/** 开始 and 结束, each a date and a time picker. */
export function TimeFields({ f }: { f: Pick<ActivityForm, 'times' | 'setTimes'> }) {
  const { times, setTimes } = f
  return (
    <>
      <Field label='开始'>
        <View className='btn-row'>
          <DateTimeField
            className={hook('activity-start-date')}
            mode='date'
            value={times.startDate}
            onChange={(v) => setTimes({ ...times, startDate: v })}
          />
          <DateTimeField
            className={hook('activity-start-time')}
            mode='time'
            value={times.startTime}
            onChange={(v) => setTimes({ ...times, startTime: v })}
          />
        </View>
      </Field>
      <Field label='结束'>
        <View className='btn-row'>
          <DateTimeField
            className={hook('activity-end-date')}
            mode='date'
            value={times.endDate}
            onChange={(v) => setTimes({ ...times, endDate: v })}
          />
          <DateTimeField
            className={hook('activity-end-time')}
            mode='time'
            value={times.endTime}
            onChange={(v) => setTimes({ ...times, endTime: v })}
          />
        </View>
      </Field>
    </>
  )
}

/** The 细则 the activity scores by, from the rule set adopted for the activity's year (none: nothing to publish). */
export function ItemField({ f }: { f: Pick<ActivityForm, 'ruleset' | 'items' | 'itemCode' | 'setItemCode' | 'year'> }) {
  return (
    <Field label='积分细则'>
      {f.ruleset.loading && !f.ruleset.data ? (
        <Text className='hint'>正在读取积分明细…</Text>
      ) : f.items.length ? (
        <OptionPicker
          className={hook('activity-item')}
          options={f.items.map((i) => ({ value: i.code, label: `${i.name}（${score2(i.points)} 分${i.perHour ? '/小时' : '/次'}）` }))}
          value={f.itemCode}
          onChange={f.setItemCode}
          placeholder='选择本活动计分的细则'
        />
      ) : (
        <Text className={cx('notice', hook('activity-no-ruleset'))}>{f.year} 年度的积分明细尚未经党员大会通过，通过后才能发布计分活动。</Text>
      )}
    </Field>
  )
}
