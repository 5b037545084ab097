// Cutting a long list into calls that each stay bounded (docs/DESIGN.md#directory-import): at most so many items, and
// a body within MAX_BODY_BYTES counted as the server counts it, in UTF-8 bytes.
import { MAX_BODY_BYTES, utf8Bytes } from './contracts'

/** What one call's list may weigh, leaving room for the other fields of the body and what the platform adds. */
export const CHUNK_BODY_BUDGET = MAX_BODY_BYTES - 4 * 1024

/** Consecutive chunks of at most `maxItems` items whose JSON stays within `budget` bytes; in order, nothing lost. */
export function chunkByBytes<T>(items: readonly T[], maxItems: number, budget = CHUNK_BODY_BUDGET): T[][] {
  const out: T[][] = []
  let cur: T[] = []
  let bytes = 2
  for (const item of items) {
    const size = utf8Bytes(JSON.stringify(item)) + 1
    if (cur.length && (cur.length >= maxItems || bytes + size > budget)) {
      out.push(cur)
      cur = []
      bytes = 2
    }
    cur.push(item)
    bytes += size
  }
  if (cur.length) out.push(cur)
  return out
}
