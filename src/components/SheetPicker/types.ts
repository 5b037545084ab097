import type { PickedFile } from '@/lib/sheet-file'

/** The platform contract of choosing a spreadsheet: a WeChat chat file on the phone, a file input in the browser. */
export interface SheetPickerProps {
  onPicked: (file: PickedFile) => void
  onError: (message: string) => void
  disabled?: boolean
  label: string
  className?: string
}
