import type { AuditDoc } from '../model/audit'
import type { Ctx } from './caller'
import { newId } from './ids'

export function auditDoc(ctx: Ctx, action: string, target: string, before: unknown, after: unknown): AuditDoc {
  const doc: AuditDoc = { _id: newId('AU'), at: ctx.now, openid: ctx.openid, action, target }
  if (before !== undefined && before !== null) doc.before = before
  if (after !== undefined && after !== null) doc.after = after
  return doc
}
