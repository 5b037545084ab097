// Jest stand-in for @tarojs/taro: the APIs the app uses, as jest.fn()s with sensible defaults, plus helpers for
// tests to drive lifecycle hooks (`__pullDown`, `__show`) and router params (`__setRouterParams`).
import { useEffect, useRef } from 'react'

type Handler = () => void
const pullDownHandlers = new Set<Handler>()
const showHandlers = new Set<Handler>()
const reachBottomHandlers = new Set<Handler>()
let routerParams: Record<string, string> = {}
const storage = new Map<string, unknown>()

const resolved = (value: unknown = { errMsg: 'ok' }) => jest.fn(() => Promise.resolve(value))

const Taro = {
  showToast: resolved(),
  showModal: resolved({ confirm: true, cancel: false }),
  showLoading: resolved(),
  hideLoading: jest.fn(),
  navigateTo: resolved(),
  redirectTo: resolved(),
  switchTab: resolved(),
  navigateBack: resolved(),
  reLaunch: resolved(),
  stopPullDownRefresh: jest.fn(),
  setKeepScreenOn: resolved(),
  openPrivacyContract: jest.fn(),
  scanCode: jest.fn(() => Promise.reject(new Error('scanCode is not available in tests'))),
  getLocation: jest.fn(() => Promise.reject(new Error('getLocation denied'))),
  chooseMedia: jest.fn(() => Promise.reject(new Error('chooseMedia:fail cancel'))),
  previewImage: resolved(),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, value)
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key)
  }),
  cloud: {
    init: jest.fn(),
    callFunction: jest.fn(() => Promise.reject(new Error('cloud is not available in tests'))),
  },
  getCurrentInstance: () => ({ router: { params: routerParams } }),
}

export default Taro

function useRegistered(set: Set<Handler>, fn: Handler) {
  const ref = useRef(fn)
  ref.current = fn
  useEffect(() => {
    const h = () => ref.current()
    set.add(h)
    return () => {
      set.delete(h)
    }
  }, [set])
}

export function usePullDownRefresh(fn: Handler) {
  useRegistered(pullDownHandlers, fn)
}

/** Like Taro: fires once when the page first shows, and again on each `__show()`. */
export function useDidShow(fn: Handler) {
  useRegistered(showHandlers, fn)
  // biome-ignore lint/correctness/useExhaustiveDependencies: like Taro, the hook fires on mount only
  useEffect(() => {
    fn()
  }, [])
}

export function useLoad(fn: (params: Record<string, string>) => void) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: like Taro, the hook fires on mount only
  useEffect(() => {
    fn(routerParams)
  }, [])
}

export const useLaunch = useLoad
export const useDidHide = (_fn: Handler) => undefined
export function useReachBottom(fn: Handler) {
  useRegistered(reachBottomHandlers, fn)
}
export const useShareAppMessage = (_fn: Handler) => undefined
export const useRouter = () => ({ params: routerParams, path: '' })

export function __setRouterParams(params: Record<string, string>) {
  routerParams = params
}
/** The page was scrolled to its bottom (onReachBottom). */
export function __reachBottom() {
  reachBottomHandlers.forEach((h) => h())
}
export function __pullDown() {
  pullDownHandlers.forEach((h) => h())
}
export function __show() {
  showHandlers.forEach((h) => h())
}
export function __resetTaro() {
  storage.clear()
  routerParams = {}
  for (const v of Object.values(Taro)) if (typeof v === 'function' && 'mockClear' in v) (v as jest.Mock).mockClear()
}
