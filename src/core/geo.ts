/** Great-circle distance in metres (haversine); computed on the server, never trusted from the client. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6371008.8
  const rad = (d: number) => (d * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)))
}

export const DEFAULT_RADIUS_M = 500

// WGS-84 → GCJ-02 (the datum of maps and of WeChat's getLocation/chooseLocation in mainland China). Browsers
// report WGS-84, so H5 positions are shifted with this before they are compared with points set on weapp —
// otherwise they differ by a few hundred metres. The published GCJ-02 approximation (Krasovsky ellipsoid);
// outside mainland China both datums coincide.
const KRASOVSKY_A = 6378245.0
const KRASOVSKY_EE = 0.006693421622965943

function shiftLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0
  return r
}

function shiftLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0
  return r
}

const outsideMainland = (lat: number, lng: number) => lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271

export function wgs84ToGcj02(p: { lat: number; lng: number }): { lat: number; lng: number } {
  if (outsideMainland(p.lat, p.lng)) return { lat: p.lat, lng: p.lng }
  const radLat = (p.lat / 180.0) * Math.PI
  const s = Math.sin(radLat)
  const magic = 1 - KRASOVSKY_EE * s * s
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (shiftLat(p.lng - 105.0, p.lat - 35.0) * 180.0) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (shiftLng(p.lng - 105.0, p.lat - 35.0) * 180.0) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: p.lat + dLat, lng: p.lng + dLng }
}
