import { distanceMetres } from './geo'

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
