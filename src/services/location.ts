import Taro from '@tarojs/taro'

/**
 * The device's position for the geofence, or undefined — never blocks: a refusal, no signal indoors or a slow fix
 * just means the check-in is flagged for review.
 */
export async function currentLocation(timeoutMs = 4000): Promise<{ lat: number; lng: number } | undefined> {
  const fix = Taro.getLocation({ type: process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84' })
    .then((r) => ({ lat: r.latitude, lng: r.longitude }))
    .catch(() => undefined)
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs))
  return Promise.race([fix, timeout])
}
