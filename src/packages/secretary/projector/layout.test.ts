import { COUNT_EMS, SHORT_CODE_EMS, projectorLayout } from './layout'

/** Everything stacks inside the window: title, QR and (beside or below it) the digits and the count line. */
function assertFits(width: number, height: number, topInset = 0) {
  const l = projectorLayout(width, height, topInset)
  const h = height - topInset
  const titleH = Math.round(l.titlePx * 1.4)
  expect(l.qr).toBeGreaterThan(0)
  expect(l.shortPx * SHORT_CODE_EMS).toBeLessThanOrEqual(l.textWidth)
  expect(l.metaPx * COUNT_EMS).toBeLessThanOrEqual(l.textWidth)
  if (l.orientation === 'landscape') {
    expect(l.pad + l.qr + l.pad + l.textWidth + l.pad).toBeLessThanOrEqual(width)
    expect(l.pad + titleH + l.qr + l.pad).toBeLessThanOrEqual(h)
    expect(l.shortPx * 1.2 + l.metaPx * 3.2).toBeLessThanOrEqual(l.qr)
  } else {
    expect(l.qr).toBeLessThanOrEqual(width - 2 * l.pad)
    expect(l.pad + titleH + l.qr + l.pad + l.shortPx * 1.2 + l.metaPx * 1.6 + l.pad).toBeLessThanOrEqual(h + 1)
  }
  return l
}

describe('the projector layout', () => {
  it('fills a 1080p projector: landscape, the QR nearly the full height, the digits beside it', () => {
    const l = assertFits(1920, 1080)
    expect(l.orientation).toBe('landscape')
    expect(l.qr).toBeGreaterThanOrEqual(0.85 * 1080)
    expect(l.shortPx).toBeGreaterThanOrEqual(150)
  })

  it('on a 4:3 screen and an old 1024 × 768 projector the QR still takes most of the height', () => {
    for (const [w, h] of [
      [1024, 768],
      [1600, 1200],
    ]) {
      const l = assertFits(w, h)
      expect(l.orientation).toBe('landscape')
      expect(l.qr).toBeGreaterThanOrEqual(0.6 * h)
    }
  })

  it('on a portrait phone the QR spans the width and the digits go below', () => {
    const l = assertFits(375, 812, 44)
    expect(l.orientation).toBe('portrait')
    expect(l.qr).toBe(375 - 2 * l.pad)
    expect(l.shortPx).toBeGreaterThanOrEqual(60)
  })

  it('a short, wide window makes the QR smaller rather than overflow', () => {
    assertFits(1280, 400)
    assertFits(700, 680)
    assertFits(320, 480, 20)
  })

  it('a larger screen never gets a smaller QR', () => {
    let last = 0
    for (const w of [800, 1024, 1280, 1600, 1920, 2560, 3840]) {
      const l = projectorLayout(w, Math.round((w * 9) / 16))
      expect(l.qr).toBeGreaterThanOrEqual(last)
      last = l.qr
    }
  })
})
