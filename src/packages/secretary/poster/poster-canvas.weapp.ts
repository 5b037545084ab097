import { ActionError } from '@/services/errors'
import Taro from '@tarojs/taro'
import { a4Height, type PosterInfo } from './layout'
import { paintPoster, type PosterContext } from './paint'
import type { PosterCanvas } from './poster-canvas.types'

/**
 * A4 at 150 dpi: a phone's Canvas 2D at 2480 × 3508 needs ~35 MB of pixels, a risk on low-end phones (not measured
 * on a device), while 1240 × 1754 (~9 MB) still prints the text cleanly, and the 430 px 小程序码 from
 * wxacode.getUnlimited has no more detail to give at 300 dpi.
 */
const POSTER_WIDTH = 1240
const CANVAS_ID = 'poster-canvas'

interface CanvasNode {
  width: number
  height: number
  getContext(kind: '2d'): PosterContext
  createImage(): { src: string; onload: (() => void) | null; onerror: ((e: unknown) => void) | null }
}

function canvasNode(): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: CanvasNode }[]) => {
        const node = res?.[0]?.node
        if (node) resolve(node)
        else reject(new ActionError('INTERNAL', '海报画布未就绪，请稍后重试'))
      })
  })
}

/** The code arrives as a data URL; a Canvas 2D image loads a local file reliably, so it is written to one first. */
function codeFile(dataUrl: string): Promise<string> {
  const m = /^data:image\/(\w+);base64,(.*)$/s.exec(dataUrl)
  if (!m) return Promise.resolve(dataUrl)
  const filePath = `${Taro.env.USER_DATA_PATH}/poster-code.${m[1] === 'jpeg' ? 'jpg' : m[1]}`
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: m[2],
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: (e) => reject(new ActionError('INTERNAL', `签到码图片保存失败：${e.errMsg}`)),
    })
  })
}

function loadImage(canvas: CanvasNode, src: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const img = canvas.createImage()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new ActionError('INTERNAL', '签到码图片加载失败，请重试'))
    img.src = src
  })
}

const errMsg = (e: unknown): string => String((e as { errMsg?: string })?.errMsg ?? (e as Error)?.message ?? e)

async function drawOnCanvas(info: PosterInfo, codeImage: string): Promise<string> {
  const canvas = await canvasNode()
  canvas.width = POSTER_WIDTH
  canvas.height = a4Height(POSTER_WIDTH)
  const ctx = canvas.getContext('2d')
  const image = await loadImage(canvas, await codeFile(codeImage))
  paintPoster(ctx, info, image, POSTER_WIDTH)
  const r = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png', destWidth: canvas.width, destHeight: canvas.height } as never)
  return r.tempFilePath
}

/** weapp: draws on the page's Canvas 2D, exports a PNG temp file, saves it to the album (asking for the permission). */
export const posterCanvas: PosterCanvas = {
  width: POSTER_WIDTH,
  canvasId: CANVAS_ID,
  saveLabel: '保存到相册',
  async render(info, codeImage) {
    try {
      return await drawOnCanvas(info, codeImage)
    } catch (e) {
      throw e instanceof ActionError ? e : new ActionError('INTERNAL', `海报生成失败：${errMsg(e)}`)
    }
  },
  async save(src) {
    try {
      await Taro.saveImageToPhotosAlbum({ filePath: src })
      return 'saved'
    } catch (e) {
      const msg = errMsg(e)
      if (/cancel/i.test(msg)) return 'cancelled'
      // Consent to WeChat's 隐私保护指引 refused: nothing is saved, and the person is told why.
      if (/privacy/i.test(msg)) throw new ActionError('INTERNAL', '需要先同意《隐私保护指引》才能保存图片到相册')
      // The album permission was refused earlier: WeChat will not ask again, only its settings page can grant it.
      if (/auth|deny|denied|authorize/i.test(msg)) {
        const r = await Taro.showModal({
          title: '需要相册权限',
          content: '保存海报需要允许「保存到相册」。去设置中打开后，再点一次保存。',
          confirmText: '去设置',
        })
        if (r.confirm) await Taro.openSetting()
        return 'cancelled'
      }
      throw new ActionError('INTERNAL', `保存失败：${msg}`)
    }
  },
}
