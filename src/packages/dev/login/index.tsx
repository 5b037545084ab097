import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import DevLogin from '@/components/DevLogin'
import EmptyState from '@/components/EmptyState'
import { platform } from '@/services/platform'
import { HOME_URL } from '@/utils/routes'

/** H5 only: choose who you are on the local backend. In the weapp the identity is WeChat's own. */
export default function DevLoginPage() {
  if (!platform.usesDevLogin) {
    return (
      <View className='page'>
        <EmptyState title='微信中自动识别身份' hint='此页面仅用于本地体验版。' />
      </View>
    )
  }
  return (
    <View className='page'>
      <DevLogin onDone={() => Taro.switchTab({ url: HOME_URL })} />
    </View>
  )
}
