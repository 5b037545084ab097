import type { Platform } from './platform.types'

interface WakeLockSentinel {
  release(): Promise<void>
}
type WakeLockNavigator = Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinel> } }

/**
 * The Screen Wake Lock API where the browser has it (Chrome, Edge, Safari 16.4+); elsewhere the screen may dim. The
 * browser drops the lock whenever the tab is hidden, so it is asked for again each time the page is shown.
 */
function keepScreenOn(): () => void {
  if (typeof navigator === 'undefined' || typeof document === 'undefined') return () => undefined
  const wakeLock = (navigator as WakeLockNavigator).wakeLock
  if (!wakeLock) return () => undefined
  let lock: WakeLockSentinel | null = null
  let released = false
  const acquire = () => {
    if (released || document.visibilityState !== 'visible') return
    wakeLock.request('screen').then(
      (l) => {
        if (released) void l.release().catch(() => undefined)
        else lock = l
      },
      () => undefined, // refused (e.g. battery saver): the page still works, the screen may dim
    )
  }
  acquire()
  document.addEventListener('visibilitychange', acquire)
  return () => {
    released = true
    document.removeEventListener('visibilitychange', acquire)
    void lock?.release().catch(() => undefined)
    lock = null
  }
}

export const platform: Platform = {
  name: 'h5',
  usesDevLogin: true,
  verifiedPhone: false,
  keepScreenOn,
  fullScreen: () => {
    if (typeof document !== 'undefined' && !document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined)
  },
  print: () => window.print(),
  init: () => undefined,
  scansCodes: false,
  locationByDefault: false,
  locationDatum: 'wgs84',
  shares: false,
  openPrivacyContract: null,
  onOnline: (fn) => {
    if (typeof window !== 'undefined') window.addEventListener('online', fn)
  },
}
