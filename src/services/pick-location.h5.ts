import type { PickPlaceOnMap } from './pick-location.types'

/**
 * H5: no map picker — Taro's H5 chooseLocation needs a Tencent map key (LOCATION_APIKEY) this app does not have.
 * The secretary uses "使用我当前的位置" or types the coordinates instead.
 */
export const pickPlaceOnMap: PickPlaceOnMap | null = null
