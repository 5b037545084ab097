// Document ids: random ones for events, deterministic ones where the storage must keep "one per key".
import { createHash } from 'node:crypto'
import { nanoid } from 'nanoid'

/** A random id (activities, audit records): 12 url-safe characters, ~71 bits. */
export function newId(prefix: string): string {
  return `${prefix}${nanoid(12)}`
}

/** A deterministic id: the storage then guarantees "one per key" without a read-then-write. */
export function keyId(prefix: string, ...parts: string[]): string {
  return `${prefix}${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 24)}`
}
