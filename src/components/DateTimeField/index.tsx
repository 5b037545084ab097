import { Picker, Text, View } from '@tarojs/components'
import type { DateTimeFieldProps } from './types'
import { cx } from '@/utils/cx'

export type { DateTimeFieldProps } from './types'

/** A date or time picker (WeChat's native one; <input type=date|time> in H5, index.h5.tsx). */
export default function DateTimeField({ mode, value, onChange, className }: DateTimeFieldProps) {
  return (
    <Picker className='btn-row__item' mode={mode} value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={cx('field-picker', className)}>
        <Text>{value || (mode === 'date' ? '选择日期' : '选择时间')}</Text>
      </View>
    </Picker>
  )
}
