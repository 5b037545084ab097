import type { OptionPickerProps } from './types'
import { cx } from '@/utils/cx'

export type { OptionPickerProps, PickerOption } from './types'

/** H5: a native <select> — accessible, and simple to drive from a browser test. */
export default function OptionPicker({ options, value, onChange, placeholder = '请选择', disabled, className }: OptionPickerProps) {
  return (
    <select
      className={cx('field-picker option-picker option-picker--native', className)}
      value={value ?? ''}
      disabled={disabled || options.length === 0}
      onChange={(e) => {
        if (e.target.value) onChange(e.target.value)
      }}
    >
      <option value='' disabled>
        {options.length ? placeholder : '暂无可选项'}
      </option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}
