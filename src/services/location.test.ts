// The check-in position on a phone whose owner WeChat still has to ask (privacy popup or location prompt): their
// reading time must not turn a first check-in into one without a position. Driven with jest's fake clock.
import Taro from '@tarojs/taro'
import { ASKING_TIMEOUT_MS, currentLocation } from './location'

jest.mock('./platform', () => ({ platform: { name: 'weapp', locationDatum: 'gcj02' } }))

type Cb<T> = { success?: (r: T) => void; fail?: () => void }
const taro = Taro as unknown as {
  getLocation: jest.Mock
  getPrivacySetting?: (o: Cb<{ needAuthorization: boolean }>) => void
  getSetting?: (o: Cb<{ authSetting: Record<string, boolean | undefined> }>) => void
}
const HERE = { latitude: 30.2741, longitude: 120.1551 }

/** getLocation answering after `ms` (the person reading WeChat's popup, then the fix). */
function answersAfter(ms: number) {
  taro.getLocation.mockImplementationOnce(() => new Promise((resolve) => setTimeout(() => resolve(HERE), ms)))
}
function phone({ privacyOpen, locationAsked }: { privacyOpen: boolean; locationAsked: boolean }) {
  taro.getPrivacySetting = (o) => o.success?.({ needAuthorization: privacyOpen })
  taro.getSetting = (o) => o.success?.({ authSetting: locationAsked ? { 'scope.userLocation': true } : {} })
}

describe('currentLocation while WeChat asks first', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => {
    jest.useRealTimers()
    delete taro.getPrivacySetting
    delete taro.getSetting
    taro.getLocation.mockReset()
    taro.getLocation.mockImplementation(() => Promise.reject(new Error('getLocation denied')))
  })

  it('waits for a person reading the privacy popup (20 s), then gives the position', async () => {
    phone({ privacyOpen: true, locationAsked: true })
    answersAfter(20_000)
    const at = currentLocation()
    await jest.advanceTimersByTimeAsync(20_000)
    await expect(at).resolves.toEqual({ lat: HERE.latitude, lng: HERE.longitude })
  })

  it('waits likewise when the location prompt has never been answered', async () => {
    phone({ privacyOpen: false, locationAsked: false })
    answersAfter(15_000)
    const at = currentLocation()
    await jest.advanceTimersByTimeAsync(15_000)
    await expect(at).resolves.toEqual({ lat: HERE.latitude, lng: HERE.longitude })
  })

  it('still gives up, without a position, after ASKING_TIMEOUT_MS', async () => {
    phone({ privacyOpen: true, locationAsked: false })
    answersAfter(ASKING_TIMEOUT_MS + 5_000)
    const at = currentLocation()
    await jest.advanceTimersByTimeAsync(ASKING_TIMEOUT_MS)
    await expect(at).resolves.toBeUndefined()
  })

  it('a refusal in the popup ends the wait at once', async () => {
    phone({ privacyOpen: true, locationAsked: false })
    taro.getLocation.mockImplementationOnce(() => Promise.reject({ errMsg: 'getLocation:fail privacy permission is not authorized' }))
    const at = currentLocation()
    await jest.advanceTimersByTimeAsync(0)
    await expect(at).resolves.toBeUndefined()
  })

  it('once both are settled, a slow fix is cut at the usual 4 s (the check-in goes to review)', async () => {
    phone({ privacyOpen: false, locationAsked: true })
    answersAfter(20_000)
    const at = currentLocation()
    await jest.advanceTimersByTimeAsync(4_000)
    await expect(at).resolves.toBeUndefined()
  })
})
