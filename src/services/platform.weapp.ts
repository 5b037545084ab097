import Taro from '@tarojs/taro'
import type { Platform } from './platform.types'

export const platform: Platform = {
  name: 'weapp',
  usesDevLogin: false,
  verifiedPhone: true,
  keepScreenOn: () => {
    void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    return () => void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined)
  },
  fullScreen: null,
  print: null,
  // An empty CLOUD_ENV means the project's default cloud environment (set TARO_APP_CLOUD_ENV when building to pin one).
  init: () => Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true }),
  scansCodes: true,
  locationByDefault: true,
  locationDatum: 'gcj02',
  shares: true,
  openPrivacyContract: (fail) => Taro.openPrivacyContract({ fail }),
  onOnline: () => undefined,
}
