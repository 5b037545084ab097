// Asking for 订阅消息 (docs/DESIGN.md#reminders): the weapp asks WeChat synchronously inside the tap, never asks for
// what the person refused for good or when their main switch is off, and tells the server what they accepted.
import { callAction } from './api'

jest.mock('./api', () => ({ callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

type Setting = { mainSwitch?: boolean; itemSettings?: Record<string, string> }

/** Loads the weapp implementation against a WeChat that holds `setting` and answers `answer` to a request. */
function weapp(setting: Setting, answer: Record<string, string>, after?: Setting) {
  let current = setting
  const requested: string[][] = []
  let mod: typeof import('./subscribe-ask.weapp') | undefined
  jest.isolateModules(() => {
    // The module registry is fresh here: the Taro it sees is this one.
    const T = require('@tarojs/taro').default as Record<string, unknown>
    T.getSetting = (o: { success: (r: unknown) => void }) => o.success({ subscriptionsSetting: current })
    T.requestSubscribeMessage = (o: { tmplIds: string[]; success: (r: Record<string, string>) => void }) => {
      requested.push(o.tmplIds)
      if (after) current = after
      o.success(answer)
    }
    mod = require('./subscribe-ask.weapp')
  })
  return { askTemplates: (mod as typeof import('./subscribe-ask.weapp')).askTemplates, requested }
}

const flush = () => new Promise((r) => setTimeout(r, 0))
const TEMPLATES = [
  { key: 'activity_reminder' as const, id: 'TPL-R' },
  { key: 'activity_change' as const, id: 'TPL-C' },
]

describe('weapp: requestSubscribeMessage', () => {
  it('asks inside the tap, before anything is awaited, and answers what was accepted', async () => {
    const { askTemplates, requested } = weapp({ mainSwitch: true, itemSettings: {} }, { 'TPL-R': 'accept', 'TPL-C': 'reject' })
    await flush()
    const answer = askTemplates(TEMPLATES)
    // Called synchronously: WeChat refuses a request that is not in the tap's own call stack.
    expect(requested).toEqual([['TPL-R', 'TPL-C']])
    expect(await answer).toEqual({ accepted: ['activity_reminder'], rejectedForever: [] })
  })

  it('does not ask for a template refused with 总是保持以上选择, and reports it', async () => {
    const { askTemplates, requested } = weapp({ mainSwitch: true, itemSettings: { 'TPL-C': 'reject' } }, { 'TPL-R': 'accept' })
    await flush()
    expect(await askTemplates(TEMPLATES)).toEqual({ accepted: ['activity_reminder'], rejectedForever: ['activity_change'] })
    expect(requested).toEqual([['TPL-R']])
  })

  it('asks nothing when the main switch is off', async () => {
    const { askTemplates, requested } = weapp({ mainSwitch: false }, {})
    await flush()
    expect(await askTemplates(TEMPLATES)).toEqual({ accepted: [], rejectedForever: [] })
    expect(requested).toEqual([])
  })

  it('learns a permanent refusal made in this very prompt from the settings read after it', async () => {
    const { askTemplates } = weapp(
      { mainSwitch: true, itemSettings: {} },
      { 'TPL-R': 'reject', 'TPL-C': 'reject' },
      {
        mainSwitch: true,
        itemSettings: { 'TPL-R': 'reject' },
      },
    )
    await flush()
    expect(await askTemplates(TEMPLATES)).toEqual({ accepted: [], rejectedForever: ['activity_reminder'] })
  })
})

describe('askFor', () => {
  it('asks nothing until the templates are loaded, then records the acceptance with the server', async () => {
    let sub: typeof import('./subscribe') | undefined
    jest.isolateModules(() => {
      sub = require('./subscribe')
    })
    const s = sub as typeof import('./subscribe')
    mockCall.mockReset()
    mockCall.mockImplementation((async (action: string) =>
      action === 'notify.config'
        ? { channel: 'local', templates: [{ key: 'review_result', id: 'local-review_result', title: '审核结果通知', label: '' }] }
        : { subscriptions: [] }) as typeof callAction)
    await s.askFor('claim')
    await flush()
    expect(mockCall.mock.calls.map((c) => c[0])).toEqual(['notify.config'])
    await s.askFor('claim')
    expect(mockCall).toHaveBeenLastCalledWith('notify.subscribe', { accepted: ['review_result'] })
    // A moment whose templates the deployment lacks asks nothing.
    const before = mockCall.mock.calls.length
    await s.askFor('signup')
    expect(mockCall.mock.calls.length).toBe(before)
  })
})

describe('述职 and 红旗小区 taps', () => {
  it('submitting 述职 asks for its 已阅 result and reminders; a 红旗 申报 for its step results and the 公示', async () => {
    let sub: typeof import('./subscribe') | undefined
    jest.isolateModules(() => {
      sub = require('./subscribe')
    })
    const s = sub as typeof import('./subscribe')
    const templates = ['review_result', 'review_digest', 'publicity_open', 'activity_reminder'].map((key) => ({
      key,
      id: `local-${key}`,
      title: key,
      label: '',
    }))
    mockCall.mockReset()
    mockCall.mockImplementation((async (action: string) =>
      action === 'notify.config' ? { channel: 'local', templates } : { subscriptions: [] }) as typeof callAction)
    await s.askFor('report')
    await flush()
    await s.askFor('report')
    expect(mockCall).toHaveBeenLastCalledWith('notify.subscribe', { accepted: ['review_result', 'review_digest'] })
    await s.askFor('redflag')
    expect(mockCall).toHaveBeenLastCalledWith('notify.subscribe', { accepted: ['review_result', 'publicity_open'] })
  })
})
