import { fail } from '../../src/core/errors'
import type { FileStore } from '../ports/files.port'
import type { Ctx } from './caller'

/**
 * Photo ids sent with a claim or a deduction, once each; refused unless every one exists and was uploaded by the
 * caller (`what` names them in the message, e.g. 照片 / 佐证照片).
 */
export async function ownPhotos(ctx: Ctx, files: FileStore, ids: readonly string[] | undefined, what: string): Promise<string[]> {
  const photos = [...new Set(ids ?? [])]
  if (photos.length) {
    const refused = await files.refuse(ctx.openid, photos)
    if (refused.length) fail('VALIDATION', `有 ${refused.length} 张${what}不存在或不是您本人上传的，请重新上传`, { field: 'photos', ids: refused })
  }
  return photos
}
