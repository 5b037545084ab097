import type { PropsWithChildren } from 'react'
import { useDidShow } from '@tarojs/taro'
import { watchForUpdates } from './services/app-update'
import { flushCheckinQueue, startQueueRetry } from './services/checkin-queue'
import { platform } from './services/platform'
import { registerAriaAttributes } from './utils/a11y'
import { preloadSubscriptions } from './services/subscribe'
import './app.scss'

registerAriaAttributes()
platform.init()
// weapp: a downloaded new version is offered at once (restart now or at the next cold start); nothing in H5.
watchForUpdates()
// 订阅消息: the templates are loaded ahead, so a tap can ask at once (docs/DESIGN.md#reminders).
void preloadSubscriptions()

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
