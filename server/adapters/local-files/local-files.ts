// Photos on the local backend: the bytes under DATA_DIR/files, who uploaded them in the store's `files`
// collection, and HMAC-signed URLs (an <Image> cannot send the Bearer token) that expire after an hour.
import fs from 'node:fs'
import path from 'node:path'
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { nanoid } from 'nanoid'
import { sniffImageType, MAX_UPLOAD_BYTES, type UploadType } from '../../../src/core/contracts'
import { AppError } from '../../../src/core/errors'
import { OneOf, type Store } from '../../ports/store.port'
import type { Clock } from '../../ports/clock.port'
import type { FileStore } from '../../ports/files.port'
import type { FileDoc } from '../../model/file'

export const URL_TTL_MS = 3600_000
/** Uploads one person may make in 24 hours (3 photos a claim leaves room for ten claims). */
export const UPLOADS_PER_DAY = 30

export interface LocalFiles extends FileStore {
  /** Stores a photo durably (fsync before it is acknowledged) and answers its id. */
  save(openid: string, bytes: Buffer): Promise<{ fileId: string; mime: UploadType; size: number }>
  /** The file behind a signed URL, or null when the signature is wrong or expired. */
  open(fileId: string, expires: string | null, signature: string | null): Promise<{ file: string; mime: UploadType } | null>
}

export function createLocalFiles(dir: string, store: Store, secret: Buffer, clock: Clock): LocalFiles {
  fs.mkdirSync(dir, { recursive: true })
  const sign = (id: string, exp: number) => createHmac('sha256', secret).update(`${id}.${exp}`).digest('base64url')
  const fileOf = (id: string) => path.join(dir, id)

  return {
    async save(openid, bytes) {
      if (bytes.length === 0) throw new AppError('VALIDATION', '照片是空的，请重新选择', { field: 'file' })
      if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `照片过大（上限 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB）`)
      const mime = sniffImageType(bytes)
      if (!mime) throw new AppError('VALIDATION', '只能上传 JPG、PNG 或 WebP 格式的照片', { field: 'file' })
      const now = clock.now()
      const recent = (await store.find('files', { owner: openid })).filter((f) => f.createdAt > now - 24 * 3600_000)
      if (recent.length >= UPLOADS_PER_DAY) throw new AppError('RATE_LIMITED', `24 小时内最多上传 ${UPLOADS_PER_DAY} 张照片，请明天再试`)
      const id = `F${nanoid(16)}`
      const tmp = `${fileOf(id)}.part`
      const fd = fs.openSync(tmp, 'wx', 0o600)
      try {
        fs.writeSync(fd, bytes)
        fs.fsyncSync(fd)
      } finally {
        fs.closeSync(fd)
      }
      fs.renameSync(tmp, fileOf(id))
      const doc: FileDoc = {
        _id: id,
        owner: openid,
        mime,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        createdAt: now,
      }
      await store.create('files', doc)
      return { fileId: id, mime, size: bytes.length }
    },

    async refuse(openid, fileIds) {
      const local = fileIds.filter((id) => id.startsWith('F'))
      const docs = local.length ? await store.find('files', { _id: new OneOf(local) }) : []
      const mine = new Set(docs.filter((d) => d.owner === openid && fs.existsSync(fileOf(d._id))).map((d) => d._id))
      return fileIds.filter((id) => !mine.has(id))
    },

    async urls(fileIds) {
      const exp = clock.now() + URL_TTL_MS
      return new Map(fileIds.filter((id) => /^F[A-Za-z0-9_-]+$/.test(id)).map((id) => [id, `/files/${id}?e=${exp}&s=${sign(id, exp)}`]))
    },

    async open(fileId, expires, signature) {
      if (!/^F[A-Za-z0-9_-]{12,32}$/.test(fileId) || !expires || !signature || !/^\d{1,15}$/.test(expires)) return null
      const exp = Number(expires)
      if (exp < clock.now()) return null
      const want = Buffer.from(sign(fileId, exp))
      const got = Buffer.from(signature)
      if (want.length !== got.length || !timingSafeEqual(want, got)) return null
      const doc = await store.get('files', fileId)
      if (!doc || !fs.existsSync(fileOf(fileId))) return null
      return { file: fileOf(fileId), mime: doc.mime }
    },
  }
}
