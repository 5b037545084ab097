// Renders React into jsdom with act(), without @testing-library (not installed).
import type { ReactElement } from 'react'
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

export interface Rendered {
  container: HTMLElement
  /** The first element with this class (throws when there is none). */
  q: (className: string) => HTMLElement
  /** Every element with this class. */
  all: (className: string) => HTMLElement[]
  has: (className: string) => boolean
  rerender: (el: ReactElement) => Promise<void>
  unmount: () => void
}

export async function render(el: ReactElement): Promise<Rendered> {
  const container = document.createElement('div')
  document.body.appendChild(container)
  let root: Root | null = null
  await act(async () => {
    root = createRoot(container)
    root.render(el)
  })
  const all = (c: string) => Array.from(container.querySelectorAll<HTMLElement>(`.${c}`))
  return {
    container,
    all,
    q: (c) => {
      const found = container.querySelector<HTMLElement>(`.${c}`)
      if (!found) throw new Error(`no element with class ${c}`)
      return found
    },
    has: (c) => container.querySelector(`.${c}`) !== null,
    rerender: async (next) => {
      await act(async () => root?.render(next))
    },
    unmount: () => {
      act(() => root?.unmount())
      container.remove()
    },
  }
}

/** Clicks an element inside act() and lets pending promises settle. */
export async function click(el: Element): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  })
}

/** Lets queued promises (mocked calls) settle inside act(). */
export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0))
  })
}

/** Types into an input, textarea or select (or the first one inside `el`) the way React sees a user do it. */
export async function typeInto(el: HTMLElement, value: string): Promise<void> {
  const field = ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) ? el : (el.querySelector('input, select, textarea') as HTMLElement)
  await act(async () => {
    const proto =
      field.tagName === 'SELECT'
        ? HTMLSelectElement.prototype
        : field.tagName === 'TEXTAREA'
          ? HTMLTextAreaElement.prototype
          : HTMLInputElement.prototype
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value)
    field.dispatchEvent(new Event(field.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }))
  })
}
