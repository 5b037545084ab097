import { Text, View } from '@tarojs/components'
import { a11y } from '@/utils/a11y'
import { cx, hook } from '@/utils/cx'

export interface CheckBoxProps {
  checked: boolean
  onChange: (checked: boolean) => void
  label?: string
  className?: string
}

/**
 * A large tap target (the whole row) with a visible tick; a checkbox to a screen reader, read with its label and
 * state; state is also exposed as `is-checked` for tests.
 */
export default function CheckBox({ checked, onChange, label, className }: CheckBoxProps) {
  return (
    <View
      className={cx('checkbox', checked && hook('is-checked'), className)}
      style={{ display: 'flex', alignItems: 'center', gap: '8px' }}
      {...a11y('checkbox', { checked, label })}
      onClick={(e) => {
        e.stopPropagation()
        onChange(!checked)
      }}
    >
      <Text className={cx('check', checked && 'check-on')}>{checked ? '✓' : ''}</Text>
      {label ? <Text>{label}</Text> : null}
    </View>
  )
}
