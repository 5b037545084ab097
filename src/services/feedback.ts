import Taro from '@tarojs/taro'
import { toActionError } from './errors'

/** Shows a failed action's Chinese message; long messages go in a modal so they are not cut off. */
export function showError(err: unknown): void {
  const { message } = toActionError(err)
  if (message.length > 14) Taro.showModal({ title: '提示', content: message, showCancel: false, confirmText: '知道了' })
  else Taro.showToast({ title: message, icon: 'none', duration: 2500 })
}

export function showSuccess(title: string): void {
  Taro.showToast({ title, icon: title.length > 7 ? 'none' : 'success', duration: 2000 })
}

/** A short neutral message (no icon): a form that is not ready yet, a hint after an action. */
export function showInfo(title: string, duration = 2500): void {
  Taro.showToast({ title, icon: 'none', duration })
}
