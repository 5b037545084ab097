import Taro from '@tarojs/taro'
import type { SaveWorkbook } from './save-file.types'

/**
 * weapp: write the workbook into the mini program's user data folder, then open it in WeChat's document viewer,
 * whose menu lets the person forward it to a chat or open it in another app.
 */
export const saveWorkbook: SaveWorkbook = async ({ filename, base64 }) => {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename.replace(/[\\/:*?"<>|]/g, '_')}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: (e) => reject(new Error(`文件保存失败：${e.errMsg}`)),
    })
  })
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
}
