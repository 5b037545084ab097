// weapp: wx.requestSubscribeMessage inside the tap. What the person chose for good ("总是保持以上选择") is read from
// wx.getSetting({ withSubscriptions: true }) — kept from the last answer, so asking needs no await first — and a
// template refused for good, or every template when the main switch is off, is not asked for again.
import Taro from '@tarojs/taro'
import type { AskTemplates, SubscribeAnswer } from './subscribe.types'

interface SubscriptionsSetting {
  mainSwitch?: boolean
  itemSettings?: Record<string, 'accept' | 'reject' | 'ban' | string>
}

let setting: SubscriptionsSetting | null = null

function readSetting(): Promise<SubscriptionsSetting | null> {
  return new Promise((resolve) => {
    Taro.getSetting({
      withSubscriptions: true,
      success: (r) =>
        resolve(((r as unknown as { subscriptionsSetting?: SubscriptionsSetting }).subscriptionsSetting ?? null) as SubscriptionsSetting | null),
      fail: () => resolve(null),
    } as Parameters<typeof Taro.getSetting>[0])
  })
}

// Read once at start, so the first tap already knows the person's permanent choices.
readSetting().then((s) => {
  setting = s
})

export const askTemplates: AskTemplates = (templates) => {
  const none: SubscribeAnswer = { accepted: [], rejectedForever: [] }
  if (setting && setting.mainSwitch === false) return Promise.resolve(none)
  const items = setting?.itemSettings ?? {}
  const refused = templates.filter((t) => items[t.id] === 'reject' || items[t.id] === 'ban')
  const ask = templates.filter((t) => !refused.includes(t)).slice(0, 3)
  if (!ask.length) return Promise.resolve({ accepted: [], rejectedForever: refused.map((t) => t.key) })
  return new Promise<SubscribeAnswer>((resolve) => {
    Taro.requestSubscribeMessage({
      tmplIds: ask.map((t) => t.id),
      success: (r: Record<string, string>) => {
        const accepted = ask.filter((t) => r[t.id] === 'accept').map((t) => t.key)
        // A refusal kept for good shows in the settings only after the answer: read them again.
        readSetting().then((s) => {
          setting = s
          const now = s?.itemSettings ?? {}
          const forever = templates.filter((t) => now[t.id] === 'reject' && !accepted.includes(t.key)).map((t) => t.key)
          resolve({ accepted, rejectedForever: forever })
        })
      },
      fail: () => resolve({ accepted: [], rejectedForever: refused.map((t) => t.key) }),
    } as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0])
  })
}
