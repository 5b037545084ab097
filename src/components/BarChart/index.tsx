import { Text, View } from '@tarojs/components'
import { score2 } from '@/utils/format'
import './index.scss'
import { cx } from '@/utils/cx'

export interface BarDatum {
  label: string
  value: number
}

export interface BarChartProps {
  data: BarDatum[]
  /** `column`: vertical bars (a trend); `row`: horizontal bars with labels (a breakdown). */
  layout?: 'column' | 'row'
  className?: string
  /** How a value is printed (default: a score with 2 decimals). */
  format?: (value: number) => string
}

/** Bars drawn with plain Views sized in percent: no chart library in the main package. */
export default function BarChart({ data, layout = 'column', className, format = score2 }: BarChartProps) {
  const max = Math.max(0, ...data.map((d) => Math.abs(d.value)))
  const pct = (v: number) => (max > 0 ? Math.max(2, Math.round((Math.abs(v) / max) * 100)) : 0)

  if (layout === 'row') {
    return (
      <View className={cx('bar-chart bar-chart--row', className)}>
        {data.map((d) => (
          <View className='bar-chart__row' key={d.label}>
            <Text className='bar-chart__row-label'>{d.label}</Text>
            <View className='bar-chart__track'>
              <View className={cx('bar-chart__fill', d.value < 0 && 'bar-chart__fill--neg')} style={{ width: `${pct(d.value)}%` }} />
            </View>
            <Text className='bar-chart__row-value'>{format(d.value)}</Text>
          </View>
        ))}
      </View>
    )
  }

  return (
    <View className={cx('bar-chart bar-chart--column', className)}>
      <View className='bar-chart__plot'>
        {data.map((d) => (
          <View className='bar-chart__col' key={d.label}>
            <Text className='bar-chart__col-value'>{d.value ? format(d.value).replace(/\.00$/, '') : ''}</Text>
            <View className='bar-chart__col-area'>
              <View className={cx('bar-chart__bar', d.value < 0 && 'bar-chart__bar--neg')} style={{ height: `${pct(d.value)}%` }} />
            </View>
            <Text className='bar-chart__col-label'>{d.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
