import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import DateTimeField from '@/components/DateTimeField'
import { showInfo } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { monthDay, todayShanghai } from '@/utils/format'
import { a11y } from '@/utils/a11y'

interface DateListProps {
  title: string
  hint: string
  year: number
  dates: string[]
  locked: boolean
  onChange: (dates: string[]) => void
  /** The list's test hook (a `hook()`); its date picker and add button get `<hookName>-date` and `<hookName>-add`. */
  hookName: string
}

/** A list of dates of the 公示 calendar (holidays, or 调休 working days): tap one to remove it, pick one to add. */
export default function DateList({ title, hint, year, dates, locked, onChange, hookName }: DateListProps) {
  const [pick, setPick] = useState(todayShanghai)
  const add = () => {
    if (dates.includes(pick)) return showInfo('已添加过这一天')
    onChange([...dates, pick].sort())
  }
  return (
    <View className={cx('card', hookName)}>
      <Text className='settings__title'>{title}</Text>
      <Text className='hint'>{hint}</Text>
      <View className='settings__dates'>
        {dates.length === 0 ? <Text className='muted'>暂无</Text> : null}
        {dates.map((d) => (
          <Text
            {...a11y('button', { label: locked ? d : `删除 ${d}`, disabled: locked })}
            key={d}
            className='settings__date'
            onClick={() => !locked && onChange(dates.filter((x) => x !== d))}
          >
            {monthDay(d)}
            {d.slice(0, 4) !== String(year) ? `（${d.slice(0, 4)} 年）` : ''}
            {locked ? '' : ' ×'}
          </Text>
        ))}
      </View>
      {!locked ? (
        <View className='btn-row settings__add'>
          <DateTimeField mode='date' value={pick} onChange={setPick} className={hook(`${hookName}-date`)} />
          <Button className={cx('btn btn-plain', hook(`${hookName}-add`))} onClick={add}>
            添加
          </Button>
        </View>
      ) : null}
    </View>
  )
}
