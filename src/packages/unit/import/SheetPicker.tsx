// The picker moved to src/components/SheetPicker (the admin's roster import uses it too); this name stays for the page.
export { default, type SheetPickerProps } from '@/components/SheetPicker'
