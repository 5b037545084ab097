import { useState } from 'react'
import { useBusy } from '@/hooks/useBusy'
import { showInfo } from '@/services/feedback'
import { currentLocation } from '@/services/location'
import { pickPlaceOnMap } from '@/services/pick-location'
import type { PickedPlace } from '@/services/pick-location.types'
import { DEFAULT_GEOFENCE_RADIUS_M, parseCoordinate } from './geofence'

/**
 * 签到地点范围 (geofence): the point as typed or filled in by the map picker / current location, and the radius.
 * A picked place also fills the form's empty 地点 field.
 */
export function useGeofence(address: string, setAddress: (a: string) => void) {
  const [enabled, setEnabled] = useState(false)
  const [latText, setLatText] = useState('')
  const [lngText, setLngText] = useState('')
  const [radiusM, setRadiusM] = useState(DEFAULT_GEOFENCE_RADIUS_M)
  const [placeName, setPlaceName] = useState('')
  const locate = useBusy()

  const setPoint = (p: PickedPlace) => {
    // Six decimals is about 0.1 m: enough, and readable in the inputs.
    setLatText(String(Number(p.lat.toFixed(6))))
    setLngText(String(Number(p.lng.toFixed(6))))
    const label = [p.name, p.address].filter(Boolean).join(' · ')
    setPlaceName(label)
    if (!address.trim() && (p.name || p.address)) setAddress((p.name || p.address || '').slice(0, 100))
  }

  const lat = parseCoordinate(latText, 90)
  const lng = parseCoordinate(lngText, 180)
  const point = lat !== null && lng !== null ? { lat, lng } : null

  const pickOnMap = async () => {
    if (!pickPlaceOnMap) return
    try {
      const p = await pickPlaceOnMap(point ?? undefined)
      if (p) setPoint(p)
    } catch (err) {
      showInfo(err instanceof Error ? err.message : '无法打开地图选点')
    }
  }

  const fillFromHere = () =>
    locate.run(async () => {
      const here = await currentLocation(8000)
      if (!here) return showInfo('未能获取当前位置，请检查定位权限，或手动填写经纬度')
      setPoint(here)
    })

  const typeCoord = (set: (v: string) => void) => (e: { detail: { value: string } }) => {
    set(e.detail.value)
    setPlaceName('') // a typed point is no longer the picked place
  }

  return {
    enabled,
    setEnabled,
    latText,
    lngText,
    radiusM,
    setRadiusM,
    placeName,
    point,
    locating: locate.busy,
    pickOnMap,
    fillFromHere,
    typeLat: typeCoord(setLatText),
    typeLng: typeCoord(setLngText),
  }
}

export type GeofenceState = ReturnType<typeof useGeofence>
