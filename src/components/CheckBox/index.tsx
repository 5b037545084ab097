import { Text, View } from '@tarojs/components'
import { cx, hook } from '@/utils/cx'

export interface CheckBoxProps {
  checked: boolean
  onChange: (checked: boolean) => void
  label?: string
  className?: string
}

/** A large tap target (the whole row) with a visible tick; state is also exposed as `is-checked` for tests. */
export default function CheckBox({ checked, onChange, label, className }: CheckBoxProps) {
  return (
    <View
      className={cx('checkbox', checked && hook('is-checked'), className)}
      style={{ display: 'flex', alignItems: 'center', gap: '8px' }}
      aria-checked={checked}
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
