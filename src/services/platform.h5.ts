import type { Platform } from './platform.types'

export const platform: Platform = {
  name: 'h5',
  usesDevLogin: true,
  verifiedPhone: false,
  keepScreenOn: () => undefined,
  print: () => window.print(),
}
