import Taro, { usePullDownRefresh } from '@tarojs/taro'

/** Pull-down refresh for a list page (the page config needs `enablePullDownRefresh: true`). */
export function usePullRefresh(...reloads: (() => Promise<unknown>)[]): void {
  usePullDownRefresh(() => {
    Promise.all(reloads.map((r) => r())).finally(() => Taro.stopPullDownRefresh())
  })
}
