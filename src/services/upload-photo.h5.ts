import type { Envelope } from '@/core/errors'
import { getToken } from './session'
import type { UploadPhoto } from './upload-photo.types'

/** H5: the chosen image (a blob: URL) is posted as raw bytes to the local backend, which checks its type. */
export const uploadPhoto: UploadPhoto = async (path) => {
  const blob = await (await fetch(path)).blob()
  const headers: Record<string, string> = { 'Content-Type': blob.type || 'application/octet-stream' }
  const token = getToken()
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch('/files', { method: 'POST', headers, body: blob })
  const json = (await res.json().catch(() => null)) as Envelope<{ fileId: string }> | null
  if (json?.ok) return json.data.fileId
  throw new Error(json && !json.ok ? json.error.message : `照片上传失败（${res.status}），请稍后再试`)
}
