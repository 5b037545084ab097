import Taro from '@tarojs/taro'
import type { PickPlaceOnMap } from './pick-location.types'
import { privacyProblem } from './privacy'

/** weapp: WeChat's map picker; its latitude/longitude are GCJ-02, like the check-ins (see pick-location.types.ts). */
export const pickPlaceOnMap: PickPlaceOnMap | null = async (near) => {
  try {
    const r = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {})
    return {
      lat: r.latitude,
      lng: r.longitude,
      ...(r.name ? { name: r.name } : {}),
      ...(r.address ? { address: r.address } : {}),
    }
  } catch (err) {
    if (/cancel/i.test(String((err as { errMsg?: string } | null)?.errMsg ?? err))) return null
    const why = privacyProblem(err)
    if (why) throw new Error(why)
    throw new Error('无法打开地图选点，请检查定位授权，或使用当前位置、手动填写经纬度')
  }
}
