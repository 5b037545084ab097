// Default for type-checking and jest; the Taro build picks pick-location.weapp.ts or pick-location.h5.ts instead.
export { pickPlaceOnMap } from './pick-location.h5'
export type { PickedPlace, PickPlaceOnMap } from './pick-location.types'
