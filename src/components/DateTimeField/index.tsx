import { Picker, Text, View } from '@tarojs/components'
import type { DateTimeFieldProps } from './types'
import { cx } from '@/utils/cx'
import { fieldText } from '@/utils/format'

export type { DateTimeFieldProps } from './types'

/**
 * A date or time picker (WeChat's native one; in H5 a native input under the app's own text, index.h5.tsx). Both
 * show the value as `fieldText` words it, whatever the phone's locale (docs/DESIGN.md#phones-and-screens).
 */
export default function DateTimeField({ mode, value, onChange, className }: DateTimeFieldProps) {
  const shown = fieldText(mode, value)
  return (
    <Picker className='btn-row__item' mode={mode} value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={cx('field-picker', className)}>
        <Text className={shown ? undefined : 'placeholder'}>{shown || (mode === 'date' ? '选择日期' : '选择时间')}</Text>
      </View>
    </Picker>
  )
}
