// Carries out a poster layout on a 2D context (an HTML canvas on H5, a WeChat Canvas 2D node in the weapp): the
// same steps on both, so the two posters cannot drift apart.
import { type Measure, type PosterInfo, type PosterLayout, posterFont, posterLayout } from './layout'

/** The part of CanvasRenderingContext2D the poster uses (WeChat's Canvas 2D context has the same members). */
export interface PosterContext {
  fillStyle: unknown
  font: string
  textAlign: string
  textBaseline: string
  imageSmoothingEnabled: boolean
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void
}

export function measureWith(ctx: PosterContext): Measure {
  return (text, fontPx, bold) => {
    ctx.font = posterFont(fontPx, bold)
    return ctx.measureText(text).width
  }
}

/** Lays the poster out for a canvas `width` px wide and paints it, the code from `codeImage` (already loaded). */
export function paintPoster(ctx: PosterContext, info: PosterInfo, codeImage: unknown, width: number): PosterLayout {
  const layout = posterLayout(info, measureWith(ctx), width)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, layout.width, layout.height)
  ctx.textBaseline = 'top'
  for (const op of layout.ops) {
    if (op.kind === 'rect') {
      ctx.fillStyle = op.color
      ctx.fillRect(op.x, op.y, op.w, op.h)
    } else if (op.kind === 'text') {
      ctx.font = posterFont(op.fontPx, op.bold)
      ctx.fillStyle = op.color
      ctx.textAlign = op.align
      ctx.fillText(op.text, op.x, op.y)
    } else {
      // A QR's modules must stay sharp when enlarged (the local backend's QR is 8 px a module).
      ctx.imageSmoothingEnabled = false
      ctx.drawImage(codeImage, op.x, op.y, op.size, op.size)
      ctx.imageSmoothingEnabled = true
    }
  }
  return layout
}
