import { distanceMetres, wgs84ToGcj02 } from './geo'

describe('distanceMetres', () => {
  it('measures 0.001° of latitude as about 111 m', () => {
    // One degree of latitude on the mean-radius sphere is 2πR/360 ≈ 111 195 m.
    expect(Math.abs(distanceMetres({ lat: 30, lng: 120 }, { lat: 30.001, lng: 120 }) - 111.195)).toBeLessThan(1)
  })
  it('shrinks a degree of longitude by cos(latitude), and is symmetric and zero at the same point', () => {
    const east = distanceMetres({ lat: 60, lng: 120 }, { lat: 60, lng: 120.001 })
    expect(Math.abs(east - 111.195 * Math.cos(Math.PI / 3))).toBeLessThan(1)
    const a = { lat: 30.27415, lng: 120.15515 }
    const b = { lat: 30.2761, lng: 120.1573 }
    expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 6)
    expect(distanceMetres(a, a)).toBe(0)
  })
})

describe('wgs84ToGcj02', () => {
  it('matches the published reference conversion (Beijing, 116.404 E 39.915 N)', () => {
    const g = wgs84ToGcj02({ lat: 39.915, lng: 116.404 })
    expect(g.lat).toBeCloseTo(39.91640428150164, 9)
    expect(g.lng).toBeCloseTo(116.41024449916938, 9)
  })
  it('moves a point in mainland China by a few hundred metres, and one abroad not at all', () => {
    const p = { lat: 30.27415, lng: 120.15515 }
    const shift = distanceMetres(p, wgs84ToGcj02(p))
    expect(shift).toBeGreaterThan(200)
    expect(shift).toBeLessThan(800)
    expect(wgs84ToGcj02({ lat: 51.5, lng: -0.12 })).toEqual({ lat: 51.5, lng: -0.12 })
  })
})
