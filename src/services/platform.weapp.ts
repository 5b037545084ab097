import Taro from '@tarojs/taro'
import type { Platform } from './platform.types'

export const platform: Platform = {
  name: 'weapp',
  usesDevLogin: false,
  verifiedPhone: true,
  keepScreenOn: () => void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined),
  print: null,
}
