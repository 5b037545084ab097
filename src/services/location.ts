import Taro from '@tarojs/taro'
import { wgs84ToGcj02 } from '@/core/geo'
import { platform } from './platform'

/**
 * How long a fix may take while WeChat first asks the person (its privacy popup, or the location prompt): their
 * reading time is not a slow fix, and a first check-in should not go to review because an older member read the
 * popup for more than a few seconds (docs/DESIGN.md#privacy-consent-and-updates).
 */
export const ASKING_TIMEOUT_MS = 60_000

/** Whether WeChat will ask before it answers getLocation (weapp): consent to the guide or to location still open. */
function willAsk(): Promise<boolean> {
  if (platform.name !== 'weapp') return Promise.resolve(false)
  const privacy = new Promise<boolean>((resolve) => {
    if (typeof Taro.getPrivacySetting !== 'function') return resolve(false)
    Taro.getPrivacySetting({ success: (r) => resolve(r.needAuthorization), fail: () => resolve(false) })
  })
  const scope = new Promise<boolean>((resolve) => {
    if (typeof Taro.getSetting !== 'function') return resolve(false)
    Taro.getSetting({ success: (r) => resolve(r.authSetting['scope.userLocation'] === undefined), fail: () => resolve(false) })
  })
  // Either question unanswered within a second counts as "will not ask": the short timeout keeps its old meaning.
  const unsure = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000))
  return Promise.race([Promise.all([privacy, scope]).then(([a, b]) => a || b), unsure])
}

/**
 * The device's position for the geofence, or undefined — never blocks: a refusal, no signal indoors or a slow fix
 * just means the check-in is flagged for review. While WeChat is still to ask the person, the fix may take up to
 * ASKING_TIMEOUT_MS (a refusal ends it at once).
 */
export async function currentLocation(timeoutMs = 4000): Promise<{ lat: number; lng: number } | undefined> {
  const wait = (await willAsk()) ? Math.max(timeoutMs, ASKING_TIMEOUT_MS) : timeoutMs
  // Every position the server compares is GCJ-02: WeChat gives it directly; a browser gives WGS-84, shifted here.
  const gcj02 = platform.locationDatum === 'gcj02'
  const fix = Taro.getLocation({ type: platform.locationDatum })
    .then((r) => (gcj02 ? { lat: r.latitude, lng: r.longitude } : wgs84ToGcj02({ lat: r.latitude, lng: r.longitude })))
    .catch(() => undefined)
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), wait))
  return Promise.race([fix, timeout])
}
