// Photos on the local backend: the bytes under DATA_DIR/files, who uploaded them in the store's `files`
// collection, and HMAC-signed URLs (an <Image> cannot send the Bearer token) that expire after an hour.
// Exports (docs/DESIGN.md#jobs) live in the same place under ids starting with X, behind the same signed links, and
// are served as attachments under their own file name; they are never accepted as a claim's photo.
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
  /** The file behind a signed URL, or null when the signature is wrong or expired; an export has its download name. */
  open(fileId: string, expires: string | null, signature: string | null): Promise<{ file: string; mime: FileDoc['mime']; name?: string } | null>
}

export function createLocalFiles(dir: string, store: Store, secret: Buffer, clock: Clock): LocalFiles {
  fs.mkdirSync(dir, { recursive: true })
  const sign = (id: string, exp: number) => createHmac('sha256', secret).update(`${id}.${exp}`).digest('base64url')
  const fileOf = (id: string) => path.join(dir, id)
  const durably = (id: string, bytes: Uint8Array) => {
    const tmp = `${fileOf(id)}.part`
    const fd = fs.openSync(tmp, 'w', 0o600)
    try {
      fs.writeSync(fd, bytes)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, fileOf(id))
  }

  return {
    async save(openid, bytes) {
      if (bytes.length === 0) throw new AppError('VALIDATION', '照片是空的，请重新选择', { field: 'file' })
      if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `照片过大（上限 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB）`)
      const mime = sniffImageType(bytes)
      if (!mime) throw new AppError('VALIDATION', '只能上传 JPG、PNG 或 WebP 格式的照片', { field: 'file' })
      const now = clock.now()
      const recent = (await store.find('files', { owner: openid })).filter((f) => f._id.startsWith('F') && f.createdAt > now - 24 * 3600_000)
      if (recent.length >= UPLOADS_PER_DAY) throw new AppError('RATE_LIMITED', `24 小时内最多上传 ${UPLOADS_PER_DAY} 张照片，请明天再试`)
      const id = `F${nanoid(16)}`
      durably(id, bytes)
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

    async put(file) {
      // The same key (a job's id) gives the same id, so a repeated write step replaces the file instead of adding one.
      const id = `X${createHmac('sha256', secret).update(`export.${file.key}`).digest('base64url').slice(0, 22)}`
      durably(id, file.bytes)
      const doc: FileDoc = {
        _id: id,
        owner: file.owner,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        createdAt: clock.now(),
        name: file.name,
      }
      await store.set('files', doc)
      return id
    },

    async read(fileId) {
      if (!/^X[A-Za-z0-9_-]{12,32}$/.test(fileId) || !(await store.get('files', fileId)) || !fs.existsSync(fileOf(fileId))) return null
      return new Uint8Array(fs.readFileSync(fileOf(fileId)))
    },

    async refuse(openid, fileIds) {
      const local = fileIds.filter((id) => id.startsWith('F'))
      const docs = local.length ? await store.find('files', { _id: new OneOf(local) }) : []
      const mine = new Set(docs.filter((d) => d.owner === openid && fs.existsSync(fileOf(d._id))).map((d) => d._id))
      return fileIds.filter((id) => !mine.has(id))
    },

    async urls(fileIds) {
      const exp = clock.now() + URL_TTL_MS
      return new Map(fileIds.filter((id) => /^[FX][A-Za-z0-9_-]+$/.test(id)).map((id) => [id, `/files/${id}?e=${exp}&s=${sign(id, exp)}`]))
    },

    async open(fileId, expires, signature) {
      if (!/^[FX][A-Za-z0-9_-]{12,32}$/.test(fileId) || !expires || !signature || !/^\d{1,15}$/.test(expires)) return null
      const exp = Number(expires)
      if (exp < clock.now()) return null
      const want = Buffer.from(sign(fileId, exp))
      const got = Buffer.from(signature)
      if (want.length !== got.length || !timingSafeEqual(want, got)) return null
      const doc = await store.get('files', fileId)
      if (!doc || !fs.existsSync(fileOf(fileId))) return null
      return { file: fileOf(fileId), mime: doc.mime, ...(doc.name ? { name: doc.name } : {}) }
    },
  }
}
