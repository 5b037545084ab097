// WeChat review, read from the source (docs/DESIGN.md#privacy-consent-and-updates): app.config.ts declares exactly
// the location APIs the code calls (requiredPrivateInfos) and a usable permission text for each location scope;
// no deprecated chooseImage is left; no privacy listener is registered (WeChat's own popup asks on every page);
// and the README's 上线清单 names every privacy API the code calls with the 隐私保护指引 item it needs.
import * as fs from 'node:fs'
import * as path from 'node:path'

const SRC = __dirname
const ROOT = path.join(SRC, '..')

/** Each privacy API of WeChat (wx.* call or a button's open-type) → the 用户隐私保护指引 item it must be declared under. */
const PRIVACY_APIS: Record<string, string> = {
  getLocation: '位置信息',
  getFuzzyLocation: '位置信息',
  startLocationUpdate: '位置信息',
  startLocationUpdateBackground: '位置信息',
  onLocationChange: '位置信息',
  chooseLocation: '选择的位置信息',
  choosePoi: '选择的位置信息',
  chooseAddress: '地址',
  getPhoneNumber: '手机号',
  getRealtimePhoneNumber: '手机号',
  chooseImage: '选中的照片或视频信息',
  chooseMedia: '选中的照片或视频信息',
  chooseVideo: '选中的照片或视频信息',
  chooseMessageFile: '选中的文件',
  saveImageToPhotosAlbum: '相册（仅写入）权限',
  saveVideoToPhotosAlbum: '相册（仅写入）权限',
  getClipboardData: '剪切板',
  setClipboardData: '剪切板',
  chooseAvatar: '昵称、头像',
  getWeRunData: '微信运动步数',
  addPhoneContact: '通讯录（仅写入）权限',
  addPhoneCalendar: '日历（仅写入）权限',
  startRecord: '麦克风',
  getRecorderManager: '麦克风',
  createCameraContext: '摄像头',
  openBluetoothAdapter: '蓝牙',
}
/** The APIs `requiredPrivateInfos` must list when called (WeChat refuses them otherwise). */
const REQUIRED_PRIVATE_INFOS = [
  'getFuzzyLocation',
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
]
/** The only scopes app.json's `permission` accepts, and the APIs that need each. */
const PERMISSION_SCOPES: Record<string, string[]> = {
  'scope.userLocation': ['getLocation', 'startLocationUpdate', 'onLocationChange'],
  'scope.userFuzzyLocation': ['getFuzzyLocation'],
  'scope.userLocationBackground': ['startLocationUpdateBackground'],
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) sourceFiles(p, out)
    else if (/\.tsx?$/.test(entry.name)) out.push(p)
  }
  return out
}
const all = sourceFiles(SRC)
const isTest = (f: string) => /\.test\.tsx?$/.test(f)
// What the weapp build can reach: app code, without tests and without the H5-only implementations.
const weappFiles = all.filter((f) => !isTest(f) && !/\.h5\.tsx?$/.test(f))
const rel = (f: string) => path.relative(ROOT, f)

/** Every WeChat API the weapp code calls (Taro.x(…) or wx.x(…)) and every button open-type, with where. */
function calledApis(): Map<string, string[]> {
  const found = new Map<string, string[]>()
  const add = (api: string, file: string) => found.set(api, [...(found.get(api) ?? []), rel(file)])
  for (const f of weappFiles) {
    const text = fs.readFileSync(f, 'utf8')
    for (const m of text.matchAll(/\b(?:Taro|wx)\.(\w+)\s*\(/g)) add(m[1], f)
    for (const m of text.matchAll(/openType=['"{]+(\w+)/g)) add(m[1], f)
  }
  return found
}
const called = calledApis()
const calledPrivacy = [...called.keys()].filter((api) => api in PRIVACY_APIS).sort()

;(globalThis as { defineAppConfig?: unknown }).defineAppConfig = (c: unknown) => c
const appConfig = require('./app.config').default as {
  requiredPrivateInfos?: string[]
  permission?: Record<string, { desc: string }>
  __usePrivacyCheck__?: boolean
}

describe('WeChat review: what app.config.ts declares matches what the code calls', () => {
  it('finds the privacy APIs the app is known to call (the scan itself works)', () => {
    expect(called.get('getLocation')).toContain('src/services/location.ts')
    expect(called.get('getPhoneNumber')).toContain('src/pages/register/index.tsx')
    expect(calledPrivacy).toEqual(expect.arrayContaining(['chooseLocation', 'chooseMedia', 'chooseMessageFile', 'getLocation', 'getPhoneNumber']))
  })

  it('requiredPrivateInfos lists exactly the location APIs called', () => {
    const needed = REQUIRED_PRIVATE_INFOS.filter((api) => called.has(api)).sort()
    expect([...(appConfig.requiredPrivateInfos ?? [])].sort()).toEqual(needed)
  })

  it('permission declares each location scope the code needs, and only those, with a text of at most 30 characters', () => {
    const permission = appConfig.permission ?? {}
    const needed = Object.keys(PERMISSION_SCOPES)
      .filter((scope) => PERMISSION_SCOPES[scope].some((api) => called.has(api)))
      .sort()
    expect(Object.keys(permission).sort()).toEqual(needed)
    for (const scope of needed) {
      const desc = permission[scope].desc
      expect(desc.trim()).not.toBe('')
      expect([...desc].length).toBeLessThanOrEqual(30)
    }
    // Both uses of location are named: a member's check-in and the secretary's check-in point.
    expect(permission['scope.userLocation'].desc).toMatch(/签到/)
    expect(permission['scope.userLocation'].desc).toMatch(/发布活动/)
  })

  it('photos come through chooseMedia: no deprecated chooseImage anywhere in src, tests included', () => {
    const offenders = all.filter((f) => /\b(?:Taro|wx)\.chooseImage\b/.test(fs.readFileSync(f, 'utf8'))).map(rel)
    expect(offenders).toEqual([])
    expect(called.get('chooseMedia')).toContain('src/components/PhotoPicker/index.tsx')
  })

  it('registers no privacy listener, so WeChat shows its own consent popup on whatever page first needs it', () => {
    const listeners = all
      .filter((f) => !isTest(f))
      .filter((f) => /\b(?:Taro|wx)\.onNeedPrivacyAuthorization\b|openType=['"]agreePrivacyAuthorization/.test(fs.readFileSync(f, 'utf8')))
      .map(rel)
    expect(listeners).toEqual([])
    // The retired debug switch is gone (the check is always on).
    expect(appConfig.__usePrivacyCheck__).toBeUndefined()
  })

  it('app.ts starts the update manager once, outside the component (not on every render)', () => {
    const app = fs.readFileSync(path.join(SRC, 'app.ts'), 'utf8')
    const beforeComponent = app.slice(0, app.indexOf('function App('))
    expect(beforeComponent).toMatch(/^watchForUpdates\(\)$/m)
    expect(app.slice(app.indexOf('function App('))).not.toMatch(/watchForUpdates/)
    const weapp = fs.readFileSync(path.join(SRC, 'services/app-update.weapp.ts'), 'utf8')
    for (const step of ['getUpdateManager()', 'onUpdateReady(', 'showModal(', 'applyUpdate()']) expect(weapp).toContain(step)
  })
})

describe('README 上线清单 keeps up with the code', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const start = readme.indexOf('## 上线清单')
  const end = start < 0 ? -1 : readme.indexOf('\n## ', start + 1)
  const checklist = start < 0 ? '' : readme.slice(start, end < 0 ? undefined : end)

  it('exists, and each of its steps is a checkbox', () => {
    expect(start).toBeGreaterThan(-1)
    expect((checklist.match(/^- \[ \] /gm) ?? []).length).toBeGreaterThanOrEqual(15)
  })

  it.each(calledPrivacy.map((api) => [api, PRIVACY_APIS[api]]))('names %s under the guide item 「%s」', (api, item) => {
    const row = checklist.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${api}\``))
    expect(row).toBeDefined()
    expect(row).toContain(item)
  })

  it('names each requiredPrivateInfos entry as an interface to enable in the console', () => {
    for (const api of appConfig.requiredPrivateInfos ?? []) expect(checklist).toMatch(new RegExp(`接口设置[^\\n]*\`${api}\``))
  })
})
