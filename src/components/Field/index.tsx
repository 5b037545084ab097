import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from '@/utils/cx'

export interface FieldProps {
  /** What the field is, shown above it. */
  label: string
  /** One line under the control: what is allowed, or what happens next. */
  hint?: ReactNode
  /** A problem with what was entered, shown in red under the control. */
  error?: string | null
  className?: string
  children: ReactNode
}

/** One labelled form field: label, the control, then a hint or an error (styles in app.scss: .field, .field-label). */
export default function Field({ label, hint, error, className, children }: FieldProps) {
  return (
    <View className={cx('field', className)}>
      <Text className='field-label'>{label}</Text>
      {children}
      {error ? <Text className='hint field-error'>{error}</Text> : hint ? <Text className='hint'>{hint}</Text> : null}
    </View>
  )
}
