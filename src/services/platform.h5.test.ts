/**
 * @jest-environment jsdom
 */
// The browser's keep-the-screen-on (docs/DESIGN.md#check-in-layers): a Screen Wake Lock while a code is shown, asked
// for again when the tab comes back (the browser drops it on hide), let go when the page goes away.
import { platform } from './platform.h5'

const flush = () => new Promise((r) => setTimeout(r, 0))

function fakeWakeLock() {
  const log: string[] = []
  Object.defineProperty(navigator, 'wakeLock', {
    configurable: true,
    value: {
      request: async (type: string) => {
        log.push(`request:${type}`)
        return { release: async () => void log.push('release') }
      },
    },
  })
  return log
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'wakeLock')
  setVisibility('visible')
})

it('takes a screen wake lock, takes it again when the tab is shown again, and releases it once', async () => {
  const log = fakeWakeLock()
  setVisibility('visible')
  const release = platform.keepScreenOn()
  await flush()
  expect(log).toEqual(['request:screen'])

  setVisibility('hidden') // the browser has dropped the lock; nothing to ask for while hidden
  await flush()
  expect(log).toEqual(['request:screen'])
  setVisibility('visible')
  await flush()
  expect(log).toEqual(['request:screen', 'request:screen'])

  release()
  await flush()
  expect(log).toEqual(['request:screen', 'request:screen', 'release'])
  // Gone for good: showing the tab again asks for nothing.
  setVisibility('hidden')
  setVisibility('visible')
  await flush()
  expect(log.filter((e) => e === 'request:screen')).toHaveLength(2)
})

it('a lock granted after the page has gone is let go at once', async () => {
  const log = fakeWakeLock()
  const release = platform.keepScreenOn()
  release() // before the browser answered
  await flush()
  expect(log).toEqual(['request:screen', 'release'])
})

it('does nothing, and does not fail, where the browser has no Wake Lock API', () => {
  expect('wakeLock' in navigator).toBe(false)
  const release = platform.keepScreenOn()
  expect(() => release()).not.toThrow()
})
