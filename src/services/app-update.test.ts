// The weapp's update manager, driven through the Taro stub: a downloaded version is offered, 立即重启 applies it,
// 稍后 keeps the running one, and a base library without the manager is left alone.
import Taro from '@tarojs/taro'
import { UPDATE_TITLE, watchForUpdates } from './app-update.weapp'

type Listener = () => void
function fakeManager() {
  const ready: Listener[] = []
  const failed: Listener[] = []
  return {
    ready,
    failed,
    onCheckForUpdate: jest.fn(),
    onUpdateReady: jest.fn((fn: Listener) => void ready.push(fn)),
    onUpdateFailed: jest.fn((fn: Listener) => void failed.push(fn)),
    applyUpdate: jest.fn(),
  }
}

const taro = Taro as unknown as { getUpdateManager?: jest.Mock; showModal: jest.Mock }
const flush = () => new Promise((r) => setTimeout(r, 0))

describe('weapp update manager', () => {
  let manager: ReturnType<typeof fakeManager>
  beforeEach(() => {
    manager = fakeManager()
    taro.getUpdateManager = jest.fn(() => manager)
    taro.showModal.mockClear()
  })
  afterAll(() => {
    delete taro.getUpdateManager
  })

  it('asks once the new version is downloaded, and 立即重启 applies it', async () => {
    watchForUpdates()
    expect(taro.getUpdateManager).toHaveBeenCalledTimes(1)
    expect(manager.ready).toHaveLength(1)
    expect(taro.showModal).not.toHaveBeenCalled() // nothing to offer before onUpdateReady
    taro.showModal.mockResolvedValueOnce({ confirm: true, cancel: false })
    manager.ready[0]()
    await flush()
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: UPDATE_TITLE, confirmText: '立即重启', cancelText: '稍后' }))
    expect(manager.applyUpdate).toHaveBeenCalledTimes(1)
  })

  it('稍后 keeps the running version (the next cold start opens the new one)', async () => {
    watchForUpdates()
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    manager.ready[0]()
    await flush()
    expect(taro.showModal).toHaveBeenCalledTimes(1)
    expect(manager.applyUpdate).not.toHaveBeenCalled()
  })

  it('a failed download changes nothing', async () => {
    watchForUpdates()
    expect(manager.failed).toHaveLength(1)
    manager.failed[0]()
    await flush()
    expect(taro.showModal).not.toHaveBeenCalled()
    expect(manager.applyUpdate).not.toHaveBeenCalled()
  })

  it('a base library without the update manager is left alone', () => {
    delete taro.getUpdateManager
    expect(() => watchForUpdates()).not.toThrow()
    expect(taro.showModal).not.toHaveBeenCalled()
  })
})
