// Renders pages of the *built* weapp (Taro's output in dist/weapp) with miniprogram-simulate, so a test sees what
// WeChat would render: WeChat's own wcc compiles base.wxml/utils.wxs and the page templates, j-component and
// exparser run them, and the Taro runtime drives them through setData exactly as on a phone.
//
// What miniprogram-simulate lacks for a Taro app, and how it is supplied here:
// - `App()`/`getApp()`: app.js calls App(config) once; we keep the config and run onLaunch/onShow, which starts
//   the React root. app.js itself requires runtime.js, taro.js, vendors.js (and common.js when present).
// - `Page()`: simulate only knows Component(). A Taro page is registered as a component whose `attached`
//   lifetime runs onLoad + onShow and `ready` runs onReady; every function of the page config (onLoad, eh, …)
//   becomes a method, so Taro's `this.setData`, `this.onReady.called` and event handler `eh` all work.
// - `wx.cloud`: replaced by a recorder that answers each callFunction with an envelope from the test.
// The test file must run in jsdom (`@jest-environment jsdom`): the simulated render layer is a DOM.
import * as fs from 'node:fs'
import * as path from 'node:path'

export interface CloudCall {
  name: string
  data: Record<string, unknown> & { action?: string }
}
/** Answers one `wx.cloud.callFunction`; the returned value is the function's `result` (an envelope). */
export type CloudHandler = (call: CloudCall) => unknown

interface SimulatedComponent {
  dom: HTMLElement
  data: Record<string, unknown>
  attach(parent: Element): void
  detach(): void
}
interface Simulate {
  load(componentPath: string, options?: Record<string, unknown>): string
  render(id: string, properties?: Record<string, unknown>): SimulatedComponent
  sleep(ms: number): Promise<void>
}

export interface RenderedPage {
  route: string
  component: SimulatedComponent
  /** The text WeChat would show (whitespace collapsed). */
  text(): string
  /** Resolves once the page shows `expected`; on timeout, fails with the page text and the cloud calls made. */
  waitForText(expected: string | RegExp, timeoutMs?: number): Promise<void>
}

export interface TaroWeapp {
  calls: CloudCall[]
  /** Everything logged with console.error since boot (render errors of React, Taro and the WXML runtime). */
  errors: string[]
  renderPage(route: string, query?: Record<string, string>): Promise<RenderedPage>
}

/** The weapp build to test: `WEAPP_DIR`, or dist/weapp of this repo. */
export function weappDir(): string {
  return path.resolve(process.env.WEAPP_DIR || path.join(__dirname, '../../dist/weapp'))
}

export function hasWeappBuild(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'app.json')) && fs.existsSync(path.join(dir, 'app.js'))
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()

/** Loads app.js of the build once per test file, with `cloud` answering every callFunction. */
export function bootTaroWeapp(dir: string, cloud: CloudHandler): TaroWeapp {
  const g = global as any
  // Requiring simulate defines global Component/Behavior and a mock `wx` with most of the API.

  const simulate: Simulate = require('miniprogram-simulate')

  const calls: CloudCall[] = []
  g.wx.cloud = {
    init() {},
    callFunction(options: CloudCall & { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: () => void }) {
      const call: CloudCall = { name: options.name, data: options.data || {} }
      calls.push(call)
      const done = Promise.resolve()
        .then(() => cloud(call))
        .then((result) => ({ result, errMsg: 'cloud.callFunction:ok', requestID: `test-${calls.length}` }))
      if (options.success || options.fail || options.complete) {
        done.then(options.success, options.fail).finally(() => options.complete?.())
        return undefined
      }
      return done
    },
  }
  // simulate's storage forgets every write; the app keeps its session and check-in queue there.
  const storage = new Map<string, unknown>()
  g.wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value)
  g.wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '')
  g.wx.removeStorageSync = (key: string) => void storage.delete(key)
  g.wx.clearStorageSync = () => storage.clear()
  // Asked for by WeChat's privacy flow; simulate does not mock it (no consent needed in a test).
  g.wx.getPrivacySetting ??= (o: any) => o?.success?.({ needAuthorization: false, privacyContractName: '' })
  g.wx.onNeedPrivacyAuthorization ??= () => undefined
  g.wx.requirePrivacyAuthorize ??= (o: any) => o?.success?.({})

  let app: any = null
  const pageStack: any[] = []
  let loadingRoute: string | null = null
  g.App = (config: any) => {
    app = config
  }
  g.getApp = () => app
  g.getCurrentPages = () => pageStack.slice()
  g.Page = (config: Record<string, any>) => {
    const route = loadingRoute
    const methods: Record<string, (...args: any[]) => unknown> = {}
    for (const key of Object.keys(config)) if (typeof config[key] === 'function') methods[key] = config[key]
    g.Component({
      data: config.data || {},
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = this.__route__ = route
          pageStack.push(this)
          this.onLoad(this.__query__ || {})
          this.onShow?.()
        },
        ready(this: any) {
          this.onReady?.()
        },
        detached(this: any) {
          this.onUnload?.()
          pageStack.splice(pageStack.indexOf(this), 1)
        },
      },
    })
  }

  // Render errors (React, Taro, WXML runtime) reach console.error; keep them for a failure message.
  const errors: string[] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) => {
    errors.push(
      args
        .map((a) => (a instanceof Error ? a.stack || a.message : String(a)))
        .join(' ')
        .slice(0, 400),
    )
    consoleError(...args)
  }

  require(path.join(dir, 'app.js'))
  if (!app) throw new Error(`${dir}/app.js did not call App()`)
  const launch = { path: '', query: {}, scene: 1001 }
  app.onLaunch?.(launch)
  app.onShow?.(launch)

  // A page's js registers it once (webpack runs a chunk's entry once), as on a phone; each render is a new
  // instance of that registration, like navigating to the page again.
  const pageIds = new Map<string, string>()
  function loadPage(route: string): string {
    const known = pageIds.get(route)
    if (known) return known
    loadingRoute = route
    try {
      const id = simulate.load(path.join(dir, route), {
        rootPath: dir,
        compiler: 'official',
        compilerOptions: { maxBuffer: 256 * 1024 * 1024 },
      })
      pageIds.set(route, id)
      return id
    } finally {
      loadingRoute = null
    }
  }

  async function renderPage(route: string, query: Record<string, string> = {}): Promise<RenderedPage> {
    const component = simulate.render(loadPage(route))
    // onLoad reads the query from the instance before `attached` finishes.
    ;(component as any).instance.__query__ = query
    component.attach(document.createElement('parent-wrapper'))

    const text = () => collapse(component.dom.textContent || '')
    return {
      route,
      component,
      text,
      async waitForText(expected, timeoutMs = 5000) {
        const matches = () => (typeof expected === 'string' ? text().includes(expected) : expected.test(text()))
        const deadline = Date.now() + timeoutMs
        while (!matches()) {
          if (Date.now() > deadline) {
            const made = calls.map((c) => `${c.name}:${c.data.action}`).join(', ') || 'none'
            const logged = errors.length ? errors.slice(-3).join('\n    ') : 'none'
            throw new Error(
              `${route} did not show ${String(expected)} within ${timeoutMs} ms.\n` +
                `  page text: ${JSON.stringify(text().slice(0, 600))}\n  cloud calls: ${made}\n` +
                `  console.error: ${logged}`,
            )
          }
          await simulate.sleep(10)
        }
      },
    }
  }

  return { calls, errors, renderPage }
}
