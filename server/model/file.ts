import type { UploadType } from '../../src/core/contracts'

/**
 * Local backend only: who uploaded which photo, or whom the server produced an export for (in the cloud, WeChat's
 * storage keeps that). A photo's id starts with F, an export's with X (docs/DESIGN.md#jobs).
 */
export interface FileDoc {
  _id: string
  owner: string
  mime: UploadType | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  size: number
  sha256: string
  createdAt: number
  /** An export's download name (photos have none). */
  name?: string
}
