import Taro from '@tarojs/taro'
import type { WatchForUpdates } from './app-update.types'

export const UPDATE_TITLE = '新版本已准备好'
export const UPDATE_CONTENT = '重启小程序即可使用新版本。正在填写的内容请先提交；离线排队的签到不会丢失。'

/**
 * weapp: WeChat checks for a new version at every cold start and downloads it in the background; once it is ready
 * (onUpdateReady) the person is asked, and 立即重启 applies it (applyUpdate). 稍后 keeps the running version; the
 * next cold start opens the new one anyway. A failed download changes nothing (docs/DESIGN.md#privacy-consent-and-updates).
 */
export const watchForUpdates: WatchForUpdates = () => {
  // Base libraries before 1.9.90 have no update manager; the version simply changes on a later cold start.
  if (typeof Taro.getUpdateManager !== 'function') return
  const manager = Taro.getUpdateManager()
  manager.onUpdateReady(() => {
    Taro.showModal({ title: UPDATE_TITLE, content: UPDATE_CONTENT, confirmText: '立即重启', cancelText: '稍后' })
      .then((r) => {
        if (r.confirm) manager.applyUpdate()
      })
      .catch(() => undefined)
  })
  manager.onUpdateFailed(() => undefined)
}
