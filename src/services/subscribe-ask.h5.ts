// H5 (the local backend, browser tests): there is no WeChat to ask, so acceptance is simulated — for development
// only. Every template is accepted, unless localStorage `dsj.subscribe` says `reject` (refused this time) or `ban`
// (refused with "总是保持以上选择"), so each path can be tried in a browser.
import type { AskTemplates } from './subscribe.types'

export const askTemplates: AskTemplates = async (templates) => {
  let mode: string | null = null
  try {
    mode = typeof localStorage === 'undefined' ? null : localStorage.getItem('dsj.subscribe')
  } catch {
    mode = null
  }
  const keys = templates.map((t) => t.key)
  if (mode === 'ban') return { accepted: [], rejectedForever: keys }
  if (mode === 'reject') return { accepted: [], rejectedForever: [] }
  console.info(`[订阅消息·本地模拟] 已接受：${keys.join('、')}`)
  return { accepted: keys, rejectedForever: [] }
}
