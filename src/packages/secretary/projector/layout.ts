// The projector view's sizes (docs/DESIGN.md#check-in-layers): the rotating QR as large as the screen allows, the
// 6-digit code and the live count beside it on a landscape screen, below it on a portrait one. Pure, from the
// window's size in px, so the maths is tested without a screen.

export interface ProjectorLayout {
  orientation: 'landscape' | 'portrait'
  /** Outer margin. */
  pad: number
  titlePx: number
  /** Side of the square QR. */
  qr: number
  /** Font size of the 6-digit code (monospace, letter-spaced: six digits take ≈ 4.4 em). */
  shortPx: number
  /** Font size of the countdown and of "已签到 N 人". */
  metaPx: number
  /** Width of the text column (beside the QR, or the screen's width less the margins). */
  textWidth: number
}

/** Six monospace digits with 0.1 em spacing, in em. */
export const SHORT_CODE_EMS = 4.4
/** "已签到 999 人" at metaPx, in em. */
export const COUNT_EMS = 7

/** Sizes for a `width` × `height` px window, less `topInset` px (the weapp status bar under a custom navigation). */
export function projectorLayout(width: number, height: number, topInset = 0): ProjectorLayout {
  const w = Math.max(1, Math.floor(width))
  const h = Math.max(1, Math.floor(height - topInset))
  const pad = Math.max(8, Math.round(Math.min(w, h) * 0.03))
  const titlePx = Math.max(16, Math.round(Math.min(h * 0.05, w / 24)))
  const titleH = Math.round(titlePx * 1.4)
  if (w >= h) {
    // Beside the QR: a column of at least a quarter of the width for the digits and the count.
    const qr = Math.max(0, Math.min(h - 2 * pad - titleH, Math.round(w * 0.62)))
    const textWidth = w - qr - 3 * pad
    const shortPx = Math.floor(Math.min(textWidth / SHORT_CODE_EMS, h * 0.2))
    const metaPx = Math.floor(Math.min(textWidth / COUNT_EMS, h * 0.08))
    return { orientation: 'landscape', pad, titlePx, qr, shortPx, metaPx, textWidth }
  }
  const textWidth = w - 2 * pad
  const shortPx = Math.floor(Math.min(textWidth / SHORT_CODE_EMS, h * 0.1))
  const metaPx = Math.floor(Math.min(textWidth / COUNT_EMS, h * 0.045))
  // Below the QR: the digits (1.2 line) and one line of countdown and count (1.6 line), with margins between.
  const below = Math.round(shortPx * 1.2 + metaPx * 1.6) + 2 * pad
  const qr = Math.max(0, Math.min(textWidth, h - 2 * pad - titleH - below))
  return { orientation: 'portrait', pad, titlePx, qr, shortPx, metaPx, textWidth }
}
