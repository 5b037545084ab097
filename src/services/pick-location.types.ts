// The platform contract for choosing an activity's check-in point (the geofence centre): WeChat's map picker in
// the mini program (pick-location.weapp.ts); none in H5 (pick-location.h5.ts), where the secretary uses
// "使用我当前的位置" (services/location.ts) or types the coordinates.
//
// Coordinate system: the point must be in the system members' check-ins send, since the server compares the two
// as they are (src/core/geo.ts). services/location.ts asks Taro.getLocation for GCJ-02 in the mini program, and
// wx.chooseLocation answers GCJ-02 too, so a point chosen here matches mini program check-ins. In H5 the browser
// only gives WGS-84 (GPS); services/location.ts shifts it to GCJ-02 (src/core/geo.ts wgs84ToGcj02).

export interface PickedPlace {
  lat: number
  lng: number
  /** The place's name (e.g. 幸福里小区东门), when the picker knows it. */
  name?: string
  address?: string
}

/** Opens the map picker (near `near` if given); null when the person cancels; rejects with a Chinese message. */
export type PickPlaceOnMap = (near?: { lat: number; lng: number }) => Promise<PickedPlace | null>
