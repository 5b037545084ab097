import type { UploadType } from '../../src/core/contracts'

/** Local backend only: who uploaded which photo (in the cloud, WeChat's storage keeps that). */
export interface FileDoc {
  _id: string
  owner: string
  mime: UploadType
  size: number
  sha256: string
  createdAt: number
}
