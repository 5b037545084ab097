// 审计调整: the county's audited correction of a member's points, allowed after finalisation on purpose.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import { toNumber } from '../../src/core/scoring'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { newId } from '../context/ids'
import { requireCounty } from '../queries/orgs'
import { adjustmentEntry } from '../services/ledger'

export async function adjustmentRecord(b: BodyOf<'adjustment.record'>, ctx: Ctx, deps: Deps) {
  const county = await requireCounty(deps.store)
  requireScope(ctx, ['county_admin'], county, '审计调整')
  const member = await deps.store.get('members', b.memberId)
  if (!member || !member.estateBranchId) fail('NOT_FOUND', `党员不存在或尚未报到：${b.memberId}`)
  const m = member
  // Allowed after finalisation on purpose: this is the audited correction path.
  const entry = adjustmentEntry(newId('ADJ_'), m, member.estateBranchId, b.year, b.points, '审计调整', b.reason, ctx)
  await deps.store.transaction(async (tx) => {
    await tx.create('ledger', entry)
    await tx.create(
      'audit',
      auditDoc(ctx, 'adjustment.record', entry._id, null, { memberId: m._id, year: b.year, points: b.points, reason: b.reason }),
    )
  })
  return { entryId: entry._id, points: toNumber(b.points) }
}
