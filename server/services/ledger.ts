// The ledger entries written by the actions that earn, adjust or deduct points.
import type { Ctx } from '../context/caller'
import type { AttendanceDoc } from '../model/activity'
import type { MemberDoc } from '../model/org'
import type { LedgerDoc } from '../model/score'
import { ledgerIdFor, type Basis } from '../queries/activities'

export function ledgerEntry(activity: Basis, att: AttendanceDoc, ctx: Ctx): LedgerDoc {
  return {
    _id: ledgerIdFor(att._id, att.round),
    memberId: att.memberId,
    estateBranchId: att.estateBranchId,
    unitBranchId: att.unitBranchId,
    year: activity.year,
    kind: att.claim ? 'claim' : 'activity',
    itemCode: activity.item.code,
    itemName: activity.item.name,
    category: activity.item.category,
    points: att.points ?? 0,
    rulesetId: activity.rulesetId,
    rulesetVersion: activity.rulesetVersion,
    sourceId: att._id,
    title: activity.title,
    at: activity.startAt,
    createdAt: ctx.now,
    createdBy: ctx.openid,
  }
}

/** A points correction (an accepted appeal, an audited adjustment) or a deduction, outside any activity. */
export function adjustmentEntry(
  id: string,
  member: MemberDoc,
  estateBranchId: string,
  year: number,
  points: number,
  title: string,
  reason: string,
  ctx: Ctx,
  kind: LedgerDoc['kind'] = 'adjustment',
): LedgerDoc {
  return {
    _id: id,
    memberId: member._id,
    estateBranchId,
    unitBranchId: member.unitBranchId,
    year,
    kind,
    itemCode: kind === 'adjustment' ? 'ADJ' : kind,
    itemName: kind === 'adjustment' ? '调整' : kind,
    category: kind === 'adjustment' ? '调整' : kind,
    points,
    rulesetId: '',
    rulesetVersion: 0,
    sourceId: id,
    reason,
    title,
    at: ctx.now,
    createdAt: ctx.now,
    createdBy: ctx.openid,
  }
}
