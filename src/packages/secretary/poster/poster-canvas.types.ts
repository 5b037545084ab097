// The platform contract for drawing the check-in poster and handing it to the secretary: one implementation per
// platform, chosen by Taro at build time (poster-canvas.weapp.ts: Canvas 2D → temp file → 相册; poster-canvas.h5.ts:
// an offscreen <canvas> → PNG download).
import type { PosterInfo } from './layout'

export interface PosterCanvas {
  /** Canvas width in px (the height is A4's): see POSTER_WIDTH in each implementation for the choice. */
  readonly width: number
  /** The weapp draws on a <Canvas type="2d"> the page renders with this id; a browser needs no element. */
  readonly canvasId: string | null
  /** Draws the poster; answers an image src for the preview (a data URL on H5, a temp file path in the weapp). */
  render(info: PosterInfo, codeImage: string): Promise<string>
  /** Saves what `render` answered: to the phone's album (weapp) or as a PNG download (H5). */
  save(src: string, filename: string): Promise<'saved' | 'cancelled'>
  /** The button's words. */
  readonly saveLabel: string
}
