export interface DateTimeFieldProps {
  mode: 'date' | 'time'
  /** YYYY-MM-DD or HH:mm */
  value: string
  onChange: (value: string) => void
  className?: string
}
