/**
 * @jest-environment jsdom
 */
// WeChat review, on the built weapp (dist/weapp) under miniprogram-simulate: the app asks WeChat's update manager
// at launch and applies a downloaded version when the person agrees; a newcomer's 双报到 form, with its
// getPhoneNumber button, registers no privacy listener of its own (WeChat's official popup asks, on any page); and
// the build's app.json carries what src/app.config.ts declares. Needs `npx taro build --type weapp` first.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { answerFor, me, type Misfit } from './representative'
import { bootTaroWeapp, hasWeappBuild, weappDir, type TaroWeapp } from './taro-simulate'

const dir = weappDir()
const built = hasWeappBuild(dir)
if (!built) console.warn(`test/weapp/review skipped: no weapp build at ${dir} — run \`npx taro build --type weapp\``)

;(built ? describe : describe.skip)('the weapp build, as WeChat review sees it', () => {
  let weapp: TaroWeapp
  const misfits: Misfit[] = []
  const privacyListeners: unknown[] = []
  const modals: { title?: string; confirmText?: string }[] = []
  const updates = { managers: 0, ready: [] as (() => void)[], failed: [] as (() => void)[], applied: 0 }

  beforeAll(() => {
    const g = global as any
    // Defines the global `wx` that bootTaroWeapp then completes; installed before app.js loads, as on a phone.
    require('miniprogram-simulate')
    g.wx.onNeedPrivacyAuthorization = (listener: unknown) => void privacyListeners.push(listener)
    g.wx.getUpdateManager = () => {
      updates.managers++
      return {
        onCheckForUpdate() {},
        onUpdateReady: (fn: () => void) => void updates.ready.push(fn),
        onUpdateFailed: (fn: () => void) => void updates.failed.push(fn),
        applyUpdate: () => void updates.applied++,
      }
    }
    g.wx.showModal = (o: { title?: string; confirmText?: string; success?: (r: unknown) => void }) => {
      modals.push({ title: o.title, confirmText: o.confirmText })
      o.success?.({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    }
    // A newcomer: not yet a member, so 双报到 shows its form and the phone button.
    weapp = bootTaroWeapp(dir, (call) =>
      call.data.action === 'me.get' ? { ok: true, data: { openid: 'o-new', roles: [] } } : answerFor(call, misfits),
    )
  })

  it('asks the update manager once at launch, and 立即重启 applies a downloaded version', async () => {
    expect(updates.managers).toBe(1)
    expect(updates.ready).toHaveLength(1)
    expect(modals).toEqual([])
    updates.ready[0]()
    for (let i = 0; i < 50 && updates.applied === 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(modals).toEqual([{ title: '新版本已准备好', confirmText: '立即重启' }])
    expect(updates.applied).toBe(1)
  })

  it("a newcomer's 双报到 form shows the phone button and registers no privacy listener", async () => {
    const page = await weapp.renderPage('pages/register/index')
    try {
      await page.waitForText('微信手机号快捷验证')
      await page.waitForText('《隐私保护指引》')
    } finally {
      page.component.detach()
    }
    expect(privacyListeners).toEqual([])
    expect(misfits).toEqual([])
    expect(weapp.errors).toEqual([])
    expect(me.member).toBeDefined() // the shared fixture was not touched
  })

  it("app.json carries app.config.ts's location declarations, and no retired privacy switch", () => {
    const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'))
    ;(globalThis as { defineAppConfig?: unknown }).defineAppConfig = (c: unknown) => c
    const source = require('../../src/app.config').default
    expect(app.requiredPrivateInfos).toEqual(source.requiredPrivateInfos)
    expect(app.permission).toEqual(source.permission)
    expect(app).not.toHaveProperty('__usePrivacyCheck__')
  })
})
