// 扣分: a secretary records a negative-list item against a member of their estate, with evidence.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import { toNumber } from '../../src/core/scoring'
import { shanghaiDate } from '../../src/core/working-days'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { newId } from '../context/ids'
import { ownPhotos } from '../context/photos'
import type { LedgerDoc } from '../model/score'
import { requireOrg } from '../queries/orgs'
import { rulesetInForce } from '../queries/rulesets'
import { assertYearOpen } from '../queries/year-settings'
import { adjustmentEntry } from '../services/ledger'

export async function deductionRecord(b: BodyOf<'deduction.record'>, ctx: Ctx, deps: Deps) {
  const member = await deps.store.get('members', b.memberId)
  if (!member || member.status !== 'active' || !member.estateBranchId) fail('NOT_FOUND', `党员不存在或尚未完成报到：${b.memberId}`)
  const m = member
  const estate = await requireOrg(deps.store, member.estateBranchId, 'estate', '小区党支部')
  requireScope(ctx, ['estate_secretary'], estate, '其他小区的党员')
  const at = Date.parse(`${b.occurredOn}T12:00:00+08:00`)
  if (b.occurredOn > shanghaiDate(ctx.now)) fail('VALIDATION', '发生日期（occurredOn）不能晚于今天', { field: 'occurredOn' })
  const year = Number(b.occurredOn.slice(0, 4))
  await assertYearOpen(deps.store, year)
  const ruleset = await rulesetInForce(deps.store, estate._id, year, b.occurredOn)
  const item = ruleset?.items.find((i) => i.code === b.itemCode)
  if (!ruleset || !item || item.points >= 0) fail('VALIDATION', `${b.itemCode} 不是现行积分明细中的负面清单条目`, { field: 'itemCode' })
  // Evidence photos are checked like a claim's: each must exist and have been uploaded by this secretary.
  const photos = await ownPhotos(ctx, deps.files, b.photos, '佐证照片')
  const entry: LedgerDoc = {
    ...adjustmentEntry(newId('DED_'), m, estate._id, year, item.points, `扣分：${item.name}`, b.reason, ctx, 'deduction'),
    itemCode: b.itemCode,
    itemName: item.name,
    category: item.category,
    rulesetId: ruleset._id,
    rulesetVersion: ruleset.version,
    at,
    ...(b.evidence ? { evidence: b.evidence } : {}),
    ...(photos.length ? { evidencePhotos: photos } : {}),
  }
  await deps.store.transaction(async (tx) => {
    await tx.create('ledger', entry)
    await tx.create(
      'audit',
      auditDoc(ctx, 'deduction.record', entry._id, null, {
        memberId: m._id,
        itemCode: b.itemCode,
        points: entry.points,
        reason: b.reason,
        evidence: b.evidence,
        photos,
      }),
    )
  })
  return { entryId: entry._id, points: toNumber(entry.points), year }
}
