import { ActionError } from '@/services/errors'
import { paintPoster, type PosterContext } from './paint'
import type { PosterCanvas } from './poster-canvas.types'
import { a4Height } from './layout'

/** A4 at 300 dpi: a browser handles a 2480 × 3508 canvas, and the PNG prints sharp. */
const POSTER_WIDTH = 2480

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new ActionError('INTERNAL', '签到码图片加载失败，请刷新后重试'))
    img.src = src
  })
}

/** H5: an offscreen <canvas>, exported as a PNG data URL and downloaded through a temporary <a download>. */
export const posterCanvas: PosterCanvas = {
  width: POSTER_WIDTH,
  canvasId: null,
  saveLabel: '下载海报（PNG）',
  async render(info, codeImage) {
    const canvas = document.createElement('canvas')
    canvas.width = POSTER_WIDTH
    canvas.height = a4Height(POSTER_WIDTH)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new ActionError('INTERNAL', '浏览器不支持画布，无法生成海报')
    paintPoster(ctx as unknown as PosterContext, info, await loadImage(codeImage), POSTER_WIDTH)
    return canvas.toDataURL('image/png')
  },
  async save(src, filename) {
    const a = document.createElement('a')
    a.href = src
    a.download = filename
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return 'saved'
  },
}
