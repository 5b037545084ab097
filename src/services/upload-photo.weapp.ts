import Taro from '@tarojs/taro'
import type { UploadPhoto } from './upload-photo.types'

/**
 * weapp: cloud storage under claims/<openid>/ — the only folder the server accepts this user's photos from, for a
 * member's claim and a secretary's deduction evidence alike (one prefix on purpose, see fileIdSchema).
 */
export const uploadPhoto: UploadPhoto = async (path, openid) => {
  const ext = /\.(png|webp|jpe?g)$/i.exec(path)?.[1]?.toLowerCase() ?? 'jpg'
  const name = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.${ext}`
  try {
    const r = await Taro.cloud.uploadFile({ cloudPath: `claims/${openid}/${name}`, filePath: path })
    return r.fileID
  } catch {
    throw new Error('照片上传失败，请检查网络后重试')
  }
}
