import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'

/** Reloads when the user comes back to a page (e.g. from check-in to 我的积分); the first show is the load itself. */
export function useReloadOnShow(...reloads: (() => Promise<unknown>)[]): void {
  const shown = useRef(false)
  useDidShow(() => {
    if (!shown.current) {
      shown.current = true
      return
    }
    reloads.forEach((r) => void r())
  })
}
