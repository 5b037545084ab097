import type { PropsWithChildren } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { flushCheckinQueue, startQueueRetry } from './services/checkin-queue'
import './app.scss'

if (process.env.TARO_ENV === 'weapp') {
  // An empty CLOUD_ENV means the project's default cloud environment (set TARO_APP_CLOUD_ENV when building to pin one).
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
}

function App({ children }: PropsWithChildren) {
  // Check-ins queued on a weak network are retried whenever the app comes back to the foreground, when the network
  // returns and on a timer while any wait.
  startQueueRetry()
  useDidShow(() => {
    flushCheckinQueue().catch(() => undefined)
  })
  return children
}

export default App
