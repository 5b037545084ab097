import { Picker, Text, View } from '@tarojs/components'
import type { OptionPickerProps } from './types'
import { cx } from '@/utils/cx'

export type { OptionPickerProps, PickerOption } from './types'

/** A one-of-many choice: WeChat's native picker here; a native <select> in the H5 build (index.h5.tsx). */
export default function OptionPicker({ options, value, onChange, placeholder = '请选择', disabled, className }: OptionPickerProps) {
  const index = options.findIndex((o) => o.value === value)
  const current = index >= 0 ? options[index] : null
  return (
    <Picker
      mode='selector'
      range={options.map((o) => o.label)}
      value={Math.max(0, index)}
      disabled={disabled || options.length === 0}
      onChange={(e) => {
        const picked = options[Number(e.detail.value)]
        if (picked) onChange(picked.value)
      }}
    >
      <View className={cx('field-picker option-picker', className)}>
        <Text className={current ? '' : 'placeholder'}>{current ? current.label : options.length ? placeholder : '暂无可选项'}</Text>
        <Text className='option-picker__arrow'> ▾</Text>
      </View>
    </Picker>
  )
}
