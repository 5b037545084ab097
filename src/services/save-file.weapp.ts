import Taro from '@tarojs/taro'
import type { SaveExport } from './save-file.types'

/**
 * weapp: download the export from its temporary link into the mini program's user data folder under its own name,
 * then open it in WeChat's document viewer, whose menu lets the person forward it to a chat or open it in another app.
 */
export const saveExport: SaveExport = async ({ url, filename }) => {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename.replace(/[\\/:*?"<>|]/g, '_')}`
  await new Promise<void>((resolve, reject) => {
    Taro.downloadFile({
      url,
      filePath,
      success: (r) => (r.statusCode === 200 ? resolve() : reject(new Error(`文件下载失败（${r.statusCode}），请重新导出`))),
      fail: (e) => reject(new Error(`文件下载失败：${e.errMsg}`)),
    })
  })
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
}
