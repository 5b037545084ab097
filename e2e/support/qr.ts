// Reads a QR code the way a phone camera would: from pixels (an element screenshot), not from the page's data.
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Locator } from 'playwright-core'

export function decodeQrPng(png: Buffer): string | null {
  const img = PNG.sync.read(png)
  const found = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)
  return found ? found.data : null
}

export async function readQr(image: Locator): Promise<string> {
  await image.evaluate((el) => (el instanceof HTMLImageElement && !el.complete ? el.decode() : undefined))
  const png = await image.screenshot({ type: 'png', animations: 'disabled' })
  const text = decodeQrPng(png)
  if (!text) throw new Error('the QR image on the 签到码 screen could not be decoded from its pixels')
  return text
}
