// Photos in WeChat cloud storage: the mini program uploads to claims/<openid>/<name> with wx.cloud.uploadFile and
// names the fileID in the claim. The server accepts only fileIDs under the caller's own folder that exist, and
// gives reviewers temporary URLs (getTempFileURL, an hour) — the storage rule can then stay "creator only".
// An estate secretary's deduction evidence goes to the same place, claims/<secretary openid>/ (one folder per
// uploader, whatever the photo is for): no second prefix to keep in step across the schema, this check and the
// upload service. Members see their deductions' evidence through the same temporary URLs.
// Exports (docs/DESIGN.md#jobs) are put by the server under exports/<openid>/<job id>.xlsx and fetched through the
// same temporary URLs; they are never under claims/, so nobody can attach one to a claim.
import type { FileStore } from '../../ports/files.port'

export interface CloudStorageApi {
  getTempFileURL(args: {
    fileList: { fileID: string; maxAge: number }[]
  }): Promise<{ fileList: { fileID: string; status: number; tempFileURL: string }[] }>
  uploadFile(args: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(args: { fileID: string }): Promise<{ fileContent: Buffer }>
}

const URL_MAX_AGE_S = 3600
/** getTempFileURL takes at most 50 files per call. */
const BATCH = 50
const OWN_FOLDER = /^cloud:\/\/[A-Za-z0-9._-]+\/claims\/([A-Za-z0-9_-]{1,64})\/[A-Za-z0-9._-]{1,80}$/

export function createCloudFiles(storage: CloudStorageApi): FileStore {
  async function temp(fileIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    for (let i = 0; i < fileIds.length; i += BATCH) {
      const r = await storage.getTempFileURL({ fileList: fileIds.slice(i, i + BATCH).map((fileID) => ({ fileID, maxAge: URL_MAX_AGE_S })) })
      for (const f of r.fileList ?? []) if (f.status === 0 && f.tempFileURL) out.set(f.fileID, f.tempFileURL)
    }
    return out
  }
  return {
    async refuse(openid, fileIds) {
      const inFolder = fileIds.filter((id) => OWN_FOLDER.exec(id)?.[1] === openid)
      const existing = inFolder.length ? await temp(inFolder) : new Map<string, string>()
      return fileIds.filter((id) => !existing.has(id))
    },
    async put(file) {
      const ext = /\.([a-z0-9]{1,8})$/i.exec(file.name)?.[1]?.toLowerCase() ?? 'bin'
      const folder = file.owner.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'anyone'
      const key = file.key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80)
      const r = await storage.uploadFile({ cloudPath: `exports/${folder}/${key}.${ext}`, fileContent: Buffer.from(file.bytes) })
      return r.fileID
    },
    async read(fileId) {
      if (!/^cloud:\/\/[A-Za-z0-9._-]+\/exports\//.test(fileId)) return null
      const r = await storage.downloadFile({ fileID: fileId })
      return r.fileContent ? new Uint8Array(r.fileContent) : null
    },
    async urls(fileIds) {
      if (!fileIds.length) return new Map()
      try {
        return await temp(fileIds)
      } catch (e) {
        // The review still works without the pictures; the page says they cannot be shown just now.
        console.error('[cloud] getTempFileURL', e)
        return new Map()
      }
    },
  }
}
