import type { Platform } from './platform.types'

export const platform: Platform = {
  name: 'h5',
  usesDevLogin: true,
  verifiedPhone: false,
  keepScreenOn: () => undefined,
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
