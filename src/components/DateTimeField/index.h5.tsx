import type { DateTimeFieldProps } from './types'
import { cx } from '@/utils/cx'

export type { DateTimeFieldProps } from './types'

export default function DateTimeField({ mode, value, onChange, className }: DateTimeFieldProps) {
  return (
    <input
      type={mode}
      className={cx('field-input field-input--native', className)}
      // A native <input> is not a Taro component, so the app-wide border-box rule does not reach it.
      style={{ boxSizing: 'border-box' }}
      value={value}
      onChange={(e) => {
        if (e.target.value) onChange(e.target.value)
      }}
    />
  )
}
