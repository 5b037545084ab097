import Taro from '@tarojs/taro'
import { wgs84ToGcj02 } from '@/core/geo'
import { platform } from './platform'

/**
 * The device's position for the geofence, or undefined — never blocks: a refusal, no signal indoors or a slow fix
 * just means the check-in is flagged for review.
 */
export async function currentLocation(timeoutMs = 4000): Promise<{ lat: number; lng: number } | undefined> {
  // Every position the server compares is GCJ-02: WeChat gives it directly; a browser gives WGS-84, shifted here.
  const gcj02 = platform.locationDatum === 'gcj02'
  const fix = Taro.getLocation({ type: platform.locationDatum })
    .then((r) => (gcj02 ? { lat: r.latitude, lng: r.longitude } : wgs84ToGcj02({ lat: r.latitude, lng: r.longitude })))
    .catch(() => undefined)
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs))
  return Promise.race([fix, timeout])
}
