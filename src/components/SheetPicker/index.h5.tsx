import { cx, hook } from '@/utils/cx'
import type { SheetPickerProps } from './types'
import './index.scss'

export type { SheetPickerProps } from './types'

/** H5: a real <input type="file"> inside a button-looking label (browser tests set its files directly). */
export default function SheetPicker({ onPicked, onError, disabled, label, className }: SheetPickerProps) {
  return (
    <label className={cx('btn btn-primary sheet-picker', disabled && 'btn-disabled', className)}>
      {label}
      <input
        className={cx('sheet-picker__input', hook('sheet-file-input'))}
        type='file'
        accept='.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
        disabled={disabled}
        style={{ position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden' }}
        onChange={(e) => {
          const input = e.currentTarget
          const file = input.files?.[0]
          input.value = '' // choosing the same file again fires change again
          if (!file) return
          file
            .arrayBuffer()
            .then((buf) => onPicked({ name: file.name, bytes: new Uint8Array(buf) }))
            .catch(() => onError('文件读取失败，请重新选择'))
        }}
      />
    </label>
  )
}
