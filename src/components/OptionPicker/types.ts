export interface PickerOption {
  value: string
  label: string
}

export interface OptionPickerProps {
  options: PickerOption[]
  value: string | null
  onChange: (value: string) => void
  placeholder?: string
  disabled?: boolean
  /** Stable class for tests (e.g. register-unit). */
  className?: string
}
