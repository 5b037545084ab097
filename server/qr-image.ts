// Renders the rotating code's QR as a GIF data URL (qrcode-generator is pure JS), so the secretary's screen
// needs no QR library in either client and the weapp main package stays small.
import qrcode from 'qrcode-generator'

export function renderQrDataUrl(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(8, 4)
}
