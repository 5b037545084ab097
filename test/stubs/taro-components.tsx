// Jest stand-ins for @tarojs/components: each maps to the plain DOM element a browser would show, with Taro's
// event shapes (`e.detail.value`) so components run unchanged under jsdom.
import React from 'react'

type AnyProps = Record<string, any> & { children?: React.ReactNode }

const PASS = /^(id|className|children|key|hidden|disabled|placeholder|value|type|src|alt|role|title|(aria|data)-.*)$/

function domProps(props: AnyProps): AnyProps {
  const out: AnyProps = {}
  for (const [k, v] of Object.entries(props)) {
    if (k === 'style') {
      if (v && typeof v === 'object') out.style = v
    } else if (k === 'onClick' || k === 'onTap') {
      out.onClick = v
    } else if (PASS.test(k)) {
      out[k] = v
    }
  }
  return out
}

const detail = (value: unknown) => ({ detail: { value }, stopPropagation() {}, preventDefault() {} })

function wrap(tag: string) {
  const C = (props: AnyProps) => React.createElement(tag, domProps(props), props.children)
  C.displayName = tag
  return C
}

export const View = wrap('div')
export const Text = wrap('span')
export const Block = (props: AnyProps) => <>{props.children}</>
export const ScrollView = wrap('div')
export const Swiper = wrap('div')
export const SwiperItem = wrap('div')
export const Label = wrap('label')
export const Form = wrap('form')
export const Icon = wrap('i')
export const RichText = wrap('div')
export const Navigator = wrap('a')

export function Button(props: AnyProps) {
  const { openType, loading, onGetPhoneNumber, onAgreePrivacyAuthorization, ...rest } = props
  return (
    <button {...domProps(rest)} data-open-type={openType} data-loading={loading ? 'true' : undefined}>
      {props.children}
    </button>
  )
}

export function Image(props: AnyProps) {
  return <img {...domProps(props)} />
}

export function Input(props: AnyProps) {
  const { onInput, onConfirm, maxlength, password, value, ...rest } = props
  return (
    <input
      {...domProps(rest)}
      type={password ? 'password' : 'text'}
      maxLength={maxlength}
      value={value ?? ''}
      onChange={(e) => onInput?.(detail(e.target.value))}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onConfirm?.(detail((e.target as HTMLInputElement).value))
      }}
    />
  )
}

export function Textarea(props: AnyProps) {
  const { onInput, maxlength, value, ...rest } = props
  return <textarea {...domProps(rest)} maxLength={maxlength} value={value ?? ''} onChange={(e) => onInput?.(detail(e.target.value))} />
}

export function Switch(props: AnyProps) {
  const { checked, onChange, ...rest } = props
  return <input {...domProps(rest)} type='checkbox' checked={!!checked} onChange={(e) => onChange?.(detail(e.target.checked))} />
}

export const Checkbox = Switch
export const CheckboxGroup = wrap('div')
export const Radio = Switch
export const RadioGroup = wrap('div')

/** Picker: the display children plus a hidden control a test can change (select for `selector`, input otherwise). */
export function Picker(props: AnyProps) {
  const { mode = 'selector', range = [], value, onChange, disabled, children } = props
  const control =
    mode === 'selector' ? (
      <select data-picker='selector' disabled={disabled} value={String(value ?? 0)} onChange={(e) => onChange?.(detail(Number(e.target.value)))}>
        {(range as unknown[]).map((label, i) => (
          <option key={i} value={String(i)}>
            {String(label)}
          </option>
        ))}
      </select>
    ) : (
      <input data-picker={mode} disabled={disabled} value={String(value ?? '')} onChange={(e) => onChange?.(detail(e.target.value))} />
    )
  return (
    <div data-picker-mode={mode}>
      {children}
      {control}
    </div>
  )
}
