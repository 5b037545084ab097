import type { DateTimeFieldProps } from './types'
import { cx } from '@/utils/cx'
import { fieldText } from '@/utils/format'

export type { DateTimeFieldProps } from './types'

/**
 * H5: the browser draws a native <input type=date|time> in its own locale (a US browser shows 11/22/2026 and
 * 02:06 PM), so the field shows the app's own text (`fieldText`, as the weapp picker does) and the native input
 * lies over it, transparent: a tap still opens the phone's own picker, and browser tests still fill the input
 * (docs/DESIGN.md#phones-and-screens).
 */
export default function DateTimeField({ mode, value, onChange, className }: DateTimeFieldProps) {
  const shown = fieldText(mode, value)
  return (
    <label className='field-picker btn-row__item date-time-field'>
      <span className={shown ? 'date-time-field__text' : 'date-time-field__text placeholder'}>
        {shown || (mode === 'date' ? '选择日期' : '选择时间')}
      </span>
      <input
        type={mode}
        aria-label={shown || (mode === 'date' ? '选择日期' : '选择时间')}
        className={cx('date-time-field__native', className)}
        value={value}
        onClick={(e) => {
          // Desktop browsers open the picker only from their own icon, which is hidden here.
          try {
            ;(e.currentTarget as HTMLInputElement & { showPicker?: () => void }).showPicker?.()
          } catch {
            // Not allowed without a user gesture, or already open: the focused input still takes typing.
          }
        }}
        onChange={(e) => {
          if (e.target.value) onChange(e.target.value)
        }}
      />
    </label>
  )
}
