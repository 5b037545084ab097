/**
 * Roles and labels for assistive technology on controls the app draws itself (docs/DESIGN.md#phones-and-screens).
 * Spread onto a View or Text: `<View {...a11y('button', { label: '上一年度' })} onClick=…>`. The H5 build reads `role` and
 * `aria-*`; WeChat's screen reader reads `aria-role` and `aria-*` on a <view> or <text>, which Taro's weapp template carries
 * only because `config/plugins/aria-attributes.js` adds them at build time and `registerAriaAttributes()` (called
 * once from app.ts) adds the same names to the runtime.
 */
import { mergeInternalComponents } from '@tarojs/shared'

export type Role = 'button' | 'link' | 'tab' | 'tablist' | 'checkbox' | 'switch' | 'img' | 'heading'

export interface A11yState {
  /** Read instead of the visible text, where that alone does not say what the control does (‹ 2025, ×, ✓). */
  label?: string
  checked?: boolean
  selected?: boolean
  disabled?: boolean
}

/** The View and Text attributes WeChat's screen reader reads; the build plugin's list, in the same order. */
export const ARIA_VIEW_ATTRIBUTES = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-disabled'] as const

export interface A11yProps {
  role: Role
  'aria-role': Role
  'aria-label'?: string
  'aria-checked'?: boolean
  'aria-selected'?: boolean
  'aria-disabled'?: boolean
}

export function a11y(role: Role, state: A11yState = {}): A11yProps {
  const p: A11yProps = { role, 'aria-role': role }
  if (state.label !== undefined) p['aria-label'] = state.label
  if (state.checked !== undefined) p['aria-checked'] = state.checked
  if (state.selected !== undefined) p['aria-selected'] = state.selected
  if (state.disabled) p['aria-disabled'] = true
  return p
}

let registered = false
/** Adds the aria attributes to the weapp runtime's View and Text, so Taro sends them to the template. Idempotent. */
export function registerAriaAttributes(): void {
  if (registered || process.env.TARO_ENV !== 'weapp') return
  registered = true
  const attrs = Object.fromEntries(ARIA_VIEW_ATTRIBUTES.map((a) => [a, '']))
  mergeInternalComponents({ View: attrs, Text: { ...attrs } })
}
